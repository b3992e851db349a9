// Socket.IO under load, with raw WebSocket as the reference in the same run.
//
// usage: node benches/node/socketio_load.mjs <server-url> <server-pid> [clients] [seconds]
//
// Opens `clients` official socket.io-client connections (namespace /lab,
// WebSocket transport) and as many raw WebSocket clients on /ws (the `ws`
// package that socket.io-client itself uses), against a server started with
// `--ticker-rate 100`. For `seconds` it records delivery delay (receipt time
// minus the event's created_at; same machine, same clock), then prints p50
// and p99 per transport, the ratio to raw WebSocket, and the server's RSS
// growth per idle connection of each kind (read from /proc/<pid>/status;
// the clients run in this separate process, so it is server-only memory).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../playground/package.json", import.meta.url));
const { io } = require("socket.io-client");
const WebSocket = require("ws");

const [url, pid, clientsArg, secondsArg] = process.argv.slice(2);
const CLIENTS = Number(clientsArg ?? 1000);
const SECONDS = Number(secondsArg ?? 5);
const wsUrl = url.replace(/^http/, "ws");

const rssKib = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function connectAll(open) {
  const sockets = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = Array.from({ length: Math.min(50, CLIENTS - i) }, open);
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

const delays = { socketio: [], websocket: [] };
let measuring = false;
const record = (kind, event) => {
  if (measuring) {
    delays[kind].push(Date.now() - event.created_at);
  }
};

const before = rssKib();
const socketio = await connectAll(
  () =>
    new Promise((resolve, reject) => {
      const socket = io(`${url}/lab`, { transports: ["websocket"], forceNew: true, reconnection: false });
      socket.on("event", (event) => record("socketio", event));
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    }),
);
await sleep(1000);
const afterSocketio = rssKib();
const websocket = await connectAll(
  () =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}/ws`);
      socket.on("message", (data) => {
        const message = JSON.parse(data.toString());
        if (message.kind) {
          record("websocket", message);
        }
      });
      socket.once("open", () => resolve(socket));
      socket.once("error", reject);
    }),
);
await sleep(1000);
const afterWebsocket = rssKib();

measuring = true;
await sleep(SECONDS * 1000);
measuring = false;

const reference = percentile(delays.websocket, 50);
const report = {};
for (const [kind, values] of Object.entries(delays)) {
  report[kind] = {
    clients: CLIENTS,
    deliveries: values.length,
    p50_ms: percentile(values, 50),
    p99_ms: percentile(values, 99),
    p50_vs_websocket: Number((percentile(values, 50) / reference).toFixed(2)),
  };
}
report.socketio.server_kib_per_idle_connection = Number(((afterSocketio - before) / CLIENTS).toFixed(1));
report.websocket.server_kib_per_idle_connection = Number(((afterWebsocket - afterSocketio) / CLIENTS).toFixed(1));
console.log(JSON.stringify(report));
for (const socket of socketio) socket.disconnect();
for (const socket of websocket) socket.terminate();
process.exit(0);
