package io.github.camelgcptasks.springboot.servlet;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Spring Boot app with one gcp-tasks consumer on Spring MVC's Tomcat through platform-http, and a filter before
 * all others that counts the body bytes anything in the application read of each request. Tomcat's sockets get a
 * small receive buffer, so that what a client manages to write is close to what Tomcat itself read.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class GateTestApplication {

    static final String QUEUE = "gate";

    @Bean
    RouteBuilder gateRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("gcp-tasks:" + QUEUE).routeId("gate").to("mock:delivered");
            }
        };
    }

    /** The size of Tomcat's socket receive buffer; the kernel may double it. */
    static final int RECEIVE_BUFFER = 64 * 1024;

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> smallReceiveBuffer() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("socket.rxBufSize", Integer.toString(RECEIVE_BUFFER)));
    }

    @Bean
    BodyReadCounter bodyReadCounter() {
        return new BodyReadCounter();
    }

    @Bean
    FilterRegistrationBean<BodyReadCounter> bodyReadCounterRegistration(BodyReadCounter counter) {
        FilterRegistrationBean<BodyReadCounter> registration = new FilterRegistrationBean<>(counter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Counts what the application read of the last request's body, once the request is over. */
    static final class BodyReadCounter extends OncePerRequestFilter {

        private final AtomicReference<Long> lastRequestBytes = new AtomicReference<>();

        void reset() {
            lastRequestBytes.set(null);
        }

        /** The bytes read of the last request's body; null until a request has ended since {@link #reset()}. */
        Long lastRequestBytes() {
            return lastRequestBytes.get();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            AtomicLong read = new AtomicLong();
            HttpServletRequest counting = new Counting(request, read);
            try {
                chain.doFilter(counting, response);
            } finally {
                if (counting.isAsyncStarted()) {
                    // platform-http answers asynchronously: the body may still be read after the chain has returned
                    counting.getAsyncContext().addListener(new AsyncListener() {
                        @Override
                        public void onComplete(AsyncEvent event) {
                            lastRequestBytes.set(read.get());
                        }

                        @Override
                        public void onTimeout(AsyncEvent event) {
                        }

                        @Override
                        public void onError(AsyncEvent event) {
                            lastRequestBytes.set(read.get());
                        }

                        @Override
                        public void onStartAsync(AsyncEvent event) {
                        }
                    });
                } else {
                    lastRequestBytes.set(read.get());
                }
            }
        }
    }

    private static final class Counting extends HttpServletRequestWrapper {

        private final AtomicLong read;

        Counting(HttpServletRequest request, AtomicLong read) {
            super(request);
            this.read = read;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        read.incrementAndGet();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        read.addAndGet(n);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
