// Scenario 10: socket.io-client reconnects BY ITSELF across a real restart
// of the server process, once stopped with SIGTERM and once killed with
// SIGKILL (a crash), and resumes with its cursor: no event lost, none
// twice, ids increasing across the restart.
//
// Usage: node restart.mjs PATH/TO/realtime-lab WORK_DIR
// Each case starts the binary on a free port with a state file of its own
// in WORK_DIR, and restarts it on the same port with the same file.
// Prints one JSON line {scenario, ok, detail} per case; exits 0 either way.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { isDeepStrictEqual } from "node:util";

import { Conditions, check, io, publishHttp, scenario } from "./support.mjs";

const [binary, workDir] = process.argv.slice(2);
if (!binary || !workDir) {
  console.error("usage: node restart.mjs PATH/TO/realtime-lab WORK_DIR");
  process.exit(2);
}

/** Every server process still running, killed if this script exits early. */
const running = new Set();
process.on("exit", () => {
  for (const child of running) {
    child.kill("SIGKILL");
  }
});

/** One run of `realtime-lab serve`. */
class Server {
  /** Starts the binary on `addr`; resolves once it listens. */
  static start(addr, stateFile) {
    const child = spawn(
      binary,
      ["serve", "--addr", addr, "--state-file", stateFile, "--ticker-rate", "0"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    running.add(child);
    const exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
    const log = [];
    return new Promise((resolve, reject) => {
      // The server says where it listens once it is bound.
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on("line", (line) => {
          log.push(line);
          const listening = line.match(/running: open http:\/\/([0-9.]+:[0-9]+)\//);
          if (listening) {
            resolve(new Server(child, listening[1], exited, log));
          }
        });
      }
      exited.then(({ code, signal }) =>
        reject(new Error(`the server on ${addr} exited (${code ?? signal}) before listening: ${log.join(" | ")}`)),
      );
    });
  }

  constructor(child, addr, exited, log) {
    this.child = child;
    this.addr = addr;
    this.base = `http://${addr}`;
    this.exited = exited;
    this.log = log;
  }

  /** Sends `signal` and waits for the process to end. */
  async stop(signal) {
    this.child.kill(signal);
    return this.exited;
  }
}

async function restartCase(context, signal) {
  const stateFile = join(workDir, `restart-${signal}.state`);
  context.step = "starting the first run";
  let server = await Server.start("127.0.0.1:0", stateFile);
  context.defer(() => server.stop("SIGKILL"));

  const published = [await publishHttp(server.base, "before 1"), await publishHttp(server.base, "before 2")];
  const conditions = new Conditions();
  const received = [];
  const disconnects = [];
  const resets = [];
  let connects = 0;
  let cursor = 0;
  const socket = io(`${server.base}/lab`, {
    forceNew: true,
    // The cursor goes in the auth of every (re)connection.
    auth: (send) => send({ since: cursor }),
    reconnection: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    randomizationFactor: 0,
    timeout: 2000,
  });
  context.defer(() => socket.disconnect());
  socket.on("connect", () => {
    connects++;
    conditions.notify();
  });
  socket.on("event", (event) => {
    received.push(event.id);
    cursor = Math.max(cursor, event.id);
    conditions.notify();
  });
  socket.on("reset", (notice) => {
    resets.push(notice);
    conditions.notify();
  });
  socket.on("disconnect", (reason) => {
    disconnects.push(reason);
    conditions.notify();
  });
  socket.io.on("open", () => socket.io.engine.on("upgrade", () => conditions.notify()));
  const until = (what, test) => {
    context.step = what;
    return conditions.until(test);
  };

  await until("waiting for the replay", () => connects === 1 && published.every((id) => received.includes(id)));
  published.push(await publishHttp(server.base, "live"));
  await until("waiting for the live event and the upgrade", () =>
    received.includes(published.at(-1)) && socket.io.engine.transport.name === "websocket",
  );

  context.step = `stopping the first run with ${signal}`;
  const stoppedAt = Date.now();
  const exit = await server.stop(signal);
  const stopMs = Date.now() - stoppedAt;
  await until("waiting for the client to notice", () => disconnects.length === 1);
  check(
    disconnects[0] === "transport close" || disconnects[0] === "transport error",
    `after ${signal} the client saw ${JSON.stringify(disconnects[0])}, expected "transport close" (a namespace DISCONNECT stops reconnection)`,
  );
  check(socket.active, `after ${signal} the client will not reconnect (disconnect reason ${disconnects[0]})`);

  context.step = "starting the second run on the same port";
  const firstAddr = server.addr;
  server = await Server.start(firstAddr, stateFile);
  published.push(await publishHttp(server.base, "after the restart"));
  await until(`waiting for the reconnection and event ${published.at(-1)}`, () =>
    connects === 2 && received.includes(published.at(-1)),
  );
  // A duplicate of anything replayed would come before this one.
  published.push(await publishHttp(server.base, "sentinel"));
  await until(`waiting for the sentinel ${published.at(-1)}`, () => received.includes(published.at(-1)));

  check(isDeepStrictEqual(received, published), `received ${JSON.stringify(received)}, published ${JSON.stringify(published)}`);
  check(received.every((id, i) => i === 0 || id > received[i - 1]), `ids not increasing: ${JSON.stringify(received)}`);
  check(resets.length === 0, `resets after the restart: ${JSON.stringify(resets)}`);
  check(connects === 2, `${connects} connections, expected 2`);
  return `ids ${JSON.stringify(received)} each once across the restart on ${firstAddr}; the first run ended (${exit.code ?? exit.signal}) ${stopMs} ms after ${signal}; the client saw ${JSON.stringify(disconnects[0])} and reconnected by itself`;
}

for (const signal of ["SIGTERM", "SIGKILL"]) {
  await scenario(`10 reconnection across a real restart (${signal})`, (context) => restartCase(context, signal), 40_000);
}
process.exit(0);
