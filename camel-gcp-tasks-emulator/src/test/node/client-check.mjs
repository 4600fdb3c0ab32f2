// Checks that Google's Node.js Cloud Tasks client (@google-cloud/tasks) works
// unchanged against the emulator over plaintext gRPC: getQueue, createTask with
// an HTTP target, delivery of that task to a local receiver with the service's
// headers (no invented Content-Type, User-Agent replaced), a followed redirect,
// listTasks.
//
// Needs a running emulator that created the queue at start:
//   EMULATOR_HOST=127.0.0.1:8123 node --test client-check.mjs
// Optional: QUEUE (default projects/p/locations/l/queues/q).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { CloudTasksClient } from '@google-cloud/tasks';
import * as grpc from '@grpc/grpc-js';

const EMULATOR_HOST = process.env.EMULATOR_HOST;
const QUEUE = process.env.QUEUE || 'projects/p/locations/l/queues/q';
const CALL_TIMEOUT_MS = 5_000;
const DELIVERY_TIMEOUT_MS = 10_000;

if (!EMULATOR_HOST) {
  console.error('EMULATOR_HOST is not set; give the emulator\'s gRPC endpoint, e.g. EMULATOR_HOST=127.0.0.1:8123');
  process.exit(2);
}
const colon = EMULATOR_HOST.lastIndexOf(':');
const servicePath = EMULATOR_HOST.slice(0, colon);
const port = Number(EMULATOR_HOST.slice(colon + 1));
if (colon <= 0 || !Number.isInteger(port) || port <= 0) {
  console.error(`EMULATOR_HOST must be HOST:PORT, got "${EMULATOR_HOST}"`);
  process.exit(2);
}

/** Fails after ms with a message naming what was awaited. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// A local HTTP receiver the task is delivered to; resolves `delivered` with the first request.
let receiver;
let receiverUrl;
let receiverBase;
// one promise per request path: the first delivery to that path
const deliveries = new Map();
function deliveryTo(path) {
  if (!deliveries.has(path)) {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    deliveries.set(path, { promise, resolve });
  }
  return deliveries.get(path);
}
const delivered = deliveryTo('/hook').promise;

let client;
const callOptions = { timeout: CALL_TIMEOUT_MS, retry: null };

before(async () => {
  receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url, 'http://receiver').pathname;
      if (path === '/moved') {
        res.writeHead(307, { Location: '/moved-here' }).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      }
      deliveryTo(path).resolve({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
    });
  });
  await new Promise((resolve, reject) => {
    receiver.once('error', reject);
    receiver.listen(0, '127.0.0.1', resolve);
  });
  receiverBase = `http://127.0.0.1:${receiver.address().port}`;
  receiverUrl = `${receiverBase}/hook?source=node-client`;

  // Plaintext gRPC, no Google credentials: sslCreds replaces the default
  // TLS + Google auth channel credentials entirely. universeDomain, given
  // explicitly, keeps the client from looking for credentials (and probing the
  // GCE metadata server) just to learn the universe domain when it opens the
  // channel.
  client = new CloudTasksClient({
    servicePath,
    port,
    sslCreds: grpc.credentials.createInsecure(),
    universeDomain: 'googleapis.com',
  });
});

after(async () => {
  if (client) await client.close();
  if (receiver) await new Promise((resolve) => receiver.close(resolve));
});

test('Node.js Cloud Tasks client against the emulator', async (t) => {
  await t.test('getQueue', async () => {
    const [queue] = await client.getQueue({ name: QUEUE }, callOptions);
    assert.equal(queue.name, QUEUE, 'getQueue answered another queue');
    assert.equal(queue.state, 'RUNNING', `queue state is ${queue.state}, expected RUNNING`);
  });

  const checkId = randomUUID();
  const payload = { hello: 'from the Node.js client', checkId };
  let task;

  await t.test('createTask with an HTTP target', async () => {
    [task] = await client.createTask({
      parent: QUEUE,
      task: {
        httpRequest: {
          httpMethod: 'POST',
          url: receiverUrl,
          headers: { 'Content-Type': 'application/json', 'X-Check-Id': checkId },
          body: Buffer.from(JSON.stringify(payload)),
        },
      },
    }, callOptions);
    assert.ok(task.name.startsWith(`${QUEUE}/tasks/`), `unexpected task name ${task.name}`);
    assert.equal(task.httpRequest.url, receiverUrl);
    assert.equal(task.httpRequest.httpMethod, 'POST');
    assert.ok(task.scheduleTime && task.createTime, 'task has no scheduleTime/createTime');
  });

  await t.test('task is delivered to the receiver', async () => {
    assert.ok(task, 'no task was created');
    const req = await within(delivered, DELIVERY_TIMEOUT_MS, 'the task to be delivered to the local receiver');
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/hook?source=node-client');
    assert.deepEqual(JSON.parse(req.body.toString('utf8')), payload, 'delivered body differs from the task body');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['x-check-id'], checkId, 'custom header missing or changed');
    const taskId = task.name.slice(task.name.lastIndexOf('/') + 1);
    const queueId = QUEUE.slice(QUEUE.lastIndexOf('/') + 1);
    assert.equal(req.headers['x-cloudtasks-taskname'], taskId, 'X-CloudTasks-TaskName is not the task id');
    assert.equal(req.headers['x-cloudtasks-queuename'], queueId, 'X-CloudTasks-QueueName is not the queue id');
    assert.equal(req.headers['x-cloudtasks-taskretrycount'], '0');
    assert.equal(req.headers['user-agent'], 'Google-Cloud-Tasks');
  });

  await t.test('headers on the wire and at rest are the service\'s', async () => {
    // no Content-Type is invented for a body without one, and the task's own User-Agent is replaced
    const [raw] = await client.createTask({
      parent: QUEUE,
      task: {
        httpRequest: {
          httpMethod: 'POST',
          url: `${receiverBase}/raw`,
          headers: { 'User-Agent': 'my-app/1.0', 'X-Mixed-Case': 'preserve-me' },
          body: Buffer.from('raw bytes'),
        },
      },
    }, callOptions);
    assert.deepEqual({ ...raw.httpRequest.headers },
      { 'User-Agent': 'Google-Cloud-Tasks', 'X-Mixed-Case': 'preserve-me' }, 'stored headers differ from the service\'s');
    const req = await within(deliveryTo('/raw').promise, DELIVERY_TIMEOUT_MS, 'the task without a Content-Type');
    assert.equal(req.body.toString('utf8'), 'raw bytes');
    assert.equal(req.headers['content-type'], undefined, 'a Content-Type was added to a body without one');
    assert.equal(req.headers['user-agent'], 'Google-Cloud-Tasks');
    assert.equal(req.headers['x-mixed-case'], 'preserve-me');
  });

  await t.test('a redirect is followed within the attempt', async () => {
    await client.createTask({
      parent: QUEUE,
      task: { httpRequest: { httpMethod: 'POST', url: `${receiverBase}/moved`, body: Buffer.from('moved') } },
    }, callOptions);
    const req = await within(deliveryTo('/moved-here').promise, DELIVERY_TIMEOUT_MS, 'the redirected delivery');
    assert.equal(req.method, 'POST', 'a 307 keeps the method');
    assert.equal(req.body.toString('utf8'), 'moved');
    assert.equal(req.headers['x-cloudtasks-taskretrycount'], '0', 'the redirect was counted as another attempt');
  });

  await t.test('listTasks is empty after the task completed', async () => {
    // The task is removed once its 2xx answer is handled, which may be a moment after the receiver answered.
    const deadline = Date.now() + 3_000;
    let tasks;
    do {
      [tasks] = await client.listTasks({ parent: QUEUE }, { ...callOptions, autoPaginate: true });
      if (tasks.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    assert.deepEqual(tasks.map((x) => x.name), [], 'tasks left in the queue after delivery');
  });

  await t.test('getTask of the completed task is NOT_FOUND', async () => {
    assert.ok(task, 'no task was created');
    await assert.rejects(client.getTask({ name: task.name }, callOptions), (err) => {
      assert.equal(err.code, grpc.status.NOT_FOUND, `expected NOT_FOUND, got ${err.code}: ${err.message}`);
      return true;
    });
  });
});
