// Checks that Google's Node.js Cloud Tasks client (@google-cloud/tasks) works
// unchanged against the emulator over its REST fallback (HTTP/1.1 and JSON), at
// the same host and port as gRPC (the checks are in checks.mjs).
//
//   EMULATOR_HOST=127.0.0.1:8123 node --test rest-client-check.mjs

import assert from 'node:assert/strict';
import { CloudTasksClient } from '@google-cloud/tasks';
import { PassThroughClient } from 'google-auth-library';
import { emulatorAddress, runClientChecks } from './checks.mjs';

const { host, port } = emulatorAddress();

runClientChecks('REST', () => new CloudTasksClient({
  fallback: true,
  protocol: 'http',
  servicePath: host,
  port,
  // sends requests as they are, with no credentials and no search for them
  authClient: new PassThroughClient(),
  universeDomain: 'googleapis.com',
}), (err) => {
  // the REST transport hands on the HTTP error as it came: status 404 and Google's JSON error body
  assert.equal(err.status, 404, `expected HTTP 404, got ${err.status}`);
  return JSON.parse(err.message).error.status;
});
