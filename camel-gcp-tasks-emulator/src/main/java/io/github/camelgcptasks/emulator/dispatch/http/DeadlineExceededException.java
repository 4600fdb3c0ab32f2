package io.github.camelgcptasks.emulator.dispatch.http;

import java.io.IOException;

/** The target did not answer within the attempt's deadline. */
public final class DeadlineExceededException extends IOException {

    DeadlineExceededException() {
        super("no answer within the dispatch deadline");
    }
}
