// The emulator's web console. It reads and changes everything through the emulator's Cloud Tasks REST API
// (/v2/...), and reads the counts the v2 API lacks from the emulator's own read-only documents (/emulator/v1/...).
// Task data is attacker-controlled in a shared setup: it only ever reaches the page as text (textContent and text
// nodes), never as markup.
'use strict';

(() => {
    const REFRESH_MILLIS = 1000;
    const SCAN_PAGE_SIZE = 1000;          // ListTasks page size when a filter scans the whole queue
    const MAX_FILTER_MATCHES = 10000;     // matches a filter keeps, so a broad filter on a huge queue stays bounded
    const TEXT_PREVIEW_BYTES = 64 * 1024;
    const HEX_PREVIEW_BYTES = 4 * 1024;

    const $ = (id) => document.getElementById(id);

    // What the user is looking at; refreshes re-read the data but never change this.
    const place = {
        view: 'queues',
        queue: null,        // full queue name in the queue view
        task: null,         // full task name in the task view
        filter: '',
        pageSize: 100,
        pageTokens: [''],   // tokens of the pages walked through; the last is the current page
        nextPageToken: '',
        filterPage: 0,      // page within the filter's matches
        bodyMode: null,     // 'text' or 'hex' once the user chose
    };

    let refreshTimer = null;
    let refreshing = false;
    let refreshAgain = false;

    // ---- REST ----

    function restPath(name) {
        return name.split('/').map(encodeURIComponent).join('/');
    }

    async function call(method, path, body) {
        const init = {method, headers: {Accept: 'application/json'}};
        if (body !== undefined) {
            init.headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        const response = await fetch(path, init);
        const text = await response.text();
        let json = {};
        if (text) {
            try {
                json = JSON.parse(text);
            } catch (e) {
                json = {};
            }
        }
        if (!response.ok) {
            const error = json.error || {};
            const failure = new Error(error.message || ('HTTP ' + response.status));
            failure.status = error.status || String(response.status);
            failure.httpStatus = response.status;
            throw failure;
        }
        return json;
    }

    const api = {
        allQueueStats: () => call('GET', '/emulator/v1/queues'),
        listQueues: (parent, pageToken) => call('GET', '/v2/' + restPath(parent) + '/queues?pageSize=1000'
            + (pageToken ? '&pageToken=' + encodeURIComponent(pageToken) : '')),
        getQueue: (name) => call('GET', '/v2/' + restPath(name)),
        queueAction: (name, verb) => call('POST', '/v2/' + restPath(name) + ':' + verb, {}),
        deleteQueue: (name) => call('DELETE', '/v2/' + restPath(name)),
        listTasks: (queue, pageSize, pageToken) => call('GET', '/v2/' + restPath(queue) + '/tasks?responseView=BASIC'
            + '&pageSize=' + pageSize + (pageToken ? '&pageToken=' + encodeURIComponent(pageToken) : '')),
        getTask: (name) => call('GET', '/v2/' + restPath(name) + '?responseView=FULL'),
        attempts: (name) => call('GET', '/emulator/v1/' + restPath(name) + '/attempts'),
        createTask: (queue, task) => call('POST', '/v2/' + restPath(queue) + '/tasks', {task}),
        runTask: (name) => call('POST', '/v2/' + restPath(name) + ':run', {}),
        deleteTask: (name) => call('DELETE', '/v2/' + restPath(name)),
    };

    // ---- building the page: text only ----

    function element(tag, attributes, ...children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attributes || {})) {
            if (key === 'className') {
                node.className = value;
            } else {
                node.setAttribute(key, value);
            }
        }
        for (const child of children) {
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
        return node;
    }

    function setText(node, text) {
        const value = String(text);
        if (node.textContent !== value) {
            node.textContent = value;
        }
    }

    /** Keeps a table body's rows in step with items, reusing rows by key so buttons and focus survive refreshes. */
    function syncRows(tbody, items, keyOf, createRow, updateRow) {
        const existing = new Map();
        for (const row of Array.from(tbody.rows)) {
            existing.set(row.dataset.key, row);
        }
        let previous = null;
        for (const item of items) {
            const key = keyOf(item);
            let row = existing.get(key);
            if (row) {
                existing.delete(key);
            } else {
                row = createRow(item);
                row.dataset.key = key;
            }
            updateRow(row, item);
            const wanted = previous ? previous.nextSibling : tbody.firstChild;
            if (wanted !== row) {
                tbody.insertBefore(row, wanted);
            }
            previous = row;
        }
        for (const row of existing.values()) {
            row.remove();
        }
    }

    function show(view) {
        for (const id of ['queues-view', 'queue-view', 'task-view']) {
            $(id).hidden = id !== view;
        }
    }

    function breadcrumb(...links) {
        const nav = $('breadcrumb');
        const parts = [];
        links.forEach(([text, href], i) => {
            if (i > 0) {
                parts.push(' / ');
            }
            parts.push(href ? element('a', {href}, text) : element('span', {}, text));
        });
        nav.replaceChildren(...parts);
    }

    function message(text, isError) {
        const box = $('message');
        box.hidden = !text;
        box.className = isError ? 'error' : '';
        setText(box, text || '');
    }

    // ---- formatting ----

    const lastSegment = (name) => name.substring(name.lastIndexOf('/') + 1);
    const parentOf = (name) => name.substring(0, name.indexOf('/queues/'));
    const queueOf = (taskName) => taskName.substring(0, taskName.indexOf('/tasks/'));

    function seconds(duration) {
        // proto3 JSON durations: "3600s", "0.100s"
        return duration ? Number(String(duration).replace(/s$/, '')) : 0;
    }

    function formatDuration(duration) {
        const s = seconds(duration);
        return (Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')) + ' s';
    }

    function formatTime(timestamp) {
        if (!timestamp) {
            return '';
        }
        const date = new Date(timestamp);
        return date.toLocaleString(undefined, {hour12: false}) + '.' + String(date.getMilliseconds()).padStart(3, '0');
    }

    /** "in 12 s", "3 s ago", "in 2 min". */
    function relative(timestamp) {
        if (!timestamp) {
            return '';
        }
        const delta = Math.round((new Date(timestamp).getTime() - Date.now()) / 1000);
        const size = Math.abs(delta);
        const amount = size < 120 ? size + ' s' : size < 7200 ? Math.round(size / 60) + ' min'
            : size < 172800 ? Math.round(size / 3600) + ' h' : Math.round(size / 86400) + ' d';
        return delta === 0 ? 'now' : delta > 0 ? 'in ' + amount : amount + ' ago';
    }

    function rateLimits(queue) {
        const rate = queue.rateLimits || {};
        return (rate.maxDispatchesPerSecond ?? '') + '/s, burst ' + (rate.maxBurstSize ?? '') + ', '
            + (rate.maxConcurrentDispatches ?? '') + ' concurrent';
    }

    function retries(queue) {
        const retry = queue.retryConfig || {};
        const attempts = Number(retry.maxAttempts) === -1 ? 'unlimited attempts' : retry.maxAttempts + ' attempts';
        const duration = seconds(retry.maxRetryDuration) === 0 ? 'no time limit'
            : 'for at most ' + formatDuration(retry.maxRetryDuration);
        return attempts + ', backoff ' + formatDuration(retry.minBackoff) + ' to ' + formatDuration(retry.maxBackoff)
            + ', ' + (retry.maxDoublings ?? 0) + ' doublings, ' + duration;
    }

    function counts(stats) {
        const total = Number(stats?.tasksCount ?? 0);
        const inFlight = Number(stats?.concurrentDispatchesCount ?? 0);
        return {
            total,
            waiting: Math.max(0, total - inFlight),
            inFlight,
            lastMinute: Number(stats?.executedLastMinuteCount ?? 0),
            next: stats?.oldestEstimatedArrivalTime,
        };
    }

    function attemptStatus(attempt) {
        if (!attempt) {
            return {text: 'not attempted yet', className: ''};
        }
        if (!attempt.responseTime) {
            return {text: 'in flight', className: ''};
        }
        const status = attempt.responseStatus || {};
        return {
            text: status.message || ('code ' + (status.code || 0)),
            className: (status.code || 0) === 0 ? 'status-ok' : 'status-failed',
        };
    }

    // ---- queues view ----

    async function loadQueues() {
        const stats = (await api.allQueueStats()).queues || [];
        const statsByName = new Map(stats.map((q) => [q.name, q.stats]));
        const parents = [...new Set(stats.map((q) => parentOf(q.name)))].sort();
        const queues = [];
        for (const parent of parents) {
            let token = '';
            do {
                const page = await api.listQueues(parent, token);
                queues.push(...(page.queues || []));
                token = page.nextPageToken || '';
            } while (token);
        }
        queues.sort((a, b) => a.name.localeCompare(b.name));
        return queues.map((queue) => ({queue, counts: counts(statsByName.get(queue.name))}));
    }

    function queueActionButtons(queueName, state) {
        const actions = element('td', {className: 'actions'});
        const toggle = element('button', {type: 'button', className: 'toggle'});
        toggle.addEventListener('click', () => {
            const verb = toggle.dataset.verb;
            act(() => api.queueAction(queueName, verb), (verb === 'pause' ? 'Paused ' : 'Resumed ')
                + lastSegment(queueName));
        });
        const purge = element('button', {type: 'button', className: 'purge danger'}, 'Purge');
        purge.addEventListener('click', () => purgeQueue(queueName));
        const remove = element('button', {type: 'button', className: 'delete danger'}, 'Delete');
        remove.addEventListener('click', () => deleteQueue(queueName, false));
        actions.append(toggle, ' ', purge, ' ', remove);
        return actions;
    }

    function updateToggle(button, state) {
        const verb = state === 'PAUSED' ? 'resume' : 'pause';
        button.dataset.verb = verb;
        setText(button, verb === 'pause' ? 'Pause' : 'Resume');
    }

    async function renderQueues() {
        const rows = await loadQueues();
        breadcrumb(['Queues']);
        show('queues-view');
        $('no-queues').hidden = rows.length > 0;
        syncRows($('queues').tBodies[0], rows, (r) => r.queue.name, (r) => {
            const name = r.queue.name;
            const row = element('tr', {'data-name': name});
            row.append(
                element('td', {className: 'name'}, element('a', {href: '#/queues/' + name, title: name},
                    lastSegment(name))),
                element('td', {className: 'location'}, parentOf(name)),
                element('td', {className: 'state'}),
                element('td', {className: 'rate'}),
                element('td', {className: 'retry'}),
                element('td', {className: 'waiting number'}),
                element('td', {className: 'in-flight number'}),
                element('td', {className: 'last-minute number'}),
                element('td', {className: 'next'}),
                queueActionButtons(name));
            return row;
        }, (row, r) => {
            const cell = (cls) => row.querySelector('.' + cls);
            setText(cell('state'), r.queue.state || '');
            cell('state').className = 'state state-' + (r.queue.state || '');
            setText(cell('rate'), rateLimits(r.queue));
            setText(cell('retry'), retries(r.queue));
            setText(cell('waiting'), r.counts.waiting);
            setText(cell('in-flight'), r.counts.inFlight);
            setText(cell('last-minute'), r.counts.lastMinute);
            setText(cell('next'), r.counts.next ? relative(r.counts.next) : '');
            updateToggle(row.querySelector('button.toggle'), r.queue.state);
        });
    }

    // ---- one queue's view ----

    const matches = (task, filter) => lastSegment(task.name).toLowerCase().includes(filter.toLowerCase());

    async function loadTaskPage() {
        if (!place.filter) {
            const token = place.pageTokens[place.pageTokens.length - 1];
            const page = await api.listTasks(place.queue, place.pageSize, token);
            place.nextPageToken = page.nextPageToken || '';
            return {tasks: page.tasks || [], offset: (place.pageTokens.length - 1) * place.pageSize};
        }
        // ListTasks has no filter: scan the queue in large pages and page through the matches here
        const found = [];
        let token = '';
        let capped = false;
        do {
            const page = await api.listTasks(place.queue, SCAN_PAGE_SIZE, token);
            for (const task of page.tasks || []) {
                if (matches(task, place.filter)) {
                    found.push(task);
                }
            }
            token = page.nextPageToken || '';
            capped = found.length >= MAX_FILTER_MATCHES;
        } while (token && !capped);
        const pages = Math.max(1, Math.ceil(found.length / place.pageSize));
        place.filterPage = Math.min(place.filterPage, pages - 1);
        const offset = place.filterPage * place.pageSize;
        place.nextPageToken = offset + place.pageSize < found.length ? 'more' : '';
        return {tasks: found.slice(offset, offset + place.pageSize), offset, matchCount: found.length, capped};
    }

    async function renderQueue() {
        const name = place.queue;
        const [queue, allStats, page] = await Promise.all([api.getQueue(name), api.allQueueStats(), loadTaskPage()]);
        const entry = (allStats.queues || []).find((q) => q.name === name);
        const c = counts(entry && entry.stats);
        breadcrumb(['Queues', '#/'], [lastSegment(name)]);
        show('queue-view');
        setText($('queue-title'), lastSegment(name));
        setText($('queue-name'), name);
        setText($('queue-state'), queue.state || '');
        $('queue-state').className = 'state-' + (queue.state || '');
        setText($('queue-rate'), rateLimits(queue));
        setText($('queue-retry'), retries(queue));
        setText($('queue-waiting'), c.waiting);
        setText($('queue-in-flight'), c.inFlight);
        setText($('queue-last-minute'), c.lastMinute);
        $('queue-pause').disabled = queue.state === 'PAUSED';
        $('queue-resume').disabled = queue.state !== 'PAUSED';

        const first = page.tasks.length ? page.offset + 1 : 0;
        const last = page.offset + page.tasks.length;
        setText($('page-info'), place.filter
            ? 'tasks ' + first + '–' + last + ' of ' + page.matchCount + (page.capped ? '+' : '') + ' matching'
            : 'tasks ' + first + '–' + last + ' of ' + c.total);
        $('first-page').disabled = place.filter ? place.filterPage === 0 : place.pageTokens.length === 1;
        $('previous-page').disabled = $('first-page').disabled;
        $('next-page').disabled = !place.nextPageToken;
        $('no-tasks').hidden = page.tasks.length > 0;
        setText($('no-tasks'), place.filter ? 'No task name contains "' + place.filter + '".'
            : place.pageTokens.length > 1 ? 'No more tasks on this page.' : 'The queue has no tasks.');

        syncRows($('tasks').tBodies[0], page.tasks, (t) => t.name, (t) => {
            const row = element('tr', {'data-name': t.name});
            const run = element('button', {type: 'button', className: 'run'}, 'Run');
            run.addEventListener('click', () => act(() => api.runTask(t.name), 'Dispatched ' + lastSegment(t.name)));
            const remove = element('button', {type: 'button', className: 'delete danger'}, 'Delete');
            remove.addEventListener('click', () => deleteTask(t.name, false));
            row.append(
                element('td', {className: 'name'}, element('a', {href: '#/tasks/' + t.name}, lastSegment(t.name))),
                element('td', {className: 'schedule'}, element('span', {className: 'time'}), ' ',
                    element('span', {className: 'relative muted'})),
                element('td', {className: 'dispatches number'}),
                element('td', {className: 'responses number'}),
                element('td', {className: 'last-status'}),
                element('td', {className: 'last-time'}),
                element('td', {className: 'actions'}, run, ' ', remove));
            return row;
        }, (row, t) => {
            const cell = (cls) => row.querySelector('.' + cls);
            setText(cell('time'), formatTime(t.scheduleTime));
            setText(cell('relative'), '(' + relative(t.scheduleTime) + ')');
            setText(cell('dispatches'), t.dispatchCount ?? 0);
            setText(cell('responses'), t.responseCount ?? 0);
            const status = attemptStatus(t.lastAttempt);
            setText(cell('last-status'), status.text);
            cell('last-status').className = 'last-status ' + status.className;
            setText(cell('last-time'), t.lastAttempt ? formatTime(t.lastAttempt.dispatchTime) : '');
        });
    }

    // ---- one task's view ----

    function decodeBase64(text) {
        const binary = atob(text || '');
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes;
    }

    function encodeBase64(bytes) {
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) {
            binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        return btoa(binary);
    }

    /** The body as text when it is UTF-8 without control characters, else null. */
    function asText(bytes) {
        try {
            const text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
            // eslint-disable-next-line no-control-regex
            return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
        } catch (e) {
            return null;
        }
    }

    function hexDump(bytes) {
        const lines = [];
        for (let offset = 0; offset < bytes.length; offset += 16) {
            const row = bytes.subarray(offset, offset + 16);
            const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
            const chars = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
            lines.push(offset.toString(16).padStart(8, '0') + '  ' + hex.padEnd(47) + '  ' + chars);
        }
        return lines.join('\n');
    }

    function authorization(request) {
        if (request.oidcToken) {
            return 'OIDC token for ' + (request.oidcToken.serviceAccountEmail || '')
                + ', audience ' + (request.oidcToken.audience || request.url || '');
        }
        if (request.oauthToken) {
            return 'OAuth token for ' + (request.oauthToken.serviceAccountEmail || '')
                + ', scope ' + (request.oauthToken.scope || 'https://www.googleapis.com/auth/cloud-platform');
        }
        return 'none';
    }

    function renderBody(request) {
        const bytes = decodeBase64(request.body);
        const text = bytes.length ? asText(bytes.subarray(0, Math.min(bytes.length, TEXT_PREVIEW_BYTES + 3))) : '';
        const mode = place.bodyMode || (text === null ? 'hex' : 'text');
        setText($('task-body-size'), bytes.length + ' bytes' + (bytes.length === 0 ? ' (no body)' : ''));
        $('body-text').setAttribute('aria-pressed', String(mode === 'text'));
        $('body-hex').setAttribute('aria-pressed', String(mode === 'hex'));
        let preview;
        if (mode === 'text') {
            const shown = bytes.subarray(0, TEXT_PREVIEW_BYTES);
            preview = new TextDecoder('utf-8').decode(shown)
                + (bytes.length > shown.length ? '\n… (first ' + shown.length + ' bytes)' : '');
        } else {
            const shown = bytes.subarray(0, HEX_PREVIEW_BYTES);
            preview = hexDump(shown) + (bytes.length > shown.length ? '\n… (first ' + shown.length + ' bytes)' : '');
        }
        setText($('task-body'), preview);
    }

    async function renderTask() {
        const name = place.task;
        const queueName = queueOf(name);
        breadcrumb(['Queues', '#/'], [lastSegment(queueName), '#/queues/' + queueName], [lastSegment(name)]);
        show('task-view');
        setText($('task-title'), lastSegment(name));
        setText($('task-name'), name);
        let task;
        let attempts;
        try {
            [task, attempts] = await Promise.all([api.getTask(name), api.attempts(name)]);
        } catch (e) {
            if (e.httpStatus === 404) {
                // completed or deleted: keep what was shown, greyed, and say so
                $('task-gone').hidden = false;
                setText($('task-gone'), e.message);
                $('task-run').disabled = true;
                $('task-delete').disabled = true;
                return;
            }
            throw e;
        }
        $('task-gone').hidden = true;
        $('task-run').disabled = false;
        $('task-delete').disabled = false;
        const request = task.httpRequest || task.appEngineHttpRequest || {};
        setText($('task-url'), request.url || (request.relativeUri ? 'App Engine: ' + request.relativeUri : ''));
        setText($('task-method'), request.httpMethod || 'POST');
        setText($('task-schedule'), formatTime(task.scheduleTime) + ' (' + relative(task.scheduleTime) + ')');
        setText($('task-created'), formatTime(task.createTime));
        setText($('task-deadline'), task.dispatchDeadline ? formatDuration(task.dispatchDeadline) : '');
        setText($('task-dispatches'), task.dispatchCount ?? 0);
        setText($('task-responses'), task.responseCount ?? 0);
        setText($('task-auth'), authorization(request));
        const headers = Object.entries(request.headers || {}).sort(([a], [b]) => a.localeCompare(b));
        syncRows($('task-headers').tBodies[0], headers, ([key]) => key,
            () => element('tr', {}, element('td', {className: 'header-name'}), element('td', {className: 'header-value'})),
            (row, [key, value]) => {
                setText(row.cells[0], key);
                setText(row.cells[1], value);
            });
        renderBody(request);

        const list = (attempts.attempts || []).map((attempt, i) => ({attempt, i}));
        const dropped = Math.max(0, Number(task.dispatchCount ?? 0) - list.length);
        syncRows($('task-attempts').tBodies[0], list, ({i}) => String(i), () => element('tr', {},
            element('td', {className: 'number'}), element('td'), element('td'), element('td'),
            element('td', {className: 'attempt-status'})), (row, {attempt, i}) => {
            setText(row.cells[0], dropped + i + 1);
            setText(row.cells[1], formatTime(attempt.scheduleTime));
            setText(row.cells[2], formatTime(attempt.dispatchTime));
            setText(row.cells[3], formatTime(attempt.responseTime));
            const status = attemptStatus(attempt);
            setText(row.cells[4], status.text);
            row.cells[4].className = 'attempt-status ' + status.className;
        });
        setText($('attempts-note'), list.length === 0 ? 'Not attempted yet.'
            : dropped > 0 ? 'The first ' + dropped + ' attempts are no longer kept.' : '');
    }

    // ---- actions ----

    async function act(action, done) {
        try {
            await action();
            if (done) {
                message(done, false);
            }
        } catch (e) {
            message(e.message, true);
        }
        refreshNow();
    }

    function purgeQueue(name) {
        if (window.confirm('Purge queue ' + lastSegment(name) + '? Every task in it is deleted.')) {
            act(() => api.queueAction(name, 'purge'), 'Purged ' + lastSegment(name));
        }
    }

    function deleteQueue(name, leaveView) {
        if (window.confirm('Delete queue ' + lastSegment(name) + ' and its tasks?')) {
            act(async () => {
                await api.deleteQueue(name);
                if (leaveView) {
                    location.hash = '#/';
                }
            }, 'Deleted queue ' + lastSegment(name));
        }
    }

    function deleteTask(name, leaveView) {
        if (window.confirm('Delete task ' + lastSegment(name) + '?')) {
            act(async () => {
                await api.deleteTask(name);
                if (leaveView) {
                    location.hash = '#/queues/' + queueOf(name);
                }
            }, 'Deleted task ' + lastSegment(name));
        }
    }

    function parseHeaders(text) {
        const headers = {};
        for (const line of text.split('\n')) {
            if (!line.trim()) {
                continue;
            }
            const colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Error('Header line "' + line + '" is not "Name: value"');
            }
            headers[line.substring(0, colon).trim()] = line.substring(colon + 1).trim();
        }
        return headers;
    }

    function createTask(form) {
        const data = new FormData(form);
        act(async () => {
            const body = String(data.get('body') || '');
            const httpRequest = {
                url: String(data.get('url')),
                httpMethod: String(data.get('method')),
                headers: parseHeaders(String(data.get('headers') || '')),
            };
            if (body) {
                httpRequest.body = encodeBase64(new TextEncoder().encode(body));
            }
            const task = {httpRequest};
            const id = String(data.get('id') || '').trim();
            if (id) {
                task.name = place.queue + '/tasks/' + id;
            }
            const created = await api.createTask(place.queue, task);
            form.reset();
            message('Created task ' + lastSegment(created.name), false);
        }, null);
    }

    // ---- navigation and refresh ----

    function readHash() {
        const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
        const queue = hash.startsWith('queues/') ? hash.substring('queues/'.length) : null;
        const task = hash.startsWith('tasks/') ? hash.substring('tasks/'.length) : null;
        const nextQueue = task ? queueOf(task) : queue;
        if (nextQueue !== place.queue) {
            // another queue: its first page, unfiltered
            place.pageTokens = [''];
            place.filterPage = 0;
            place.filter = '';
            $('task-filter').value = '';
        }
        if (task !== place.task) {
            place.bodyMode = null;
        }
        place.view = task ? 'task' : queue ? 'queue' : 'queues';
        place.queue = nextQueue;
        place.task = task;
    }

    async function refresh() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        clearTimeout(refreshTimer);
        try {
            do {
                refreshAgain = false;
                try {
                    if (place.view === 'task') {
                        await renderTask();
                    } else if (place.view === 'queue') {
                        await renderQueue();
                    } else {
                        await renderQueues();
                    }
                    setText($('updated'), 'updated ' + new Date().toLocaleTimeString(undefined, {hour12: false}));
                    document.body.dataset.refreshed = String(Date.now());
                } catch (e) {
                    message(e.message, true);
                }
            } while (refreshAgain);
        } finally {
            refreshing = false;
            if ($('live').checked) {
                refreshTimer = setTimeout(refresh, REFRESH_MILLIS);
            }
        }
    }

    function refreshNow() {
        refresh();
    }

    function wire() {
        window.addEventListener('hashchange', () => {
            readHash();
            message('', false);
            refreshNow();
        });
        $('live').addEventListener('change', refreshNow);
        $('queue-pause').addEventListener('click', () => act(() => api.queueAction(place.queue, 'pause'),
            'Paused ' + lastSegment(place.queue)));
        $('queue-resume').addEventListener('click', () => act(() => api.queueAction(place.queue, 'resume'),
            'Resumed ' + lastSegment(place.queue)));
        $('queue-purge').addEventListener('click', () => purgeQueue(place.queue));
        $('queue-delete').addEventListener('click', () => deleteQueue(place.queue, true));
        $('task-run').addEventListener('click', () => act(() => api.runTask(place.task),
            'Dispatched ' + lastSegment(place.task)));
        $('task-delete').addEventListener('click', () => deleteTask(place.task, true));
        $('body-text').addEventListener('click', () => {
            place.bodyMode = 'text';
            refreshNow();
        });
        $('body-hex').addEventListener('click', () => {
            place.bodyMode = 'hex';
            refreshNow();
        });
        $('task-filter').addEventListener('input', () => {
            place.filter = $('task-filter').value.trim();
            place.filterPage = 0;
            place.pageTokens = [''];
            refreshNow();
        });
        $('page-size').addEventListener('change', () => {
            place.pageSize = Number($('page-size').value);
            place.pageTokens = [''];
            place.filterPage = 0;
            refreshNow();
        });
        $('first-page').addEventListener('click', () => {
            place.pageTokens = [''];
            place.filterPage = 0;
            refreshNow();
        });
        $('previous-page').addEventListener('click', () => {
            if (place.filter) {
                place.filterPage = Math.max(0, place.filterPage - 1);
            } else if (place.pageTokens.length > 1) {
                place.pageTokens.pop();
            }
            refreshNow();
        });
        $('next-page').addEventListener('click', () => {
            if (place.filter) {
                place.filterPage++;
            } else if (place.nextPageToken) {
                place.pageTokens.push(place.nextPageToken);
            }
            refreshNow();
        });
        $('create-task-form').addEventListener('submit', (event) => {
            event.preventDefault();
            createTask(event.target);
        });
    }

    wire();
    readHash();
    refreshNow();
})();
