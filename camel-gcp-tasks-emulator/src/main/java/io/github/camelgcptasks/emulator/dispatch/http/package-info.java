/**
 * The HTTP/1.1 client of task deliveries, non-blocking on the emulator's own Netty event loops: connections pooled
 * per loop and origin, redirects followed within one attempt, one deadline per attempt, TLS with the JDK's default
 * trust.
 */
package io.github.camelgcptasks.emulator.dispatch.http;
