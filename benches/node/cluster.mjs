// Scale-out benchmark: 1, 2 and 3 instances of our release binary on one
// real redis-server (plus one instance without Redis, the in-memory
// baseline), the same load each time, and a Markdown table of delivered
// messages per second and delivery delay p50/p99.
//
// usage: node benches/node/cluster.mjs [--clients 600] [--rate 100] [--seconds 10]
//                                      [--runs 3] [--transport websocket|socketio]
//
// Clients are split evenly over the instances, one load-client process
// (benches/node/load_client.mjs) per instance; the ticker runs once for the
// cluster (on whichever instance holds the lease), so every client should
// get every event wherever it is connected: the delay includes the trip
// through Redis (XADD, then each instance's XREAD). It needs
// target/release/realtime-lab (`cargo build --release`), redis-server
// (Debian package) and playground/node_modules (`npm ci` in playground/).

import { parseArgs } from "node:util";

import {
  cpuSeconds, freePort, jsonLines, LOAD_CLIENT, loadAverage, machine, OURS, percentile, requirePath, sleep, start, startListening,
  startWindow, stopServer, waitUntil,
} from "./harness.mjs";

const { values: options } = parseArgs({
  options: {
    clients: { type: "string", default: "600" },
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    transport: { type: "string", default: "websocket" },
  },
});
const CLIENTS = Number(options.clients);
const RATE = Number(options.rate);
const SECONDS = Number(options.seconds);
const RUNS = Number(options.runs);
const TRANSPORT = options.transport;
if (![CLIENTS, RATE, SECONDS, RUNS].every((n) => n > 0) || !["websocket", "socketio"].includes(TRANSPORT)) {
  console.error("--clients, --rate, --seconds and --runs take positive numbers; --transport websocket or socketio");
  process.exit(2);
}
requirePath("target/release/realtime-lab", "run cargo build --release first");
requirePath("playground/node_modules/socket.io-client", "run npm ci in playground/ first");

const api = async (url, path, body) =>
  (
    await fetch(`${url}${path}`, {
      method: body ? "POST" : "GET",
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    })
  ).json();

async function startRedis() {
  const port = await freePort();
  const child = start("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], ["ignore", "ignore", "inherit"]);
  await sleep(300);
  return { child, url: `redis://127.0.0.1:${port}` };
}

async function startInstance(redis) {
  const port = await freePort();
  const args = ["--addr", `127.0.0.1:${port}`, "--ticker-rate", "0", "--max-connections-per-client", "1000000", "--publish-rate", "1000000"];
  if (redis) args.push("--redis", redis.url);
  return startListening(OURS, args, port, "realtime-lab");
}

/** One measurement with `count` instances (0: one instance without Redis). */
async function measure(count) {
  const redis = count > 0 ? await startRedis() : null;
  const instances = [];
  for (let i = 0; i < Math.max(count, 1); i += 1) instances.push(await startInstance(redis));
  try {
    await api(instances[0].url, "/api/lab/ticker", { rate: 0 });
    await sleep(1500); // the cluster agrees on the rate
    const { last_id: since } = await api(instances[0].url, "/api/lab");
    const clients = instances.map((instance, i) => {
      const share = Math.floor(CLIENTS / instances.length) + (i < CLIENTS % instances.length ? 1 : 0);
      const child = start(process.execPath, [LOAD_CLIENT, TRANSPORT, instance.url, String(share), String(since)], ["pipe", "pipe", "inherit"]);
      return { child, next: jsonLines(child), send: (command) => child.stdin.write(`${command}\n`) };
    });
    await Promise.all(clients.map((client) => client.next()));
    await api(instances[0].url, "/api/lab/ticker", { rate: RATE });
    await sleep(2500); // the rate reaches the lease holder, then warm up
    const windowEnds = await startWindow(clients, SECONDS);
    const { last_id: firstId } = await api(instances[0].url, "/api/lab");
    const cpuBefore = instances.reduce((sum, instance) => sum + cpuSeconds(instance.pid), 0);
    await waitUntil(windowEnds);
    const cpu = instances.reduce((sum, instance) => sum + cpuSeconds(instance.pid), 0) - cpuBefore;
    clients.forEach((client) => client.send("stop"));
    const { last_id: lastId } = await api(instances[0].url, "/api/lab");
    const reports = await Promise.all(clients.map((client) => client.next()));
    clients.forEach((client) => client.send("exit"));
    await Promise.all(clients.map((client) => client.child.exited));
    const histogram = new Map();
    let delivered = 0;
    for (const report of reports) {
      delivered += report.delivered;
      for (const [delay, n] of Object.entries(report.delays)) histogram.set(Number(delay), (histogram.get(Number(delay)) ?? 0) + n);
    }
    const produced = lastId - firstId;
    return {
      perSecond: delivered / SECONDS,
      p50: percentile(histogram, 0.5),
      p99: percentile(histogram, 0.99),
      share: produced > 0 ? delivered / (produced * CLIENTS) : 0,
      cpuPerMessage: delivered > 0 ? (cpu / delivered) * 1e6 : null,
    };
  } finally {
    for (const instance of instances) await stopServer(instance);
    if (redis) {
      redis.child.kill("SIGTERM");
      await redis.child.exited;
    }
  }
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

const loadAtStart = loadAverage();
const rows = [];
for (const count of [0, 1, 2, 3]) {
  const runs = [];
  for (let run = 0; run < RUNS; run += 1) {
    runs.push(await measure(count));
    process.stderr.write(`${count || "no Redis, 1"} instance(s), run ${run + 1}/${RUNS} done\n`);
  }
  rows.push({
    name: count === 0 ? "1 instance, in memory (no --redis)" : `${count} instance${count > 1 ? "s" : ""} on one Redis`,
    perSecond: median(runs.map((r) => r.perSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    share: median(runs.map((r) => r.share)),
    cpu: median(runs.map((r) => r.cpuPerMessage)),
  });
}
const fmt = (n, digits = 0) => (n === null ? "–" : n.toFixed(digits));
console.log(`${CLIENTS} ${TRANSPORT} clients split over the instances, ticker ${RATE} events/s for the cluster, ${SECONDS} s windows, median of ${RUNS} runs.`);
console.log(`Machine: ${machine()}; load average ${loadAtStart} at start, ${loadAverage()} at end.\n`);
console.log("| setup | delivered messages/s | delay p50 / p99 (ms) | share of events every client got | server CPU per delivered message (µs, all instances) |");
console.log("|---|---|---|---|---|");
for (const row of rows) {
  console.log(`| ${row.name} | ${fmt(row.perSecond)} | ${fmt(row.p50)} / ${fmt(row.p99)} | ${fmt(row.share * 100)} % | ${fmt(row.cpu, 1)} |`);
}
