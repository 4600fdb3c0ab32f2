package io.github.camelgcptasks.examples.orders;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders contract against a Camel Main variant of the app, started once per test class as {@code mvn exec:exec}
 * starts it, on the embedded emulator and a free port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OrdersMainAppContract extends OrdersApiContract {

    private RunningMainApp app;

    /** What the variant's own main class adds before start (routes, beans). */
    protected abstract void configure(Main main);

    @BeforeAll
    void startApp() throws Exception {
        app = RunningMainApp.start((main, api) -> configure(main));
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Override
    protected OrdersApi api() {
        return app.api();
    }

    /** application.properties bounds request bodies (camel.server.max-body-size) to Cloud Tasks' limit plus 64 KB. */
    @Test
    void aBodyOverTheServersLimitIsRefusedWith413() {
        assertThat(api().placeChunkedBody(2 * 1024 * 1024)).isEqualTo(413);
    }
}
