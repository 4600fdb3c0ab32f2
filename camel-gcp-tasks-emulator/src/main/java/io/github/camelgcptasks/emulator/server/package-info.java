/**
 * The emulator's listening port: gRPC and REST/JSON on one address, serving the same service definitions.
 */
package io.github.camelgcptasks.emulator.server;
