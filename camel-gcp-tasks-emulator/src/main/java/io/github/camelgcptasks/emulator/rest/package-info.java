/**
 * REST/JSON for the emulator's gRPC services: routes read from the {@code google.api.http} rules of the methods,
 * requests and answers in proto3 JSON through protobuf's {@code JsonFormat}, errors in Google's JSON error shape.
 */
package io.github.camelgcptasks.emulator.rest;
