// Lesson pages, ours vs nginx serving the same bytes: one command that
// measures how our release binary serves a lesson page next to nginx
// serving a copy of that page as a static file, with the same load clients,
// and prints a Markdown table of medians and ratios (ours ÷ nginx).
//
// usage: node benches/node/pages.mjs [--connections 50] [--processes 2] [--seconds 10] [--runs 3]
//   quick try: node benches/node/pages.mjs --seconds 3 --runs 1
//
// It builds nothing: it needs target/release/realtime-lab (`cargo build
// --release`; `REALTIME_LAB_BINARY` names another build) and nginx
// (/usr/sbin/nginx, nginx on PATH, or the path in `NGINX`; `apt-get install
// nginx`). No npm package: the load client is benches/node/pages_client.mjs.
//
// First, once: a server of ours answers `GET /en/02-http-comet-websockets`
// (a request without `accept-encoding`); the exact bytes become
// <tmp>/www/page.html. Our server compresses only when asked (tower-http's
// CompressionLayer), so without `accept-encoding` it sends the page as it
// is, with a `content-length`: the harness stops if it names a
// `content-encoding`, and prints the page's length and, for context, what
// gzip and br would have made of it.
// Then every measurement starts a fresh server:
// - ours: `realtime-lab --addr 127.0.0.1:PORT --ticker-rate 0 --state-file
//   <tmp>/state` (a chapter is rendered on its first request, in the warm-up);
// - nginx: `nginx -p <tmp>/nginx -c <tmp>/nginx/nginx.conf -e <error log>
//   -g 'daemon off;'`, a child of this harness, with a configuration
//   generated here: `location = /en/02-http-comet-websockets` is an alias of
//   page.html (`text/html; charset=utf-8`, as ours), `sendfile on`,
//   `access_log off`, pid, error log and temporary folders in <tmp>/nginx,
//   `keepalive_requests` raised from 1,000 to 1,000,000,000 (our server
//   never closes a keep-alive connection after N requests; at 1,000 nginx
//   would close each connection every few seconds) and a
//   `location = /api/lab` answering `{}` so it is started and waited for as
//   our server is. `worker_processes auto`: one worker per core (2 on the
//   2-core machine), as our server's Tokio runtime runs one worker thread
//   per core; 1 worker would leave nginx half the cores ours may use.
//   Both servers share the cores with the client processes.
// One measurement: `connections` keep-alive HTTP/1.1 connections from
// `processes` client processes (benches/node/pages_client.mjs), each
// sending the same `GET /en/02-http-comet-websockets` (only a `Host`
// header) again as soon as the previous answer has arrived; 1 s to warm
// up, then a window of `seconds`: requests answered per second (all
// connections), the latency of each (request written → last byte read, to
// 0.1 ms) as p50, p99 and max, the server's CPU time over the window
// (utime + stime from /proc/<pid>/stat; for nginx the master and its
// workers, the children found in /proc) ÷ requests, and its VmRSS after
// the window (nginx: master + workers summed, so pages they share count
// twice). Context rows: bytes received per second, the share of a core each
// client process used (a client near 100 % is itself a limit), and answers
// that were not a 200 with the expected length and no `content-encoding`.
// Ours and nginx alternate, `runs` times; each figure is the median of
// runs. It prints the machine, the load average at start and end, the
// table and every run; progress goes to stderr.

import { spawnSync } from "node:child_process";
import {
  chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { parseArgs } from "node:util";

import {
  cpuSeconds, freePort, jsonLines, loadAverage, machine, OURS, percentile, requirePath, ROOT, rssKib, sleep, start,
  startListening, stopServer,
} from "./harness.mjs";

const PAGES_CLIENT = join(ROOT, "benches/node/pages_client.mjs");
const PAGE = "/en/02-http-comet-websockets";

const { values: options } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    processes: { type: "string", default: "2" },
    seconds: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
  },
});
const CONNECTIONS = Number(options.connections);
const PROCESSES = Number(options.processes);
const SECONDS = Number(options.seconds);
const RUNS = Number(options.runs);
if (![CONNECTIONS, PROCESSES, SECONDS, RUNS].every((n) => n > 0) || PROCESSES > CONNECTIONS) {
  console.error(
    "--connections, --processes, --seconds and --runs take positive numbers (no more processes than connections)",
  );
  process.exit(2);
}

requirePath(relative(ROOT, OURS), "run cargo build --release first");
const onPath = (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "nginx"));
const NGINX = [process.env.NGINX, "/usr/sbin/nginx", ...onPath].find((path) => path && existsSync(path));
if (!NGINX) {
  console.error(
    "nginx is missing (looked for $NGINX, /usr/sbin/nginx and nginx on PATH): install nginx: apt-get install nginx",
  );
  process.exit(1);
}
// `nginx -v` writes "nginx version: nginx/1.22.1" to stderr.
const NGINX_VERSION = spawnSync(NGINX, ["-v"], { encoding: "utf8" }).stderr.trim().replace(/^nginx version: /, "");

// nginx's worker runs as `nobody` when the master is root: the folders on
// the way to the page must be readable by it.
const tmp = mkdtempSync(join(tmpdir(), "realtime-lab-pages-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
chmodSync(tmp, 0o755);
const WWW = join(tmp, "www");
const NGINX_PREFIX = join(tmp, "nginx");
mkdirSync(WWW, { mode: 0o755 });
mkdirSync(NGINX_PREFIX, { mode: 0o755 });
const PAGE_FILE = join(WWW, "page.html");

// The harness's exit handler kills what it started (nginx's master); its
// workers are the master's children, not ours: kill the ones found, by pid.
const nginxWorkers = new Set();
process.on("exit", () =>
  nginxWorkers.forEach((pid) => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }),
);

/** The children of `pid`, from the parent pid (field 4) of every /proc/<n>/stat. */
function childrenOf(pid) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(")").pop().trim().split(" ");
      if (Number(fields[1]) === pid) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

function nginxConf(port) {
  const at = (name) => join(NGINX_PREFIX, name);
  return `# generated by benches/node/pages.mjs
worker_processes auto;
pid ${at("nginx.pid")};
error_log ${at("error.log")} warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    sendfile on;
    server_tokens off;
    keepalive_requests 1000000000;
    keepalive_timeout 75s;
    client_body_temp_path ${at("client_body")};
    proxy_temp_path ${at("proxy")};
    fastcgi_temp_path ${at("fastcgi")};
    uwsgi_temp_path ${at("uwsgi")};
    scgi_temp_path ${at("scgi")};
    types { }
    server {
        listen 127.0.0.1:${port};
        location = ${PAGE} {
            default_type text/html;
            charset utf-8;
            alias ${PAGE_FILE};
        }
        # What startListening waits for.
        location = /api/lab {
            default_type application/json;
            return 200 '{}';
        }
        location / {
            return 404;
        }
    }
}
`;
}

const SERVERS = {
  ours: (port) => [
    OURS,
    ["--addr", `127.0.0.1:${port}`, "--ticker-rate", "0", "--state-file", join(tmp, `${port}.state`)],
  ],
  nginx: (port) => {
    const conf = join(NGINX_PREFIX, "nginx.conf");
    writeFileSync(conf, nginxConf(port));
    return [NGINX, ["-p", NGINX_PREFIX, "-c", conf, "-e", join(NGINX_PREFIX, "error.log"), "-g", "daemon off;"]];
  },
};

/** A started server, with every pid whose CPU time and memory count. */
async function startServer(name) {
  const port = await freePort();
  const [command, args] = SERVERS[name](port);
  const server = { ...(await startListening(command, args, port, name)), port };
  server.pids = [server.pid];
  if (name === "nginx") {
    const workers = childrenOf(server.pid);
    if (workers.length === 0) throw new Error("nginx answered but no worker process was found");
    workers.forEach((pid) => nginxWorkers.add(pid));
    server.pids.push(...workers);
  }
  return server;
}

async function stop(server) {
  await stopServer(server);
  server.pids.slice(1).forEach((pid) => nginxWorkers.delete(pid));
}

/** GET with only the headers given (node:http adds `Host` and `Connection`). */
function get(url, headers) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

// --- The page, once ------------------------------------------------------------

async function preparePage() {
  const server = await startServer("ours");
  try {
    const plain = await get(`${server.url}${PAGE}`, {});
    if (plain.status !== 200) throw new Error(`GET ${PAGE} on our server: ${plain.status}`);
    if (plain.headers["content-encoding"] && plain.headers["content-encoding"] !== "identity") {
      throw new Error(`our server sent ${PAGE} with content-encoding ${plain.headers["content-encoding"]} unasked`);
    }
    if (Number(plain.headers["content-length"]) !== plain.body.length) {
      throw new Error(`our server sent ${PAGE} without a content-length matching its ${plain.body.length} bytes`);
    }
    writeFileSync(PAGE_FILE, plain.body, { mode: 0o644 });
    const compressed = {};
    for (const encoding of ["gzip", "br"]) {
      const answer = await get(`${server.url}${PAGE}`, { "accept-encoding": encoding });
      compressed[encoding] = `${answer.body.length} bytes (${answer.headers["content-encoding"] ?? "identity"})`;
    }
    return { bytes: plain.body.length, contentType: plain.headers["content-type"], compressed };
  } finally {
    await stop(server);
  }
}

/** Checks nginx sends the same bytes, without `accept-encoding`. */
async function checkNginx() {
  const server = await startServer("nginx");
  try {
    const answer = await get(`${server.url}${PAGE}`, {});
    if (answer.status !== 200 || !answer.body.equals(readFileSync(PAGE_FILE))) {
      throw new Error(`nginx did not send page.html for GET ${PAGE} (${answer.status}, ${answer.body.length} bytes)`);
    }
    return {
      bytes: answer.body.length,
      contentType: answer.headers["content-type"],
      encoding: answer.headers["content-encoding"] ?? "identity",
      workers: server.pids.length - 1,
    };
  } finally {
    await stop(server);
  }
}

// --- One measurement -------------------------------------------------------------

async function startClients(server, bytes) {
  const clients = Array.from({ length: PROCESSES }, (_, i) => {
    const share = Math.floor(CONNECTIONS / PROCESSES) + (i < CONNECTIONS % PROCESSES ? 1 : 0);
    const child = start(
      process.execPath,
      [PAGES_CLIENT, "127.0.0.1", String(server.port), PAGE, String(share), String(bytes)],
      ["pipe", "pipe", "inherit"],
    );
    return { child, next: jsonLines(child), send: (command) => child.stdin.write(`${command}\n`) };
  });
  await Promise.all(clients.map((client) => client.next()));
  return clients;
}

async function measure(name, bytes) {
  const server = await startServer(name);
  try {
    const serverCpu = () => server.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const clients = await startClients(server, bytes);
    const clientCpu = () => clients.reduce((sum, client) => sum + cpuSeconds(client.child.pid), 0);
    await sleep(1000);
    const [cpuBefore, clientCpuBefore] = [serverCpu(), clientCpu()];
    const workerCpuBefore = server.pids.map(cpuSeconds);
    clients.forEach((client) => client.send("start"));
    await sleep(SECONDS * 1000);
    clients.forEach((client) => client.send("stop"));
    const cpu = serverCpu() - cpuBefore;
    const cpuByPid = server.pids.map((pid, i) => cpuSeconds(pid) - workerCpuBefore[i]);
    const clientCores = (clientCpu() - clientCpuBefore) / SECONDS / PROCESSES;
    const reports = await Promise.all(clients.map((client) => client.next()));
    const rss = server.pids.reduce((sum, pid) => sum + rssKib(pid), 0);
    clients.forEach((client) => client.send("exit"));
    await Promise.all(clients.map((client) => client.child.exited));

    const histogram = new Map();
    let [requests, perSecond, bytesPerSecond, bad, errors, reconnects] = [0, 0, 0, 0, 0, 0];
    for (const report of reports) {
      requests += report.requests;
      perSecond += report.requests / report.seconds;
      bytesPerSecond += report.bytes / report.seconds;
      bad += report.bad;
      errors += report.errors;
      reconnects += report.reconnects;
      for (const [tenths, count] of Object.entries(report.latencies)) {
        const ms = Number(tenths) / 10;
        histogram.set(ms, (histogram.get(ms) ?? 0) + count);
      }
    }
    return {
      requestsPerSecond: perSecond,
      p50: percentile(histogram, 0.5),
      p99: percentile(histogram, 0.99),
      max: Math.max(...histogram.keys()),
      cpuMicros: (cpu * 1e6) / requests,
      serverCores: cpu / SECONDS,
      rssMib: rss / 1024,
      mibPerSecond: bytesPerSecond / 1024 ** 2,
      clientCores,
      bad: bad + errors,
      // Not in the table: how the CPU time split over nginx's processes,
      // reconnections, and the head of the last answer.
      cpuSplit: cpuByPid.map((seconds) => Number(seconds.toFixed(2))),
      reconnects,
      headBytes: reports[0].headBytes,
    };
  } finally {
    await stop(server);
  }
}

// --- All of them, and the table ------------------------------------------------

const loadAtStart = loadAverage();
const page = await preparePage();
const nginxPage = await checkNginx();
console.error(`page ${PAGE}: ours ${page.bytes} bytes (${page.contentType}), nginx ${nginxPage.bytes} bytes ` +
  `(${nginxPage.contentType}, ${nginxPage.encoding}), ${nginxPage.workers} nginx workers`);

const ms = (v) => v.toFixed(1);
// [key, row name, format, ratio?]
const METRICS = [
  ["requestsPerSecond", "requests answered per second (all connections)", (v) => v.toFixed(0), true],
  ["p50", "latency p50 (ms)", ms, true],
  ["p99", "latency p99 (ms)", ms, true],
  ["max", "latency max (ms)", ms, false],
  ["cpuMicros", "server CPU per request (µs)", (v) => v.toFixed(1), true],
  ["rssMib", "server RSS after the run (MiB)", (v) => v.toFixed(1), true],
  // Context, not a score: how busy the server and the clients were.
  ["serverCores", "server CPU (cores)", (v) => v.toFixed(2), false],
  ["mibPerSecond", "bytes received per second (MiB/s, head + body)", (v) => v.toFixed(0), false],
  ["clientCores", "CPU of each client process (share of one core)", (v) => `${(v * 100).toFixed(0)} %`, false],
  ["bad", "bad answers and failed connections", (v) => v.toFixed(0), false],
];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results = { ours: [], nginx: [] };
for (let run = 1; run <= RUNS; run += 1) {
  for (const name of ["ours", "nginx"]) {
    const result = await measure(name, page.bytes);
    results[name].push(result);
    console.error(`run ${run}/${RUNS} ${name}: ${JSON.stringify(result)}`);
  }
}
const loadAtEnd = loadAverage();

const out = [];
out.push(
  `\`GET ${PAGE}\` without \`accept-encoding\`: ${CONNECTIONS} keep-alive connections in ${PROCESSES} client processes, ` +
    `one request in flight per connection, 1 s warm-up, ${SECONDS} s windows, ` +
    `medians of ${RUNS} runs (ours and nginx alternating, a fresh server per measurement).`,
  "",
  `Page: ${page.bytes} bytes from ours (${page.contentType}, no content-encoding; ` +
    `asked for gzip it sends ${page.compressed.gzip}, for br ${page.compressed.br}), ` +
    `the same ${nginxPage.bytes} bytes from nginx (${nginxPage.contentType}). ` +
    `Heads of the last answers: ours ${results.ours.at(-1).headBytes} bytes, ` +
    `nginx ${results.nginx.at(-1).headBytes} bytes.`,
  "",
  `Machine: ${machine()}.`,
  `Ours: ${relative(ROOT, OURS)} built ${statSync(OURS).mtime.toISOString()}. ` +
    `nginx: ${NGINX_VERSION} (${NGINX}), worker_processes auto (${nginxPage.workers} workers).`,
  `Load average (1, 5, 15 min): ${loadAtStart} at start, ${loadAtEnd} at end.`,
  "",
  "| measurement | ours | nginx | ours ÷ nginx |",
  "|---|---|---|---|",
);
for (const [key, name, format, ratio] of METRICS) {
  const ours = median(results.ours.map((r) => r[key]));
  const nginx = median(results.nginx.map((r) => r[key]));
  const shown = !ratio ? "" : nginx > 0 ? (ours / nginx).toFixed(2) : "–";
  out.push(`| ${name} | ${format(ours)} | ${format(nginx)} | ${shown} |`);
}
out.push("", "Runs (ours / nginx):");
for (const [key, name, format] of METRICS) {
  const runs = results.ours.map((r, i) => `${format(r[key])}/${format(results.nginx[i][key])}`);
  out.push(`- ${name}: ${runs.join(", ")}`);
}
const splits = results.nginx.map((r) => r.cpuSplit.join(" + "));
const reopened = results.ours.map((r, i) => `${r.reconnects}/${results.nginx[i].reconnects}`);
out.push(
  `- nginx CPU seconds per process in the window (master + workers): ${splits.join("; ")}`,
  `- connections the server closed, opened again (ours / nginx): ${reopened.join(", ")}`,
);
console.log(out.join("\n"));
process.exit(0);
