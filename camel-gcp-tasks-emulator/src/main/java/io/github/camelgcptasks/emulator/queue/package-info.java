/**
 * The in-memory state: queues, tasks and tombstones, with the real service's names, defaults, limits, error codes and
 * messages. Knows nothing about gRPC or HTTP.
 */
package io.github.camelgcptasks.emulator.queue;
