// 10,000 mixed connections on our release binary: what they cost in memory,
// and how fast one published event reaches them, held long-polls first.
//
// usage: node benches/node/mixed.mjs [--each 2500] [--rounds 5] [--long-poll-client net|http]
//   quick try: node benches/node/mixed.mjs --each 500 --rounds 2
//
// It builds nothing: it needs target/release/realtime-lab (`cargo build
// --release`) and playground/node_modules (`npm ci` in playground/), and an
// open-file limit above `each` for every client process and above
// 4 × `each` + 256 for the server (which raises its soft limit to the hard
// one): with the default 2,500, `ulimit -n 20000` is plenty.
//
// One fresh server (ticker stopped, a temporary state file, connection
// limits out of the way as in compare.mjs; its total limit stays the
// default 10,000 unless 4 × `each` is more), then one client process per kind
// (benches/node/mixed_client.mjs), each holding `each` connections:
// long-polls (`/api/long-poll?since=N&timeout=30`, asking again at once
// after every answer), SSE streams (`/api/sse`), raw WebSockets (`/ws`) and
// Socket.IO sockets (`/lab`, WebSocket transport). The long-polls are read
// by a plain HTTP/1.1 client on node:net by default; `--long-poll-client
// http` uses node:http instead, which spends several times the CPU per
// answer in the client process, so 2,500 answers at once queue there and
// the delays measure the client more than the server (see
// mixed_client.mjs). Kind after kind:
// 1. memory: open `each` connections, wait until the server counts them
//    all open (`open_connections` in `GET /api/lab`), 2 s to settle, read
//    its VmRSS (/proc/<pid>/status); growth ÷ connections is the kind's
//    memory per connection. With all four open: the server's total RSS
//    (the target: under 300 MB) and its peak (VmHWM).
// 2. one event: with every long-poll held again, `POST /api/publish` one
//    message, wait 3 s, and ask every client process what it received:
//    receipt time − the event's `created_at` (the same clock) per
//    connection, the first receipt and p50/p99/max per kind, and how many
//    connections got it.
//    `rounds` times, 2 s apart; the table shows the median over rounds (the
//    target: 2,500 held long-polls at p99 under 100 ms). The same rounds
//    run once right after the long-polls opened, before the other kinds, so
//    the long-polls' figure alone stands next to their figure among 10,000.
// Each round also reads the CPU time (/proc/<pid>/stat) the server and each
// client process used in it: a client process that needs most of its round
// to read the answers adds its own queueing to the delays it records.
// It prints the machine, the load average at start and end, two Markdown
// tables and every round; progress goes to stderr.

import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import {
  cpuSeconds, freePort, jsonLines, loadAverage, machine, OURS, percentile, requirePath, ROOT, rssKib, sleep, start,
  startListening, stopServer,
} from "./harness.mjs";

const MIXED_CLIENT = join(ROOT, "benches/node/mixed_client.mjs");

const { values: options } = parseArgs({
  options: {
    each: { type: "string", default: "2500" },
    rounds: { type: "string", default: "5" },
    "long-poll-client": { type: "string", default: "net" },
  },
});
const EACH = Number(options.each);
const ROUNDS = Number(options.rounds);
const LONG_POLL_CLIENT = options["long-poll-client"];
if (![EACH, ROUNDS].every((n) => Number.isInteger(n) && n > 0) || !["net", "http"].includes(LONG_POLL_CLIENT)) {
  console.error("--each and --rounds take positive whole numbers; --long-poll-client net or http");
  process.exit(2);
}

// The kinds, in the order they open: mixed_client.mjs's name, the server's
// name in `GET /api/lab` `transports`, and the table's.
const KINDS = [
  {
    kind: LONG_POLL_CLIENT === "net" ? "long-poll" : "long-poll-http",
    meter: "long-polling",
    label: `long-polling (held, \`timeout=30\`, node:${LONG_POLL_CLIENT} client)`,
  },
  { kind: "sse", meter: "sse", label: "SSE (`/api/sse`)" },
  { kind: "websocket", meter: "websocket", label: "raw WebSocket (`/ws`)" },
  { kind: "socketio", meter: "socketio", label: "Socket.IO (`/lab`, websocket)" },
];
const TOTAL = EACH * KINDS.length;
const SETTLE_MS = 2000; // after opening a kind, before reading the RSS
const ANSWER_WAIT_MS = 3000; // after publishing, before asking the clients
const ROUND_GAP_MS = 2000; // quiet time before each round
const OPEN_DEADLINE_MS = 120_000; // for the server to count a kind all open
const API_TIMEOUT_MS = 60_000; // a busy server may answer late, but not never
const TARGET_MB = 300; // the project's target for 10k mixed connections
const TARGET_P99_MS = 100; // and for one event to 2,500 held long-polls

const progress = (text) => console.error(text);
const count = (n) => n.toLocaleString("en-US");
const mib = (kib) => (kib / 1024).toFixed(1);

// --- Before starting: can this machine hold that many? ------------------------

/** A process's soft and hard limits on open files, from /proc/<pid>/limits. */
function openFileLimits(pid = "self") {
  const [, soft, hard] = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync(`/proc/${pid}/limits`, "utf8"));
  const value = (text) => (text === "unlimited" ? Infinity : Number(text));
  return { soft: value(soft), hard: value(hard) };
}

/** Exits with a clear message when the limits cannot fit the connections. */
function checkLimits() {
  const { soft, hard } = openFileLimits();
  const clientNeeds = EACH + 100; // its sockets, plus Node's own files
  const serverNeeds = TOTAL + 256; // the server keeps 256 for itself
  if (soft < clientNeeds || hard < serverNeeds) {
    console.error(
      `the open-file limit is too low: ulimit -n says ${soft} (hard ${hard}); each client process needs about ` +
        `${clientNeeds} and the server ${serverNeeds} (it raises its soft limit to the hard one). ` +
        `Raise it (e.g. \`ulimit -n ${serverNeeds + 1000}\`, as root or within the hard limit) or lower --each.`,
    );
    process.exit(1);
  }
  const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
  if (high - low + 1 < TOTAL + 1000) {
    console.error(`the local port range (${low}–${high}) is too small for ${count(TOTAL)} connections to one port`);
    process.exit(1);
  }
}

// --- The server and its API ---------------------------------------------------

requirePath("target/release/realtime-lab", "run cargo build --release first");
requirePath("playground/node_modules/socket.io-client", "run npm ci in playground/ first");
checkLimits();

const stateDir = mkdtempSync(join(tmpdir(), "realtime-lab-mixed-"));
process.on("exit", () => rmSync(stateDir, { recursive: true, force: true }));

async function startServer() {
  const port = await freePort();
  const args = ["--addr", `127.0.0.1:${port}`, "--ticker-rate", "0", "--max-connections-per-client", "1000000",
    "--publish-rate", "1000000", "--max-connections", String(Math.max(10_000, TOTAL)),
    "--state-file", join(stateDir, "mixed.state")];
  const server = await startListening(OURS, args, port, "our");
  const { soft } = openFileLimits(server.pid);
  if (soft < TOTAL + 256) {
    console.error(`the server could raise its open-file limit only to ${soft}; it needs ${TOTAL + 256}`);
    process.exit(1);
  }
  return server;
}

const lab = async (url) => (await fetch(`${url}/api/lab`, { signal: AbortSignal.timeout(API_TIMEOUT_MS) })).json();

/** How many connections of `meter` the server holds open now. */
const openOn = async (url, meter) => (await lab(url)).transports[meter].open_connections;

/** Waits until the server holds `EACH` connections of `meter`; exits if it never does. */
async function awaitOpen(url, { meter, label }) {
  const deadline = Date.now() + OPEN_DEADLINE_MS;
  let open = 0;
  while (Date.now() < deadline) {
    open = await openOn(url, meter);
    if (open >= EACH) return open;
    await sleep(100);
  }
  console.error(
    `only ${count(open)} of ${count(EACH)} ${label} connections are open on the server after ` +
      `${OPEN_DEADLINE_MS / 1000} s (see the client's messages above; check ulimit -n, the server's ` +
      `--max-connections and the local port range)`,
  );
  process.exit(1);
}

/** Publishes one message, as an HTTP client does. */
async function publishOne(url, text) {
  const answer = await fetch(`${url}/api/publish`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, via: "long-polling" }),
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
  });
  if (answer.status !== 201) throw new Error(`POST /api/publish: ${answer.status} ${await answer.text()}`);
}

/** A client process holding `EACH` connections of `kind`, all open. */
async function startClient(url, since, { kind, label }) {
  const child = start(process.execPath, [MIXED_CLIENT, kind, url, String(EACH), String(since)], [
    "pipe",
    "pipe",
    "inherit",
  ]);
  const client = { kind, child, next: jsonLines(child), send: (command) => child.stdin.write(`${command}\n`) };
  try {
    await client.next(); // {"opened":N}
  } catch (error) {
    console.error(`could not open ${count(EACH)} ${label} connections: ${error.message}`);
    process.exit(1);
  }
  return client;
}

// --- One round: one event, every client's view of it ---------------------------

/** min/p50/p99/max and how many got it, from a client's histogram. */
function summary(report) {
  const histogram = new Map(Object.entries(report.delays).map(([delay, n]) => [Number(delay), n]));
  return {
    got: report.received,
    min: histogram.size ? Math.min(...histogram.keys()) : null,
    p50: percentile(histogram, 0.5),
    p99: percentile(histogram, 0.99),
    max: histogram.size ? Math.max(...histogram.keys()) : null,
    skipped: report.skipped,
    lost: report.lost,
    errors: report.errors,
  };
}

async function round(server, clients, number) {
  await awaitOpen(server.url, KINDS[0]); // every long-poll held again
  await sleep(ROUND_GAP_MS);
  const cpu = () => [cpuSeconds(server.pid), ...clients.map((client) => cpuSeconds(client.child.pid))];
  const cpuBefore = cpu();
  clients.forEach((client) => client.send("start"));
  await sleep(50); // the clients have read `start` before the event exists
  await publishOne(server.url, `mixed round ${number}`);
  await sleep(ANSWER_WAIT_MS);
  clients.forEach((client) => client.send("stop"));
  const reports = await Promise.all(clients.map((client) => client.next()));
  const [serverCpu, ...clientCpu] = cpu().map((seconds, i) => Math.round((seconds - cpuBefore[i]) * 1000));
  const result = { serverCpuMs: serverCpu, kinds: {} };
  clients.forEach((client, i) => {
    result.kinds[client.kind] = { ...summary(reports[i]), clientCpuMs: clientCpu[i] };
  });
  return result;
}

async function rounds(server, clients, name) {
  const results = [];
  for (let number = 1; number <= ROUNDS; number += 1) {
    progress(`${name}: round ${number} of ${ROUNDS}…`);
    const result = await round(server, clients, number);
    progress(`  ${JSON.stringify(result)}`);
    results.push(result);
  }
  return results;
}

// --- The run ---------------------------------------------------------------------

const loadAtStart = loadAverage();
const builtAt = statSync(OURS).mtime.toISOString(); // the binary this run starts
const server = await startServer();
const { last_id: since } = await lab(server.url);
const rssAtStart = rssKib(server.pid);
const memory = [];
const clients = [];
let alone = null;
for (const kind of KINDS) {
  progress(`opening ${count(EACH)} ${kind.label} connections…`);
  const rssBefore = rssKib(server.pid);
  clients.push(await startClient(server.url, since, kind));
  const open = await awaitOpen(server.url, kind);
  await sleep(SETTLE_MS);
  const growth = rssKib(server.pid) - rssBefore;
  memory.push({ ...kind, open, growth });
  progress(`  the server holds ${count(open)}; its RSS grew ${mib(growth)} MiB`);
  if (kind === KINDS[0]) alone = await rounds(server, clients, "long-polls alone");
}
const rssAllOpen = rssKib(server.pid);
const totalOpen = Object.values((await lab(server.url)).transports).reduce((sum, t) => sum + t.open_connections, 0);
const mixed = await rounds(server, clients, `all ${count(TOTAL)} open`);
const rssAtEnd = rssKib(server.pid);
const peakKib = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))[1]);
clients.forEach((client) => client.send("exit"));
await Promise.all(clients.map((client) => client.child.exited));
await stopServer(server);
const loadAtEnd = loadAverage();

// --- The tables ----------------------------------------------------------------

const median = (values) => {
  const known = values.filter((v) => v !== null);
  return known.length ? [...known].sort((a, b) => a - b)[Math.floor(known.length / 2)] : null;
};
const ms = (v) => (v === null ? "–" : v.toFixed(0));
const sum = (results, kind, key) => results.reduce((total, r) => total + r.kinds[kind][key], 0);
const skippedInAll =
  sum(alone, KINDS[0].kind, "skipped") + KINDS.reduce((n, { kind }) => n + sum(mixed, kind, "skipped"), 0);
// The clients count lost connections and errors from their start: the last report has them all.
const lastCounts = (key) => KINDS.reduce((n, { kind }) => n + mixed.at(-1).kinds[kind][key], 0);

/** A row of the delay table: medians over rounds, the fewest that got it. */
function delayRow(label, results, kind) {
  const of = (key) => results.map((r) => r.kinds[kind][key]);
  const fewest = Math.min(...of("got"));
  const medians = ["min", "p50", "p99", "max", "clientCpuMs"].map((key) => ms(median(of(key))));
  return `| ${label} | ${count(fewest)} of ${count(EACH)} | ${medians.join(" | ")} |`;
}

const megabytes = (rssAllOpen * 1024) / 1e6;
const LONG_POLL = KINDS[0].kind;
const longPollP99 = (results) => median(results.map((r) => r.kinds[LONG_POLL].p99));
const verdict = (ok) => (ok ? "met" : "missed");
const fast = (p99) => p99 !== null && p99 < TARGET_P99_MS;
const out = [];
out.push(
  `${count(TOTAL)} connections to our server: ${count(EACH)} each of long-polling, SSE, raw WebSocket and ` +
    `Socket.IO (websocket), one client process per kind, ticker stopped; ${ROUNDS} rounds of one published event.`,
  "",
  `Machine: ${machine()}.`,
  `Ours: target/release/realtime-lab built ${builtAt}` +
    (statSync(OURS).mtime.toISOString() === builtAt ? "." : " (rebuilt since: the run used the older one)."),
  `Load average (1, 5, 15 min): ${loadAtStart} at start, ${loadAtEnd} at end.`,
  "",
  "| kind | open on the server | server RSS growth (MiB) | per connection (KiB) |",
  "|---|---|---|---|",
  ...memory.map(
    ({ label, open, growth }) => `| ${label} | ${count(open)} | ${mib(growth)} | ${(growth / EACH).toFixed(1)} |`,
  ),
  `| all, opened one kind after the other | ${count(totalOpen)} | ${mib(rssAllOpen - rssAtStart)} | ` +
    `${((rssAllOpen - rssAtStart) / TOTAL).toFixed(1)} |`,
  "",
  `Server RSS: ${mib(rssAtStart)} MiB at start, ${mib(rssAllOpen)} MiB (${megabytes.toFixed(0)} MB) with all ` +
    `${count(TOTAL)} open (target: under ${TARGET_MB} MB, ${verdict(megabytes < TARGET_MB)}), ` +
    `${mib(rssAtEnd)} MiB after the rounds, peak (VmHWM) ${mib(peakKib)} MiB.`,
  "",
  "One published event, receipt − `created_at`: medians over rounds (\"got it\": the fewest in a round).",
  "",
  "| connections | got it | first (ms) | delay p50 (ms) | delay p99 (ms) | delay max (ms) " +
    "| client process CPU in the round (ms) |",
  "|---|---|---|---|---|---|---|",
  delayRow(`${KINDS[0].label}, alone (before the other kinds opened)`, alone, LONG_POLL),
  ...KINDS.map(({ kind, label }) => delayRow(`${label}, among all ${count(TOTAL)}`, mixed, kind)),
  "",
  `Long-polls, median p99 (target: under ${TARGET_P99_MS} ms for 2,500 held long-polls): ` +
    `${ms(longPollP99(alone))} ms alone (${verdict(fast(longPollP99(alone)))}), ` +
    `${ms(longPollP99(mixed))} ms among all ${count(TOTAL)} (${verdict(fast(longPollP99(mixed)))}).`,
  `Server CPU per round (ms): alone ${alone.map((r) => r.serverCpuMs.toFixed(0)).join(", ")}; ` +
    `among all ${mixed.map((r) => r.serverCpuMs.toFixed(0)).join(", ")}.`,
  `Over the whole run: events skipped (notices) ${skippedInAll}, connections the server ended ${lastCounts("lost")}, ` +
    `failed or refused requests ${lastCounts("errors")}.`,
  "",
  "Rounds (delay min/p50/p99/max in ms, got it, the client process's CPU in ms):",
);
const describe = (r) =>
  `${ms(r.min)}/${ms(r.p50)}/${ms(r.p99)}/${ms(r.max)}, ${count(r.got)}, client CPU ${ms(r.clientCpuMs)}`;
out.push(`- long-polls alone: ${alone.map((r) => describe(r.kinds[LONG_POLL])).join("; ")}`);
for (const { kind, label } of KINDS) {
  out.push(`- ${label} among all: ${mixed.map((r) => describe(r.kinds[kind])).join("; ")}`);
}
console.log(out.join("\n"));
process.exit(0);
