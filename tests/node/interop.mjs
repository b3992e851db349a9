// Interop check: the official socket.io-client (from playground/node_modules)
// against our socketioxide server. Usage: node interop.mjs http://127.0.0.1:PORT
//
// For each mode (default: polling then upgrade to WebSocket; and polling
// only) it connects to namespace /lab with auth {since: 0}, checks that the
// events already in the hub are replayed in order, publishes with an ack and
// waits for its own event. Prints one JSON report line; exits 1 on failure.

import { createRequire } from "node:module";

const require = createRequire(new URL("../../playground/package.json", import.meta.url));
const { io } = require("socket.io-client");

const url = process.argv[2];
const TIMEOUT_MS = 10_000;

function run(mode, transports) {
  return new Promise((resolve, reject) => {
    const options = { auth: { since: 0 }, forceNew: true, reconnection: false };
    if (transports) {
      options.transports = transports;
    }
    const socket = io(`${url}/lab`, options);
    const ids = [];
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`${mode}: timed out; events so far ${JSON.stringify(ids)}`));
    }, TIMEOUT_MS);
    let publishedId = null;
    const finish = () => {
      const transport = socket.io.engine.transport.name;
      if (publishedId === null || !ids.includes(publishedId)) {
        return;
      }
      if (mode === "default" && transport !== "websocket") {
        return; // wait for the upgrade
      }
      clearTimeout(timer);
      socket.disconnect();
      resolve({ ids, published: publishedId, transport });
    };
    socket.io.engine.on("upgrade", finish);
    socket.on("connect_error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${mode}: connect_error ${error.message}`));
    });
    socket.on("event", (event) => {
      if (typeof event !== "object" || typeof event.id !== "number" || !event.kind) {
        reject(new Error(`${mode}: malformed event ${JSON.stringify(event)}`));
        return;
      }
      ids.push(event.id);
      if (event.id === publishedId && event.data.via !== "socketio") {
        reject(new Error(`${mode}: wrong via ${JSON.stringify(event)}`));
        return;
      }
      finish();
    });
    socket.on("connect", () => {
      socket.timeout(5000).emit("publish", { text: `hello from ${mode}` }, (error, answer) => {
        if (error || typeof answer?.id !== "number") {
          clearTimeout(timer);
          reject(new Error(`${mode}: bad ack ${error ?? JSON.stringify(answer)}`));
          return;
        }
        publishedId = answer.id;
        finish();
      });
    });
  });
}

try {
  const report = {
    default: await run("default", null),
    polling: await run("polling", ["polling"]),
  };
  console.log(JSON.stringify(report));
  process.exit(0);
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
