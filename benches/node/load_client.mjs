// One client process of benches/node/compare.mjs: it holds `clients`
// connections of one kind to one server and measures what they receive.
// The harness starts several of these, so the clients are not one
// single-threaded bottleneck, and steers them over stdin/stdout.
//
// usage: node benches/node/load_client.mjs <socketio|socketio-polling|websocket> <server-url> <clients> <since>
//
// - socketio: the official socket.io-client, WebSocket transport only, to
//   namespace /lab, with `auth: {since}` (our server replays after `since`;
//   the reference server ignores it).
// - socketio-polling: the same client on HTTP long-polling only
//   (`transports: ["polling"]`, `upgrade: false`). Its requests go through
//   one keep-alive `http.Agent` per process, as a browser reuses its
//   connections; socket.io-client's default in Node.js (`agent: false`)
//   would open a new TCP connection for every poll.
// - websocket: the `ws` package to /ws?since=N.
// `since` is the server's last id, so neither server replays anything.
//
// Protocol, one JSON line each way:
//   prints  {"opened":N}                      once every client is connected
//   reads   window FROM TO                    counts what arrives from FROM to TO
//                                             (epoch ms, sent before FROM)
//   reads   stop  → prints {"delivered":N,"skipped":K,"delays":{"<ms>":count,...}}
//   reads   exit (or end of stdin)            closes every client and exits
// A delay is receipt time − the event's created_at (the same clock), in
// whole milliseconds, kept as a histogram so a 10 s window stays small.
// The window is set in advance and checked against each message's receipt
// time: a process too busy to read its stdin in time still counts exactly
// what it received within the window (the harness's own clock reads, CPU
// and last ids, are taken at the same instants).
// `skipped` sums the events the server said it skipped for a client that
// fell more than its ring (1,024 events) behind: the `skipped` field of
// `{"skipped":K,"last_id":N}` notices (a Socket.IO event named `skipped`,
// a WebSocket text frame). The Node.js reference never sends one.

import { Agent } from "node:http";
import { createInterface } from "node:readline";

import { openSocketio, openWebsocket } from "./sockets.mjs";


const [kind, url, clientsArg, sinceArg] = process.argv.slice(2);
const CLIENTS = Number(clientsArg);
const SINCE = Number(sinceArg ?? 0);
const BATCH = 50; // connections opened at once

let window = { from: Infinity, to: -Infinity };
const inWindow = (now) => now >= window.from && now <= window.to;
let delivered = 0;
let delays = new Map();
let skipped = 0;

function record(event) {
  const now = Date.now();
  if (!inWindow(now) || typeof event?.created_at !== "number") return;
  const delay = now - event.created_at;
  delivered += 1;
  delays.set(delay, (delays.get(delay) ?? 0) + 1);
}

/** Counts a `{"skipped":K,"last_id":N}` notice. */
function recordSkipped(notice) {
  if (inWindow(Date.now()) && typeof notice?.skipped === "number") skipped += notice.skipped;
}

// Every polling client of this process shares one pool of keep-alive
// connections (each client holds one poll and now and then posts a pong).
const pollingAgent = new Agent({ keepAlive: true, maxSockets: Infinity });

const on = { event: record, skipped: recordSkipped };

/** A socket.io-client on `transports` to /lab. */
const openSocketioOn = (transports) => () =>
  openSocketio(url, SINCE, on, {
    transports,
    upgrade: false,
    agent: transports.includes("polling") ? pollingAgent : false,
  });

const open = {
  socketio: openSocketioOn(["websocket"]),
  "socketio-polling": openSocketioOn(["polling"]),
  websocket: () => openWebsocket(url, SINCE, on),
}[kind];
if (!open || !(CLIENTS > 0)) {
  console.error(
    "usage: node benches/node/load_client.mjs <socketio|socketio-polling|websocket> <server-url> <clients> <since>",
  );
  process.exit(2);
}

const closers = [];
try {
  for (let i = 0; i < CLIENTS; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, CLIENTS - i) }, open);
    closers.push(...(await Promise.all(batch)));
  }
} catch (error) {
  console.error(`load client: could not connect (${kind}): ${error.message ?? error}`);
  process.exit(1);
}
console.log(JSON.stringify({ opened: closers.length }));

const finish = () => {
  closers.forEach((close) => close());
  process.exit(0);
};
const commands = createInterface({ input: process.stdin });
commands.on("close", finish);
commands.on("line", (command) => {
  const [verb, from, to] = command.split(" ");
  if (verb === "window") {
    delivered = 0;
    delays = new Map();
    skipped = 0;
    window = { from: Number(from), to: Number(to) };
  } else if (verb === "stop") {
    console.log(JSON.stringify({ delivered, skipped, delays: Object.fromEntries(delays) }));
  } else if (verb === "exit") {
    finish();
  }
});
