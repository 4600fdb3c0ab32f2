/** Fault injection: chosen RPCs of the CloudTasks service answered with an error status or late, for retry tests. */
package io.github.camelgcptasks.emulator.fault;
