// The Node.js reference server for benches/node/compare.mjs: the same shape
// as ours, built the way a Node.js developer would, so the same load client
// can drive both and the numbers compare the servers, not the setups.
//
// usage: node benches/node/reference_server.mjs <port>
//
// - Socket.IO 4 (the official `socket.io` package) with namespace /lab: every
//   tick is one `io.of("/lab").emit("event", event)`, which Socket.IO encodes
//   once for all sockets. It replays nothing: a socket sees the events that
//   come after it connected.
// - A raw WebSocket server (the `ws` package, the one Socket.IO uses itself)
//   on /ws: every tick is one JSON text frame, sent to every open socket.
// - The two calls of our lab API the harness uses:
//   `POST /api/lab/ticker {"rate": R}` and `GET /api/lab` (`{"ticker_rate",
//   "last_id"}`). Unknown paths get 404.
//
// An event is `{"id":N,"kind":"tick","data":{"seq":S},"created_at":MS}`, as
// ours. Everything listens on 127.0.0.1, without per-message compression
// (off by default in both packages, as in ours).

import { createServer } from "node:http";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../playground/package.json", import.meta.url));
const { Server } = require("socket.io");
const { WebSocketServer } = require("ws");

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node benches/node/reference_server.mjs <port>");
  process.exit(2);
}

const MAX_RATE = 1000; // events per second, as our ticker

// The HTTP API: only what the load client calls.
const http = createServer((request, response) => {
  const answer = (status, body) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const snapshot = () => ({ ticker_rate: rate, last_id: lastId });
  const path = new URL(request.url, "http://localhost").pathname;
  if (request.method === "GET" && path === "/api/lab") {
    return answer(200, snapshot());
  }
  if (request.method === "POST" && path === "/api/lab/ticker") {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      let requested;
      try {
        requested = JSON.parse(body).rate;
      } catch {
        return answer(400, { error: "expected {\"rate\": R}" });
      }
      if (typeof requested !== "number" || !(requested >= 0 && requested <= MAX_RATE)) {
        return answer(400, { error: `rate must be between 0 and ${MAX_RATE}` });
      }
      setRate(requested);
      answer(200, snapshot());
    });
    return;
  }
  answer(404, { error: "not found" });
});

// Socket.IO takes /socket.io/ and hands every other request to the handler
// above.
const io = new Server(http);
const lab = io.of("/lab");

// `noServer`: /ws shares the HTTP server's upgrades with Socket.IO, which
// answers its own path; this listener answers only /ws.
const websockets = new WebSocketServer({ noServer: true });
http.on("upgrade", (request, socket, head) => {
  if (new URL(request.url, "http://localhost").pathname === "/ws") {
    websockets.handleUpgrade(request, socket, head, (ws) => websockets.emit("connection", ws, request));
  }
});

// The ticker. Events are due every `1000 / rate` ms from the moment the rate
// was set, and each is stamped with the time it was due. A timer that fires
// late (the event loop was busy sending the previous ticks) emits every
// event that came due meanwhile: the server keeps the offered rate (ours
// does too while delivery lags, as its ticker only appends to a log), and
// the time an event waited for a busy event loop counts in its delay.
let rate = 0;
let lastId = 0;
let seq = 0;
let timer = null;

function tick(due) {
  lastId += 1;
  seq += 1;
  const event = { id: lastId, kind: "tick", data: { seq }, created_at: Math.round(due) };
  lab.emit("event", event);
  // Encoded once, as ours does (and as Socket.IO does for a broadcast): a
  // string would be converted to bytes again for every socket.
  const text = Buffer.from(JSON.stringify(event));
  for (const socket of websockets.clients) {
    socket.send(text, { binary: false });
  }
}

function setRate(perSecond) {
  rate = perSecond;
  clearInterval(timer);
  timer = null;
  if (rate > 0) {
    const period = 1000 / rate;
    let due = Date.now() + period;
    timer = setInterval(() => {
      // Up to now, not up to "now" as it moves: a server slower than the
      // rate still returns to its event loop (and answers HTTP) in between.
      const now = Date.now();
      for (; due <= now; due += period) tick(due);
    }, period);
  }
}

http.listen(port, "127.0.0.1", () => console.log(`reference server on http://127.0.0.1:${port}`));

// Stop cleanly when the harness sends SIGTERM.
process.on("SIGTERM", () => process.exit(0));
