// Checks that Google's Node.js Cloud Tasks client (@google-cloud/tasks) works
// unchanged against the emulator over plaintext gRPC (the checks are in checks.mjs).
//
//   EMULATOR_HOST=127.0.0.1:8123 node --test client-check.mjs

import * as grpc from '@grpc/grpc-js';
import { CloudTasksClient } from '@google-cloud/tasks';
import { emulatorAddress, runClientChecks } from './checks.mjs';

const { host, port } = emulatorAddress();

runClientChecks('gRPC', () => new CloudTasksClient({
  servicePath: host,
  port,
  // Plaintext gRPC, no Google credentials: sslCreds replaces the default TLS + Google auth channel credentials
  // entirely. universeDomain, given explicitly, keeps the client from looking for credentials (and probing the GCE
  // metadata server) just to learn the universe domain when it opens the channel.
  sslCreds: grpc.credentials.createInsecure(),
  universeDomain: 'googleapis.com',
}), (err) => grpc.status[err.code]);
