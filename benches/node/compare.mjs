// Side by side with the Node.js reference: one command that measures our
// release binary and benches/node/reference_server.mjs with the same load
// clients, and prints a Markdown table of medians and ratios (ours ÷ Node).
//
// usage: node benches/node/compare.mjs [--clients 1000] [--polling-clients 200] [--rate 100]
//                                      [--seconds 10] [--runs 3] [--processes 2]
//                                      [--transports socketio,socketio-polling,websocket]
//   quick try: node benches/node/compare.mjs --clients 200 --polling-clients 50 --seconds 3 --runs 1
//
// It builds nothing: it needs target/release/realtime-lab (`cargo build
// --release`) and playground/node_modules (`npm ci` in playground/).
//
// Every measurement starts a fresh server (so no connection of an earlier
// one is in its memory), then, for one transport (Socket.IO on /lab with the
// WebSocket transport, Socket.IO on /lab with HTTP long-polling only, or raw
// WebSocket on /ws):
// 1. memory: ticker stopped, `clients` connections (`polling-clients` for
//    Socket.IO over long-polling: every client polls after every answer)
//    opened by `processes` client processes (benches/node/load_client.mjs),
//    2 s to settle; the server's VmRSS growth (/proc/<pid>/status) ÷
//    connections;
// 2. delay and CPU: ticker at `rate` events/s, 1 s to warm up, then a window
//    of `seconds`: the clients record receipt time − created_at and count
//    the messages they got; the server's CPU time over the same window
//    (utime + stime from /proc/<pid>/stat) ÷ messages delivered.
// Four more rows say whether a figure can be trusted: the events the server
// produced per second (its `last_id` over the window), the share of them
// every client got, the events the server skipped for clients that fell
// more than its ring (1,024 events) behind (the sum of its `skipped`
// notices), and how busy the client processes were. The skipped row shows
// "—" for Node.js: its Socket.IO and `ws` drop nothing, they buffer every
// message a slow client has not taken yet, without bound, so there a slow
// client shows as delay and as a smaller delivered share, not as skips.
// Both servers serve Socket.IO's HTTP long-polling as they are (the
// reference's `new Server(http)` allows `["polling", "websocket"]`, the
// default); the clients never upgrade. Fewer of them by default: each
// client's every poll is an HTTP request, answered as soon as an event is due.
// Ours and Node alternate, `runs` times; each figure is the median of runs.

import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";

import {
  cpuSeconds, freePort, jsonLines, LOAD_CLIENT, loadAverage, machine, OURS, percentile, requirePath, ROOT, rssKib, sleep, start,
  startListening, startWindow, stopServer, waitUntil,
} from "./harness.mjs";

const REFERENCE = join(ROOT, "benches/node/reference_server.mjs");

const { values: options } = parseArgs({
  options: {
    clients: { type: "string", default: "1000" },
    "polling-clients": { type: "string", default: "200" },
    transports: { type: "string", default: "socketio,socketio-polling,websocket" },
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    processes: { type: "string", default: "2" },
  },
});
const CLIENTS = Number(options.clients);
const POLLING_CLIENTS = Number(options["polling-clients"]);
const RATE = Number(options.rate);
const SECONDS = Number(options.seconds);
const RUNS = Number(options.runs);
const PROCESSES = Number(options.processes);
if (![CLIENTS, POLLING_CLIENTS, RATE, SECONDS, RUNS, PROCESSES].every((n) => n > 0)) {
  console.error("--clients, --polling-clients, --rate, --seconds, --runs and --processes take positive numbers");
  process.exit(2);
}

requirePath("target/release/realtime-lab", "run cargo build --release first");
requirePath("playground/node_modules/socket.io", "run npm ci in playground/ first");

const stateDir = mkdtempSync(join(tmpdir(), "realtime-lab-compare-"));
process.on("exit", () => rmSync(stateDir, { recursive: true, force: true }));

const SERVERS = {
  ours: (port) => [
    OURS,
    ["--addr", `127.0.0.1:${port}`, "--ticker-rate", "0", "--max-connections-per-client", "1000000",
      "--publish-rate", "1000000", "--state-file", join(stateDir, `${port}.state`)],
  ],
  node: (port) => [process.execPath, [REFERENCE, String(port)]],
};

async function startServer(name) {
  const port = await freePort();
  const [command, args] = SERVERS[name](port);
  return startListening(command, args, port, name);
}

// A saturated server may answer late, but not never.
const API_TIMEOUT_MS = 60_000;
const lab = async (url) => (await fetch(`${url}/api/lab`, { signal: AbortSignal.timeout(API_TIMEOUT_MS) })).json();
async function setTicker(url, rate) {
  const answer = await fetch(`${url}/api/lab/ticker`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rate }),
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
  });
  if (!answer.ok) throw new Error(`POST /api/lab/ticker ${rate}: ${answer.status}`);
}

/** `PROCESSES` load clients sharing `count` connections, all connected. */
async function startClients(transport, url, since, count) {
  const clients = Array.from({ length: PROCESSES }, (_, i) => {
    const share = Math.floor(count / PROCESSES) + (i < count % PROCESSES ? 1 : 0);
    const child = start(process.execPath, [LOAD_CLIENT, transport, url, String(share), String(since)], [
      "pipe",
      "pipe",
      "inherit",
    ]);
    return { child, next: jsonLines(child), send: (command) => child.stdin.write(`${command}\n`) };
  });
  await Promise.all(clients.map((client) => client.next()));
  return clients;
}

// --- One measurement ---------------------------------------------------------

async function measure(name, transport) {
  const count = TRANSPORTS[transport].clients;
  const server = await startServer(name);
  try {
    await setTicker(server.url, 0);
    const { last_id: since } = await lab(server.url);
    const rssBefore = rssKib(server.pid);
    const clients = await startClients(transport, server.url, since, count);
    await sleep(2000);
    const kibPerConnection = (rssKib(server.pid) - rssBefore) / count;

    await setTicker(server.url, RATE);
    await sleep(1000);
    const clientCpu = () => clients.reduce((sum, client) => sum + cpuSeconds(client.child.pid), 0);
    const windowEnds = await startWindow(clients, SECONDS);
    const { last_id: firstId } = await lab(server.url);
    const [cpuBefore, clientCpuBefore] = [cpuSeconds(server.pid), clientCpu()];
    await waitUntil(windowEnds);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const clientCores = (clientCpu() - clientCpuBefore) / SECONDS / PROCESSES;
    clients.forEach((client) => client.send("stop"));
    // A saturated server may not answer at all: then the rows that need
    // its count say n/a.
    const lastId = await lab(server.url).then((snapshot) => snapshot.last_id, () => NaN);
    const reports = await Promise.all(clients.map((client) => client.next()));
    // Best effort: a saturated server may not answer in time, and it is
    // stopped right after anyway.
    await setTicker(server.url, 0).catch(() => {});
    clients.forEach((client) => client.send("exit"));
    await Promise.all(clients.map((client) => client.child.exited));

    const histogram = new Map();
    let delivered = 0;
    let skipped = 0;
    for (const report of reports) {
      delivered += report.delivered;
      skipped += report.skipped;
      for (const [delay, count] of Object.entries(report.delays)) {
        histogram.set(Number(delay), (histogram.get(Number(delay)) ?? 0) + count);
      }
    }
    return {
      p50: percentile(histogram, 0.5),
      p99: percentile(histogram, 0.99),
      cpuMicros: (cpu * 1e6) / delivered,
      kibPerConnection,
      eventsPerSecond: (lastId - firstId) / SECONDS,
      deliveredShare: delivered / (count * (lastId - firstId)),
      messagesPerSecond: delivered / SECONDS,
      skipped,
      clientCores,
    };
  } finally {
    await stopServer(server);
  }
}

// --- All of them, and the table ------------------------------------------------

const ALL_TRANSPORTS = {
  socketio: { label: "Socket.IO (`/lab`, websocket)", clients: CLIENTS },
  "socketio-polling": { label: "Socket.IO (`/lab`, HTTP long-polling)", clients: POLLING_CLIENTS },
  websocket: { label: "raw WebSocket (`/ws`)", clients: CLIENTS },
};
const wanted = options.transports.split(",").map((name) => name.trim());
const unknown = wanted.filter((name) => !(name in ALL_TRANSPORTS));
if (unknown.length > 0) {
  console.error(`--transports: unknown ${unknown.join(", ")}; choose among ${Object.keys(ALL_TRANSPORTS).join(", ")}`);
  process.exit(2);
}
const TRANSPORTS = Object.fromEntries(wanted.map((name) => [name, ALL_TRANSPORTS[name]]));
const percent = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : "n/a");
// [key, row name, format, and for a row Node cannot have: what its column says]
const METRICS = [
  ["p50", "delay p50 (ms)", (v) => v.toFixed(0)],
  ["p99", "delay p99 (ms)", (v) => v.toFixed(0)],
  ["cpuMicros", "server CPU per delivered message (µs)", (v) => v.toFixed(2)],
  ["kibPerConnection", "server memory per idle connection (KiB)", (v) => v.toFixed(1)],
  // Context, not a score: did the server keep the rate, did the clients keep up?
  ["eventsPerSecond", "events produced per second", (v) => (Number.isFinite(v) ? v.toFixed(0) : "n/a")],
  ["deliveredShare", "messages delivered ÷ (clients × events produced)", percent],
  ["messagesPerSecond", "messages delivered per second (all clients)", (v) => v.toFixed(0)],
  ["skipped", "events skipped by slow clients (notices)", (v) => v.toFixed(0), "—"],
  ["clientCores", "CPU of each client process (share of one core)", percent],
];
// Rows with a ratio: the four scores (lower is better for each) and the
// throughput (higher is better), which shows who carried more.
const RATIOS = new Set(["p50", "p99", "cpuMicros", "kibPerConnection", "messagesPerSecond"]);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const loadAtStart = loadAverage();
const results = Object.fromEntries(Object.keys(TRANSPORTS).map((transport) => [transport, { ours: [], node: [] }]));
for (let run = 1; run <= RUNS; run += 1) {
  for (const transport of Object.keys(TRANSPORTS)) {
    for (const name of ["ours", "node"]) {
      const result = await measure(name, transport);
      results[transport][name].push(result);
      console.error(`run ${run}/${RUNS} ${transport} ${name}: ${JSON.stringify(result)}`);
    }
  }
}
const loadAtEnd = loadAverage();

const out = [];
out.push(
  `${CLIENTS} clients per transport (${POLLING_CLIENTS} on Socket.IO over long-polling) in ${PROCESSES} client processes, ` +
    `${RATE} events/s, ${SECONDS} s windows, ` +
    `medians of ${RUNS} runs (ours and Node alternating, a fresh server per measurement).`,
  "",
  `Machine: ${machine()}.`,
  `Ours: ${relative(ROOT, OURS)} built ${statSync(OURS).mtime.toISOString()}.`,
  `Load average (1, 5, 15 min): ${loadAtStart} at start, ${loadAtEnd} at end.`,
  "",
  "| transport | measurement | ours | Node.js | ours ÷ Node |",
  "|---|---|---|---|---|",
);
for (const [transport, { label }] of Object.entries(TRANSPORTS)) {
  for (const [key, name, format, nodeHasNone] of METRICS) {
    const ours = median(results[transport].ours.map((r) => r[key]));
    const node = median(results[transport].node.map((r) => r[key]));
    const ratio = !RATIOS.has(key) ? "" : node > 0 ? (ours / node).toFixed(2) : "–";
    out.push(`| ${label} | ${name} | ${format(ours)} | ${nodeHasNone ?? format(node)} | ${ratio} |`);
  }
}
out.push(
  "",
  "—: the Node.js reference never skips; it buffers what a slow client has not taken yet, without bound.",
  "",
  "Runs (ours / Node):",
);
for (const [transport, { label }] of Object.entries(TRANSPORTS)) {
  for (const [key, name, format, nodeHasNone] of METRICS) {
    const runs = results[transport].ours.map(
      (r, i) => `${format(r[key])}/${nodeHasNone ?? format(results[transport].node[i][key])}`,
    );
    out.push(`- ${label}, ${name}: ${runs.join(", ")}`);
  }
}
console.log(out.join("\n"));
process.exit(0);
