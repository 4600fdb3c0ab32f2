package io.github.camelgcptasks.emulator.server;

import java.util.concurrent.CompletionStage;

/** Answers the HTTP/1.1 calls to the emulator's port: the REST API, and the web console in front of it. */
@FunctionalInterface
public interface HttpService {

    /** The answer, once known; never fails (a failure is answered as an error document). */
    CompletionStage<HttpAnswer> serve(HttpCall call);
}
