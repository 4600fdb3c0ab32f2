// The checks both Node.js transports run against the emulator: getQueue, createTask with an HTTP target, delivery
// of that task to a local receiver with the service's headers (no invented Content-Type, User-Agent replaced), a
// followed redirect, listTasks, getTask of the completed task. `createClient` builds the
// @google-cloud/tasks client for one transport; `label` names it in the test output.
//
// Needs a running emulator that created the queue at start (see README.md):
//   EMULATOR_HOST=127.0.0.1:8123 node --test client-check.mjs rest-client-check.mjs
// Optional: QUEUE (default projects/p/locations/l/queues/q).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const QUEUE = process.env.QUEUE || 'projects/p/locations/l/queues/q';
const CALL_TIMEOUT_MS = 5_000;
const DELIVERY_TIMEOUT_MS = 10_000;

/** The emulator's host and port from EMULATOR_HOST; exits with a message when it is missing or malformed. */
export function emulatorAddress() {
  const emulatorHost = process.env.EMULATOR_HOST;
  if (!emulatorHost) {
    console.error('EMULATOR_HOST is not set; give the emulator\'s endpoint, e.g. EMULATOR_HOST=127.0.0.1:8123');
    process.exit(2);
  }
  const colon = emulatorHost.lastIndexOf(':');
  const host = emulatorHost.slice(0, colon);
  const port = Number(emulatorHost.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port <= 0) {
    console.error(`EMULATOR_HOST must be HOST:PORT, got "${emulatorHost}"`);
    process.exit(2);
  }
  return { host, port };
}

/** Fails after ms with a message naming what was awaited. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Registers the checks for one transport; `notFoundStatus(err)` answers the status name an error of that transport
 * reports. A local HTTP receiver takes the tasks' deliveries; `deliveryTo(path)` resolves with the first request
 * to that path.
 */
export function runClientChecks(label, createClient, notFoundStatus) {
  let receiver;
  let receiverUrl;
  let receiverBase;
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
    receiverUrl = `${receiverBase}/hook?source=node-${label}`;

    client = createClient();
  });

  after(async () => {
    if (client) await client.close();
    if (receiver) await new Promise((resolve) => receiver.close(resolve));
  });

  test(`Node.js Cloud Tasks client over ${label} against the emulator`, async (t) => {
    await t.test('getQueue', async () => {
      const [queue] = await client.getQueue({ name: QUEUE }, callOptions);
      assert.equal(queue.name, QUEUE, 'getQueue answered another queue');
      assert.equal(queue.state, 'RUNNING', `queue state is ${queue.state}, expected RUNNING`);
    });

    const checkId = randomUUID();
    const payload = { hello: `from the Node.js client over ${label}`, checkId };
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
      assert.equal(req.url, `/hook?source=node-${label}`);
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

    await t.test('listTasks no longer lists the task once it completed', async () => {
      // The task is removed once its 2xx answer is handled, which may be a moment after the receiver answered.
      const deadline = Date.now() + 3_000;
      let left;
      do {
        const [tasks] = await client.listTasks({ parent: QUEUE }, { ...callOptions, autoPaginate: true });
        left = tasks.map((x) => x.name).filter((name) => name === task.name);
        if (left.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      } while (Date.now() < deadline);
      assert.deepEqual(left, [], 'the task is still listed after its delivery');
    });

    await t.test('getTask of the completed task is NOT_FOUND', async () => {
      assert.ok(task, 'no task was created');
      await assert.rejects(client.getTask({ name: task.name }, callOptions), (err) => {
        assert.equal(notFoundStatus(err), 'NOT_FOUND', `expected NOT_FOUND, got ${err.code}: ${err.message}`);
        return true;
      });
    });
  });
}
