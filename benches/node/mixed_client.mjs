// One client process of benches/node/mixed.mjs: it holds `connections`
// connections of one kind to our server and records when each receives an
// event. The harness starts one of these per kind and steers it over
// stdin/stdout, as compare.mjs does with load_client.mjs.
//
// usage: node benches/node/mixed_client.mjs <long-poll|long-poll-http|sse|websocket|socketio>
//                                             <server-url> <connections> <since>
//
// - long-poll: `GET /api/long-poll?since=N&timeout=30`, one keep-alive TCP
//   connection per long-poll (node:net), the request written and the answer
//   read by the few lines below (status line, `content-length`, body): our
//   server's answers are that simple. After each answer it asks again with
//   the answer's `last_id`, in the same turn of the event loop
//   (`setImmediate`: the answers that arrived together are all stamped
//   before any new request is written). A refused request, or a connection
//   the server closed, asks again 1 s later.
// - long-poll-http: the same with node:http, every request through one
//   keep-alive `http.Agent` without limits (`maxSockets` and
//   `maxFreeSockets` Infinity: with the default 256 free sockets, the
//   Agent closes the connections of answers that arrive together beyond 256,
//   and their next requests open new ones). It costs this process several
//   times the CPU of the plain one per answer and new request (0.2–0.5 ms
//   against 0.05–0.1 ms on a 2-core EPYC VM), and with 2,500 answers at once
//   that queueing, not the server, makes most of the delay: it is here to
//   check the plain client against the standard one.
// - sse: `GET /api/sse?since=N` with node:http, the stream parsed into
//   `event:` / `data:` blocks.
// - websocket: the `ws` package to /ws?since=N.
// - socketio: the official socket.io-client to namespace /lab, WebSocket
//   transport only, with `auth: {since}`.
// `since` is the server's last id, so nothing is replayed.
//
// Protocol, one JSON line each way:
//   prints  {"opened":N}           once every connection is open (a
//                                  long-poll: its first request is sent; the
//                                  harness asks the server whether it holds it)
//   reads   start                  starts recording
//   reads   stop  → prints {"received":N,"delays":{"<ms>":count,...},
//                           "skipped":K,"lost":L,"errors":E}
//   reads   exit (or end of stdin) closes every connection and exits
// A delay is receipt time − the event's created_at (the same clock), in
// whole milliseconds; for a long-poll the receipt is the end of the answer.
// `skipped` sums the server's skip notices, `lost` counts connections the
// server ended, `errors` counts failed or refused requests (a long-poll
// asks again 1 s after one).

import { Agent, get } from "node:http";
import { connect } from "node:net";
import { createInterface } from "node:readline";

import { openSocketio as connectSocketio, openWebsocket as connectWebsocket } from "./sockets.mjs";


const [kind, url, connectionsArg, sinceArg] = process.argv.slice(2);
const CONNECTIONS = Number(connectionsArg);
const SINCE = Number(sinceArg ?? 0);
const BATCH = 50; // connections opened at once
const LONG_POLL_TIMEOUT = 30; // seconds the server holds a long-poll
const RETRY_MS = 1000; // a failed long-poll asks again after this

// One pool for node:http: keep-alive, no limit on open or free sockets.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity });

let measuring = false;
let received = 0;
let delays = new Map();
let skipped = 0;
let lost = 0;
let errors = 0;
let closing = false;

/** Records an event received at `receivedAt` (ms since the epoch). */
function record(event, receivedAt = Date.now()) {
  if (!measuring || typeof event?.created_at !== "number") return;
  const delay = receivedAt - event.created_at;
  received += 1;
  delays.set(delay, (delays.get(delay) ?? 0) + 1);
}

/** Counts a skip notice, `{"skipped":K,...}` (or a batch's `skipped`). */
function recordSkipped(notice) {
  if (measuring && typeof notice?.skipped === "number") skipped += notice.skipped;
}

/** A connection the server ended (not us, at exit). */
function recordLost() {
  if (!closing) lost += 1;
}

// --- The four kinds: each opener resolves with a function that closes it ---

/** The answer's events and notices; the cursor for the next request. */
function recordBatch(body, receivedAt) {
  const batch = JSON.parse(body);
  batch.events.forEach((event) => record(event, receivedAt));
  recordSkipped(batch);
  return batch.last_id;
}

/**
 * Reads one whole HTTP/1.1 answer at the start of `buffer`: `null` while
 * it is incomplete, else its status, body and length in bytes. Our server
 * gives every long-poll answer a `content-length`.
 */
function parseAnswer(buffer) {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const head = buffer.toString("latin1", 0, headEnd);
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
  if (!Number.isInteger(length)) throw new Error(`an answer without content-length: ${head}`);
  const end = headEnd + 4 + length;
  if (buffer.length < end) return null;
  return { status: Number(head.split(" ", 2)[1]), body: buffer.toString("utf8", headEnd + 4, end), end };
}

/** One long-poll on a TCP connection of its own, asking again after each answer. */
function openLongPoll() {
  const { hostname, port } = new URL(url);
  let since = SINCE;
  let socket = null; // the connection now, a new one after the server closed one
  const request = () =>
    `GET /api/long-poll?since=${since}&timeout=${LONG_POLL_TIMEOUT} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const open = (first) => {
      const connection = connect({ host: hostname, port: Number(port), noDelay: true });
      socket = connection;
      let buffer = Buffer.alloc(0);
      connection.once("connect", () => connection.write(request(), () => first && resolve(() => socket.destroy())));
      connection.on("data", (chunk) => {
        const receivedAt = Date.now();
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (let answer = parseAnswer(buffer); answer; answer = parseAnswer(buffer)) {
          buffer = buffer.subarray(answer.end);
          if (answer.status === 200) {
            since = recordBatch(answer.body, receivedAt);
            setImmediate(() => connection.write(request()));
          } else {
            errors += 1;
            setTimeout(() => connection.write(request()), RETRY_MS);
          }
        }
      });
      connection.once("error", (error) => first && reject(error));
      connection.once("close", () => {
        if (closing || (first && !connection.bytesWritten)) return;
        errors += 1; // the server closed it: a new connection asks again
        setTimeout(() => open(false), RETRY_MS);
      });
    };
    open(true);
  });
}

/** Asks once with node:http; on the answer, records its events and asks again. */
function longPollHttp(since, sent) {
  const request = get(
    `${url}/api/long-poll?since=${since}&timeout=${LONG_POLL_TIMEOUT}`,
    { agent },
    (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      // Cut off in the middle of the answer: ask again, as after an error.
      response.once("error", () => {
        if (closing) return;
        errors += 1;
        setTimeout(() => longPollHttp(since), RETRY_MS);
      });
      response.on("end", () => {
        const receivedAt = Date.now();
        if (closing) return;
        if (response.statusCode !== 200) {
          errors += 1;
          setTimeout(() => longPollHttp(since), RETRY_MS);
          return;
        }
        const next = recordBatch(body, receivedAt);
        setImmediate(() => longPollHttp(next));
      });
    },
  );
  request.once("finish", () => sent?.());
  request.once("error", () => {
    if (closing) return;
    errors += 1;
    sent?.(); // counted as open; the harness checks the server's count
    setTimeout(() => longPollHttp(since), RETRY_MS);
  });
}

const openLongPollHttp = () => new Promise((resolve) => longPollHttp(SINCE, () => resolve(() => {})));

/** Reads `event:` / `data:` blocks, separated by a blank line. */
function parseSse(block, receivedAt) {
  let name = "message";
  let data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data += line.slice(5).trim();
  }
  if (!data) return; // a comment (keep-alive) or an id alone
  if (name === "skipped") recordSkipped(JSON.parse(data));
  else if (name === "message") record(JSON.parse(data), receivedAt);
}

const openSse = () =>
  new Promise((resolve, reject) => {
    const request = get(`${url}/api/sse?since=${SINCE}`, { agent }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`GET /api/sse answered ${response.statusCode}`));
        return;
      }
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        const receivedAt = Date.now();
        buffer += chunk.replaceAll("\r\n", "\n");
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          parseSse(buffer.slice(0, end), receivedAt);
          buffer = buffer.slice(end + 2);
        }
      });
      response.once("close", recordLost);
      resolve(() => request.destroy());
    });
    request.once("error", reject);
  });

const sockets = { event: (event) => record(event), skipped: recordSkipped, lost: recordLost };
const openWebsocket = () => connectWebsocket(url, SINCE, sockets);
const openSocketio = () => connectSocketio(url, SINCE, sockets);

// --- Open them all, then follow the harness's commands -----------------------

const open = {
  "long-poll": openLongPoll,
  "long-poll-http": openLongPollHttp,
  sse: openSse,
  websocket: openWebsocket,
  socketio: openSocketio,
}[kind];
if (!open || !(CONNECTIONS > 0)) {
  console.error(
    "usage: node benches/node/mixed_client.mjs <long-poll|long-poll-http|sse|websocket|socketio> " +
      "<server-url> <connections> <since>",
  );
  process.exit(2);
}

const closers = [];
try {
  for (let i = 0; i < CONNECTIONS; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, CONNECTIONS - i) }, open);
    closers.push(...(await Promise.all(batch)));
  }
} catch (error) {
  console.error(
    `mixed client: could not open ${kind} connection ${closers.length + 1} of ${CONNECTIONS}: ${error.message ?? error}`,
  );
  process.exit(1);
}
console.log(JSON.stringify({ opened: closers.length }));

const finish = () => {
  closing = true;
  closers.forEach((close) => close());
  agent.destroy();
  process.exit(0);
};
const commands = createInterface({ input: process.stdin });
commands.on("close", finish);
commands.on("line", (command) => {
  if (command === "start") {
    received = 0;
    delays = new Map();
    skipped = 0;
    measuring = true;
  } else if (command === "stop") {
    measuring = false;
    console.log(JSON.stringify({ received, delays: Object.fromEntries(delays), skipped, lost, errors }));
  } else if (command === "exit") {
    finish();
  }
});
