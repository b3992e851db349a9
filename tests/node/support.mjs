// What the interop scripts share: the official clients from
// playground/node_modules, one JSON report line per scenario, waiting on
// conditions (never on a fixed sleep), and the playground's HTTP API.

import { createRequire } from "node:module";

const require = createRequire(new URL("../../playground/package.json", import.meta.url));

/** socket.io-client's `io`. */
export const { io } = require("socket.io-client");
/** engine.io-client's `Socket` (a dependency of socket.io-client). */
export const { Socket: EngineSocket } = require("engine.io-client");
/** The `ws` package's `WebSocket` (a dependency of engine.io-client). */
export const { WebSocket } = require("ws");

/**
 * Runs `body(context)` as the scenario `name` and prints one line
 * `{"scenario", "ok", "detail"}`. The body returns a detail string when the
 * scenario passes and throws when it fails. `context.defer(fn)` registers a
 * clean-up; `context.step` says what the scenario is waiting for, so a
 * timeout says where it stuck.
 */
export async function scenario(name, body, timeoutMs = 10_000) {
  const cleanups = [];
  const context = { step: "starting", defer: (fn) => cleanups.push(fn) };
  let timer;
  let line;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms while ${context.step}`)),
        timeoutMs,
      );
    });
    const detail = await Promise.race([body(context), timeout]);
    line = { scenario: name, ok: true, detail: String(detail) };
  } catch (error) {
    line = { scenario: name, ok: false, detail: String(error?.message ?? error) };
  } finally {
    clearTimeout(timer);
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Clean-up is best effort: the report line is what counts.
      }
    }
  }
  console.log(JSON.stringify(line));
  return line.ok;
}

/** Throws `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/**
 * Conditions to wait on: `until(check)` resolves with the first truthy
 * value of `check()`, evaluated now and each time `notify()` is called
 * (from the event handlers that change what `check` looks at).
 */
export class Conditions {
  #waiters = new Set();

  notify() {
    for (const waiter of [...this.#waiters]) {
      waiter();
    }
  }

  until(check) {
    return new Promise((resolve, reject) => {
      const test = () => {
        let value;
        try {
          value = check();
        } catch (error) {
          this.#waiters.delete(test);
          reject(error);
          return;
        }
        if (value) {
          this.#waiters.delete(test);
          resolve(value);
        }
      };
      this.#waiters.add(test);
      test();
    });
  }
}

/** Resolves with the first time `emitter` emits `event` (its arguments). */
export function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

/** Publishes `text` over HTTP (`POST /api/publish`); returns the new id. */
export async function publishHttp(base, text) {
  const answer = await fetch(`${base}/api/publish`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, via: "polling" }),
  });
  const body = await answer.json();
  check(answer.status === 201 && typeof body.id === "number", `publishing ${text}: ${answer.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** `GET /api/lab`. */
export async function lab(base) {
  const answer = await fetch(`${base}/api/lab`);
  return answer.json();
}

/**
 * Polls `GET /api/lab` until `check(snapshot)` holds; returns the snapshot.
 * The pause between requests only spaces them out: what ends the wait is
 * the condition (or the scenario's timeout).
 */
export async function untilLab(base, check) {
  for (;;) {
    const snapshot = await lab(base);
    if (check(snapshot)) {
      return snapshot;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The lab's count of open Socket.IO connections. */
export function openSocketio(snapshot) {
  return snapshot.transports.socketio.open_connections;
}
