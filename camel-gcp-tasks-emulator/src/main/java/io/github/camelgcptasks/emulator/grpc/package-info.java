/** The {@code google.cloud.tasks.v2.CloudTasks} gRPC service, mapping requests to the queue model and errors to statuses. */
package io.github.camelgcptasks.emulator.grpc;
