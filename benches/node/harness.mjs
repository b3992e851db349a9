// What the benchmark harnesses share (compare.mjs, cluster.mjs): reading
// /proc for a process's CPU time and memory, starting child processes that
// end with the harness, JSON-line clients, free ports and percentiles.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The repository, our release binary (or the one `REALTIME_LAB_BINARY`
 * names, to compare two builds) and the load-client script. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const OURS = process.env.REALTIME_LAB_BINARY ?? join(ROOT, "target/release/realtime-lab");
export const LOAD_CLIENT = join(ROOT, "benches/node/load_client.mjs");

/** Exits with `hint` when `path` (relative to the repository) is missing. */
export function requirePath(path, hint) {
  if (!existsSync(join(ROOT, path))) {
    console.error(`${path} is missing: ${hint}`);
    process.exit(1);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves at `time` (epoch ms), at once if it is past. */
export const waitUntil = (time) => sleep(Math.max(0, time - Date.now()));

/** Tells the load clients (benches/node/load_client.mjs) the window they
 * count in, `seconds` long and starting in a moment, then resolves when it
 * starts, with the time it ends. A client too busy to read its stdin in time
 * still counts exactly what it received within the window. */
export async function startWindow(clients, seconds) {
  const from = Date.now() + 200;
  const to = from + seconds * 1000;
  clients.forEach((client) => client.send(`window ${from} ${to}`));
  await waitUntil(from);
  return to;
}
export const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));

// --- What /proc says about the machine and a process -----------------------

export function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? "unknown CPU";
  const memKib = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync("/proc/meminfo", "utf8"))[1]);
  const cores = execFileSync("nproc", { encoding: "utf8" }).trim();
  return `${cores} cores (nproc), ${model}, MemTotal ${(memKib / 1024 ** 2).toFixed(1)} GiB, Node.js ${process.version}`;
}

export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

export const rssKib = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]);

/** The process's user + system CPU time, in seconds. */
export function cpuSeconds(pid) {
  // The command name (field 2) may hold spaces: count fields after its ")".
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop().trim().split(" ");
  const [utime, stime] = [fields[11], fields[12]].map(Number); // fields 14 and 15
  return (utime + stime) / CLOCK_TICKS;
}

// --- Processes --------------------------------------------------------------

// Every process this harness started ends with it, even on Ctrl-C.
const children = new Set();
process.on("exit", () => children.forEach((child) => child.kill("SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

export function start(command, args, stdio) {
  const child = spawn(command, args, { stdio });
  children.add(child);
  child.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  child.exited.then(() => children.delete(child));
  return child;
}

/** Reads the child's stdout one JSON line at a time. */
export function jsonLines(child) {
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`a client process ended early (exit code ${await child.exited})`);
    return JSON.parse(value);
  };
}

export const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** SIGTERM, and SIGKILL if the server is too busy to stop within 5 s. */
export async function stopServer({ child }) {
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await child.exited;
  clearTimeout(killer);
}

export function percentile(histogram, p) {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  const rank = Math.round((total - 1) * p);
  let seen = 0;
  for (const [delay, count] of [...histogram].sort(([a], [b]) => a - b)) {
    seen += count;
    if (seen > rank) return delay;
  }
  return null;
}

/**
 * Starts a server process listening on `port` and waits until it answers
 * `GET /api/lab`; resolves with its child, pid and URL.
 */
export async function startListening(command, args, port, name) {
  const child = start(command, args, ["ignore", "ignore", "inherit"]);
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 300; tries += 1) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/api/lab`)).ok) return { child, pid: child.pid, url };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`the ${name} server did not answer GET ${url}/api/lab`);
}
