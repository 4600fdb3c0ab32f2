/**
 * A local, in-memory Google Cloud Tasks emulator: {@link io.github.camelgcptasks.emulator.CloudTasksEmulator} is the
 * entry point. Sub-packages, one job each: {@code grpc} (the v2 gRPC service), {@code queue} (queues, tasks,
 * tombstones and the service's validation rules), {@code dispatch} (scheduling, rate limits, retries and HTTP
 * delivery), {@code oidc} (signing key and key server), {@code junit} (JUnit 5 extension), {@code cli} (standalone
 * command line).
 */
package io.github.camelgcptasks.emulator;
