// One client process of benches/node/pages.mjs: it keeps `connections`
// keep-alive HTTP/1.1 connections to one server, each sending `GET <path>`
// again as soon as the previous answer has fully arrived (one request in
// flight per connection, no pipelining), and measures every answer. The
// harness starts several of these and steers them over stdin/stdout.
//
// usage: node benches/node/pages_client.mjs <host> <port> <path> <connections> <expected-body-bytes>
//
// The requests carry only `Host`: no `accept-encoding`, so a server sends
// the page as it is. They are written and the answers read on node:net by
// the few lines below (status line, `content-length`, `content-encoding`,
// then the body counted, not kept): both servers answer a static page with
// a `content-length`. An answer that is not `200`, has no
// `content-length` (e.g. chunked), names a `content-encoding` or whose body
// is not `expected-body-bytes` long counts as bad; one without a length
// closes its connection, which opens again. A connection the server closes
// opens again at once (`reconnects`); a failed one 100 ms later (`errors`).
//
// Protocol, one JSON line each way:
//   prints  {"opened":N}      once every connection has sent its first request
//   reads   start             starts counting (answers completed from now on)
//   reads   stop  → prints {"requests":N,"bytes":B,"seconds":S,"latencies":{"<tenths of ms>":count,...},
//                           "bad":K,"errors":E,"reconnects":R,"headBytes":H}
//                           and sends no more requests
//   reads   exit (or end of stdin) closes every connection and exits
// A latency is the time from writing a request to the last byte of its
// answer, rounded to 0.1 ms (a histogram key of 12 means 1.2 ms). `bytes`
// counts head and body of every counted answer, `seconds` the window
// between start and stop as this process saw it, `headBytes` the head
// (status line and headers) of the last answer.

import { connect } from "node:net";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

const [host, portArg, path, connectionsArg, expectedArg] = process.argv.slice(2);
const PORT = Number(portArg);
const CONNECTIONS = Number(connectionsArg);
const EXPECTED = Number(expectedArg);
if (!host || !path || ![PORT, CONNECTIONS, EXPECTED].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("usage: node benches/node/pages_client.mjs <host> <port> <path> <connections> <expected-body-bytes>");
  process.exit(2);
}
const REQUEST = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${host}:${PORT}\r\n\r\n`, "latin1");
const HEAD_END = Buffer.from("\r\n\r\n", "latin1");
const MAX_HEAD = 64 * 1024;

let sending = true;
let recording = false;
let windowStart = 0;
let windowEnd = 0;
const stats = { requests: 0, bytes: 0, bad: 0, errors: 0, reconnects: 0, headBytes: 0 };
let latencies = new Map();
const sockets = new Set();

function record(latencyMs, bytes, ok) {
  if (!recording) return;
  stats.requests += 1;
  stats.bytes += bytes;
  if (!ok) stats.bad += 1;
  const key = Math.round(latencyMs * 10);
  latencies.set(key, (latencies.get(key) ?? 0) + 1);
}

/** One connection; `onFirstRequest` runs once its first request is written. */
function open(onFirstRequest) {
  const socket = connect({ host, port: PORT });
  socket.setNoDelay(true);
  sockets.add(socket);
  let head = null; // the bytes of an unfinished head
  let remaining = -1; // body bytes still to come; -1 while reading a head
  let answer = null; // { ok, headBytes, bodyBytes }
  let sentAt = 0;
  let failed = false;

  const send = () => {
    if (!sending) return;
    sentAt = performance.now();
    socket.write(REQUEST);
  };

  const finish = () => {
    record(performance.now() - sentAt, answer.headBytes + answer.bodyBytes, answer.ok);
    stats.headBytes = answer.headBytes;
    answer = null;
    remaining = -1;
    send();
  };

  socket.on("connect", () => {
    send();
    onFirstRequest?.();
    onFirstRequest = null;
  });
  socket.on("data", (chunk) => {
    let rest = chunk;
    while (rest.length > 0) {
      if (remaining < 0) {
        head = head === null ? rest : Buffer.concat([head, rest]);
        const end = head.indexOf(HEAD_END);
        if (end < 0) {
          if (head.length > MAX_HEAD) socket.destroy(new Error("an answer's head exceeds 64 KiB"));
          return;
        }
        const text = head.toString("latin1", 0, end);
        rest = head.subarray(end + HEAD_END.length);
        head = null;
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1]);
        const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(text)?.[1];
        const encoding = /\r\ncontent-encoding:[ \t]*([^\r]*)/i.exec(text)?.[1].trim();
        if (length === undefined) {
          // Chunked or until-close: not what a static page should get.
          record(performance.now() - sentAt, end + HEAD_END.length, false);
          socket.destroy();
          return;
        }
        const ok = status === 200 && Number(length) === EXPECTED && (!encoding || encoding === "identity");
        answer = { ok, headBytes: end + HEAD_END.length, bodyBytes: Number(length) };
        remaining = Number(length);
        if (remaining === 0) finish();
      } else {
        const take = Math.min(remaining, rest.length);
        remaining -= take;
        rest = rest.subarray(take);
        if (remaining === 0) finish();
      }
    }
  });
  socket.on("error", () => {
    failed = true;
    stats.errors += 1;
  });
  socket.on("close", () => {
    sockets.delete(socket);
    if (!sending) return;
    if (!failed) stats.reconnects += 1;
    if (failed) setTimeout(() => open(onFirstRequest), 100);
    else open(onFirstRequest);
  });
}

let opened = 0;
for (let i = 0; i < CONNECTIONS; i += 1) {
  open(() => {
    opened += 1;
    if (opened === CONNECTIONS) console.log(JSON.stringify({ opened }));
  });
}

function exit() {
  sending = false;
  sockets.forEach((socket) => socket.destroy());
  process.exit(0);
}

for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === "start") {
    stats.requests = stats.bytes = stats.bad = stats.errors = stats.reconnects = 0;
    latencies = new Map();
    windowStart = performance.now();
    recording = true;
  } else if (command === "stop") {
    windowEnd = performance.now();
    recording = false;
    sending = false;
    console.log(
      JSON.stringify({ ...stats, seconds: (windowEnd - windowStart) / 1000, latencies: Object.fromEntries(latencies) }),
    );
  } else if (command === "exit") {
    exit();
  }
}
exit();
