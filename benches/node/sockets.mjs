// The two WebSocket-based clients the load scripts open the same way
// (benches/node/load_client.mjs, benches/node/mixed_client.mjs): the
// official socket.io-client on namespace /lab and the `ws` package on /ws,
// both from playground/node_modules.
//
// Each opener resolves, once connected, with a function that closes the
// connection, and reports through `on`: `event(json)` for every event,
// `skipped(notice)` for every `{"skipped":K,"last_id":N}` notice, and
// `lost()` (optional) when the server ends the connection.

import { createRequire } from "node:module";

const require = createRequire(new URL("../../playground/package.json", import.meta.url));
const { io } = require("socket.io-client");
const WebSocket = require("ws");

/** A socket.io-client to `url`/lab with `auth: {since}`; `options` adds
 * socket.io-client options (transports, agent, ...). */
export const openSocketio = (url, since, on, options = {}) =>
  new Promise((resolve, reject) => {
    const socket = io(`${url}/lab`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      auth: { since },
      ...options,
    });
    socket.on("event", (event) => on.event(event));
    socket.on("skipped", (notice) => on.skipped(notice));
    socket.once("connect", () => {
      if (on.lost) socket.once("disconnect", on.lost);
      resolve(() => socket.disconnect());
    });
    socket.once("connect_error", reject);
  });

/** A `ws` client to `url`/ws?since=N: a frame with `created_at` is an
 * event, any other JSON frame a notice (a `reset` one counts nothing). */
export const openWebsocket = (url, since, on) =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/ws?since=${since}`);
    socket.on("message", (data) => {
      let frame;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return; // not JSON: not ours to count
      }
      if ("created_at" in frame) on.event(frame);
      else on.skipped(frame);
    });
    socket.once("open", () => {
      if (on.lost) socket.once("close", on.lost);
      resolve(() => socket.terminate());
    });
    socket.once("error", reject);
  });
