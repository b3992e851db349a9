// Socket.IO load client for `cargo bench --bench loadgen` (which spawns it).
//
// usage: node benches/node/socketio_load.mjs <server-url> <server-pid> [clients] [seconds]
//
// Uses the official socket.io-client from playground/node_modules, on the
// WebSocket transport only (`transports: ["websocket"]`: no HTTP polling
// handshake, so 1,000 clients stay cheap), to namespace /lab. Raw WebSocket
// clients on /ws (the `ws` package, which socket.io-client uses itself) are
// the reference measured by the same process.
//
// 1. Memory, ticker stopped: opens `clients` Socket.IO connections and keeps
//    them, then as many raw WebSocket connections; after each batch it reads
//    the server's VmRSS from /proc/<pid>/status. These clients live in this
//    process, so the growth is server-only memory. Prints one JSON line
//    `{"phase":"memory",...}` and waits for one line on stdin (the parent
//    closes its own idle clients meanwhile).
// 2. Delay, one transport at a time: closes every client, opens `clients`
//    fresh ones, turns the ticker on at 100 events/s for `seconds`, and
//    records receipt time minus each event's created_at (same clock).
//    Prints one JSON line `{"phase":"delay",...}` with p50/p99 and exits.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const require = createRequire(new URL("../../playground/package.json", import.meta.url));
const { io } = require("socket.io-client");
const WebSocket = require("ws");

const [url, pid, clientsArg, secondsArg] = process.argv.slice(2);
const CLIENTS = Number(clientsArg ?? 1000);
const SECONDS = Number(secondsArg ?? 5);
const RATE = 100;
const wsUrl = url.replace(/^http/, "ws");

const rssKib = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.round((sorted.length - 1) * p);
  return sorted[rank] ?? null;
};
const setTicker = (rate) =>
  fetch(`${url}/api/lab/ticker`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rate }),
  });

let delays = [];
let measuring = false;
const record = (event) => {
  if (measuring && event && typeof event.created_at === "number") {
    delays.push(Date.now() - event.created_at);
  }
};

const openSocketio = () =>
  new Promise((resolve, reject) => {
    const socket = io(`${url}/lab`, { transports: ["websocket"], forceNew: true, reconnection: false });
    socket.on("event", record);
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });

const openWebsocket = () =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/ws`);
    socket.on("message", (data) => {
      try {
        record(JSON.parse(data.toString()));
      } catch {
        // not an event frame
      }
    });
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });

async function openAll(open) {
  const sockets = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = Array.from({ length: Math.min(50, CLIENTS - i) }, open);
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

const closeSocketio = (sockets) => sockets.forEach((socket) => socket.disconnect());
const closeWebsocket = (sockets) => sockets.forEach((socket) => socket.terminate());

async function measureDelay(open, close) {
  const sockets = await openAll(open);
  await sleep(1000);
  delays = [];
  measuring = true;
  await setTicker(RATE);
  await sleep(SECONDS * 1000);
  await setTicker(0);
  measuring = false;
  close(sockets);
  await sleep(500);
  return {
    clients: CLIENTS,
    deliveries: delays.length,
    p50_ms: percentile(delays, 0.5),
    p99_ms: percentile(delays, 0.99),
  };
}

const perConnection = (grown) => Number((grown / CLIENTS).toFixed(1));

await setTicker(0);
const before = rssKib();
const socketio = await openAll(openSocketio);
await sleep(2000);
const afterSocketio = rssKib();
const websocket = await openAll(openWebsocket);
await sleep(2000);
const afterWebsocket = rssKib();
console.log(
  JSON.stringify({
    phase: "memory",
    socketio_kib_per_connection: perConnection(afterSocketio - before),
    websocket_kib_per_connection: perConnection(afterWebsocket - afterSocketio),
  }),
);
closeSocketio(socketio);
closeWebsocket(websocket);

const lines = createInterface({ input: process.stdin });
await new Promise((resolve) => {
  lines.once("line", resolve);
  lines.once("close", resolve);
});
lines.close();

const socketioDelay = await measureDelay(openSocketio, closeSocketio);
const websocketDelay = await measureDelay(openWebsocket, closeWebsocket);
console.log(JSON.stringify({ phase: "delay", socketio: socketioDelay, websocket: websocketDelay }));
process.exit(0);
