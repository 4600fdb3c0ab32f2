/**
 * Delivery of due tasks: a per-queue dispatcher woken by due times (no polling), a token bucket and a concurrency cap,
 * Cloud Tasks' backoff policy, and asynchronous HTTP delivery with the service's headers and tokens.
 */
package io.github.camelgcptasks.emulator.dispatch;
