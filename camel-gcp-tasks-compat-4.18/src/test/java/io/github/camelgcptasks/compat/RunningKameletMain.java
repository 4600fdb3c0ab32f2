package io.github.camelgcptasks.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.camelgcptasks.emulator.junit.FreePort;
import org.apache.camel.CamelContext;
import org.apache.camel.main.KameletMain;

/**
 * KameletMain started the way {@code camel run ROUTES} starts it: routes picked up by
 * {@code camel.main.routesIncludePattern}, dependency download on (what the routes need is on the test classpath, so
 * only Apache's Kamelet catalog is looked for, and an error is logged where it cannot be fetched), and the
 * platform-http server KameletMain adds when a route needs one. Besides what each test passes, only the HTTP port is
 * set, to a free one.
 */
final class RunningKameletMain implements AutoCloseable {

    private final KameletMain main;
    private final int httpPort;

    private RunningKameletMain(KameletMain main, int httpPort) {
        this.main = main;
        this.httpPort = httpPort;
    }

    /**
     * @param routes     what {@code camel run} is given, as a resource location such as {@code classpath:jbang/x.yaml}
     * @param properties application properties, as in an {@code application.properties} beside the routes
     */
    static RunningKameletMain start(String routes, Map<String, String> properties) throws Exception {
        int port = freePort();
        writeRunSettings(port);
        KameletMain main = new KameletMain("camel-gcp-tasks-test");
        main.setDownload(true);
        main.setFresh(false);
        main.addInitialProperty("camel.main.routesIncludePattern", routes);
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        properties.forEach(main::addInitialProperty);
        main.start();
        return new RunningKameletMain(main, port);
    }

    /**
     * {@code camel run --port=N} writes the port to {@code .camel-jbang/camel-jbang-run.properties}, where KameletMain's
     * platform-http server reads it, as well as passing it as a property.
     */
    private static void writeRunSettings(int port) throws IOException {
        Path settings = Path.of(".camel-jbang", "camel-jbang-run.properties");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "camel.server.port=" + port + System.lineSeparator());
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    int httpPort() {
        return httpPort;
    }

    /** A port for the app that the embedded emulator's own port-0 servers cannot be given meanwhile. */
    static int freePort() {
        return FreePort.belowEphemeralRange();
    }

    @Override
    public void close() {
        main.stop();
    }
}
