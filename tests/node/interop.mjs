// Interop scenarios: the official socket.io-client, engine.io-client and ws
// (from playground/node_modules) against our socketioxide server.
//
// Usage: node interop.mjs http://127.0.0.1:PORT http://127.0.0.1:PORT2
// The first server has the default settings, the second the protocol test
// suites' (`SocketIoSettings::conformance()`: ping every 300 ms, 200 ms
// timeout, namespaces / and /custom). Both have the ticker stopped, and
// nothing else publishes while the scenarios run one after the other.
//
// Prints one JSON line {scenario, ok, detail} per scenario; the Rust test
// tests/it/playground_socketio_node.rs counts them. Exits 0 either way.

import { isDeepStrictEqual } from "node:util";

import {
  Conditions,
  EngineSocket,
  WebSocket,
  check,
  io,
  lab,
  once,
  openSocketio,
  publishHttp,
  scenario,
  untilLab,
} from "./support.mjs";

/** How long the burst may go without a single ack before it is stuck. */
const STALL_MS = 3000;

const [url, conformanceUrl] = process.argv.slice(2);
if (!url || !conformanceUrl) {
  console.error("usage: node interop.mjs DEFAULT_URL CONFORMANCE_URL");
  process.exit(2);
}

/** A `/lab` socket that records what it receives. */
function labSocket(context, base, options) {
  const socket = io(`${base}/lab`, { forceNew: true, reconnection: false, ...options });
  context.defer(() => socket.disconnect());
  const conditions = new Conditions();
  const seen = { events: [], order: [], resets: [], disconnects: [], connectError: null, openedOver: null };
  socket.on("event", (event) => {
    seen.events.push(event);
    seen.order.push(["event", event?.id]);
    conditions.notify();
  });
  socket.on("reset", (notice) => {
    seen.resets.push(notice);
    seen.order.push(["reset", notice?.last_id]);
    conditions.notify();
  });
  socket.on("disconnect", (reason) => {
    seen.disconnects.push(reason);
    conditions.notify();
  });
  socket.on("connect_error", (error) => {
    seen.connectError = error;
    conditions.notify();
  });
  socket.on("connect", () => conditions.notify());
  socket.io.on("open", () => {
    seen.openedOver ??= socket.io.engine.transport.name;
    socket.io.engine.on("upgrade", () => conditions.notify());
  });
  const until = (what, test) => {
    context.step = what;
    return conditions.until(() => {
      if (seen.connectError) {
        throw new Error(`connect_error ${seen.connectError.message}`);
      }
      return test();
    });
  };
  return { socket, seen, until, notify: () => conditions.notify() };
}

/** Checks one event is a well-formed message event. */
function checkMessage(event, text, via) {
  check(
    typeof event === "object" &&
      typeof event.id === "number" &&
      event.kind === "message" &&
      event.data?.text === text &&
      event.data?.via === via &&
      typeof event.created_at === "number",
    `malformed event ${JSON.stringify(event)} (expected a message ${JSON.stringify(text)} via ${via})`,
  );
}

/**
 * Scenarios 1 to 3: an event already in the log is replayed, a publish is
 * acknowledged with its id, and the socket receives its own event, once.
 */
async function roundTrip(context, mode, transports) {
  const first = await publishHttp(url, `before ${mode}`);
  const options = { auth: { since: first - 1 } };
  if (transports) {
    options.transports = transports;
  }
  const { socket, seen, until } = labSocket(context, url, options);
  await until("connecting", () => socket.connected);
  const connectedOver = seen.openedOver;
  const text = `hello from ${mode}`;
  const answer = await new Promise((resolve) => {
    context.step = "waiting for the ack";
    socket.emit("publish", { text }, resolve);
  });
  check(typeof answer?.id === "number", `ack ${JSON.stringify(answer)}, expected {"id": N}`);
  const wanted = mode === "default" ? "websocket" : transports[0];
  await until(`waiting for event ${answer.id} over ${wanted}`, () =>
    seen.events.some((event) => event.id === answer.id) && socket.io.engine.transport.name === wanted,
  );
  const ids = seen.events.map((event) => event.id);
  check(isDeepStrictEqual(ids, [first, answer.id]), `received ids ${JSON.stringify(ids)}, expected [${first}, ${answer.id}]`);
  checkMessage(seen.events[0], `before ${mode}`, "polling");
  checkMessage(seen.events[1], text, "socketio");
  const expectedStart = mode === "websocket" ? "websocket" : "polling";
  check(connectedOver === expectedStart, `connected over ${connectedOver}, expected ${expectedStart}`);
  check(seen.disconnects.length === 0, `disconnected: ${seen.disconnects}`);
  return `replayed ${first}, published ${answer.id} and received it; connected over ${connectedOver}, now ${socket.io.engine.transport.name}`;
}

const scenarios = [
  ["1 default: polling then upgrade to websocket", (context) => roundTrip(context, "default", null)],
  ["2 polling only", (context) => roundTrip(context, "polling", ["polling"])],
  ["3 websocket only", (context) => roundTrip(context, "websocket", ["websocket"])],

  [
    "4 ack with timeout (emitWithAck)",
    async (context) => {
      const since = (await lab(url)).last_id;
      const { socket, seen, until } = labSocket(context, url, { auth: { since } });
      await until("connecting", () => socket.connected);
      context.step = "waiting for emitWithAck";
      const answer = await socket.timeout(2000).emitWithAck("publish", { text: "with a timeout" });
      check(typeof answer?.id === "number", `emitWithAck resolved with ${JSON.stringify(answer)}, expected {"id": N}`);
      const refused = await socket.timeout(2000).emitWithAck("publish", { text: "   " });
      check(typeof refused?.error === "string" && refused.id === undefined, `an empty text was answered ${JSON.stringify(refused)}, expected {"error": ...}`);
      await until(`waiting for event ${answer.id}`, () => seen.events.some((event) => event.id === answer.id));
      return `resolved with {"id":${answer.id}}; an empty text with {"error":${JSON.stringify(refused.error)}}`;
    },
  ],

  [
    "5 refused namespace and bad auth give connect_error",
    async (context) => {
      const nope = io(`${url}/nope`, { forceNew: true, reconnection: false });
      context.defer(() => nope.disconnect());
      context.step = "waiting for connect_error on /nope";
      const [namespaceError] = await once(nope, "connect_error");
      check(!nope.connected, "connected to /nope");
      check(namespaceError.message === "Invalid namespace", `/nope: connect_error ${JSON.stringify(namespaceError.message)}, expected "Invalid namespace"`);

      const bad = io(`${url}/lab`, { forceNew: true, reconnection: false, auth: { since: "abc" } });
      context.defer(() => bad.disconnect());
      context.step = "waiting for connect_error with auth {since: \"abc\"}";
      const [authError] = await once(bad, "connect_error");
      check(!bad.connected, "connected with since \"abc\"");
      check(
        authError.message.startsWith('auth must be {"since": N} with N a non-negative integer'),
        `bad auth: connect_error ${JSON.stringify(authError.message)}, expected the server's message about auth`,
      );
      return `/nope: ${JSON.stringify(namespaceError.message)}; since "abc": ${JSON.stringify(authError.message)}`;
    },
  ],

  [
    "6 binary payload gets an error ack and the socket keeps working",
    async (context) => {
      const since = (await lab(url)).last_id;
      const { socket, seen, until } = labSocket(context, url, { auth: { since }, transports: ["websocket"] });
      await until("connecting", () => socket.connected);
      context.step = "waiting for the ack of a Buffer";
      const bare = await socket.timeout(3000).emitWithAck("publish", Buffer.from([1, 2, 3]));
      check(typeof bare?.error === "string" && bare.id === undefined, `a Buffer was answered ${JSON.stringify(bare)}, expected {"error": ...}`);
      context.step = "waiting for the ack of {text: Buffer}";
      const nested = await socket.timeout(3000).emitWithAck("publish", { text: Buffer.from("hi") });
      check(typeof nested?.error === "string" && nested.id === undefined, `{text: Buffer} was answered ${JSON.stringify(nested)}, expected {"error": ...}`);
      context.step = "waiting for the ack of a text after the Buffers";
      const after = await socket.timeout(3000).emitWithAck("publish", { text: "after the buffers" });
      check(typeof after?.id === "number", `the publish after the Buffers was answered ${JSON.stringify(after)}`);
      await until(`waiting for event ${after.id}`, () => seen.events.some((event) => event.id === after.id));
      check(socket.connected && seen.disconnects.length === 0, `disconnected: ${seen.disconnects}`);
      check(after.id === since + 1, `the Buffers appended events: the next id is ${after.id}, expected ${since + 1}`);
      return `Buffer → ${JSON.stringify(bare.error)}; then published ${after.id} on the same connection`;
    },
  ],

  [
    "7 a client that stops answering pings is dropped",
    async (context) => {
      const before = openSocketio(await lab(conformanceUrl));
      // Control: the official engine.io-client answers pings and stays.
      const control = new EngineSocket(conformanceUrl, { path: "/socket.io/", transports: ["websocket"] });
      context.defer(() => control.close());
      let controlPings = 0;
      control.on("ping", () => controlPings++);
      context.step = "opening the control engine.io-client";
      await once(control, "open");

      const ws = new WebSocket(`${conformanceUrl.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`);
      context.defer(() => ws.terminate());
      const conditions = new Conditions();
      const seen = { packets: [], pings: 0, openedAt: null, firstPingAt: null, closedAt: null, closeCode: null };
      ws.on("message", (data) => {
        const packet = data.toString();
        seen.packets.push(packet);
        if (packet.startsWith("0{")) {
          seen.openedAt = Date.now();
        }
        if (packet === "2") {
          seen.pings++;
          seen.firstPingAt ??= Date.now();
        }
        if (packet.startsWith("0{")) {
          ws.send('40/lab,{"since":0}');
        }
        conditions.notify();
      });
      ws.on("close", (code) => {
        seen.closedAt = Date.now();
        seen.closeCode = code;
        conditions.notify();
      });
      context.step = "joining /lab over a raw WebSocket";
      await conditions.until(() => seen.packets.some((packet) => packet.startsWith("40/lab,{")));
      const handshake = JSON.parse(seen.packets[0].slice(1));
      check(handshake.pingInterval === 300 && handshake.pingTimeout === 200, `handshake ${seen.packets[0]}`);
      context.step = "waiting for the lab to count the silent socket";
      await untilLab(conformanceUrl, (snapshot) => openSocketio(snapshot) === before + 1);
      context.step = "waiting for the server to close the silent socket";
      await conditions.until(() => seen.closedAt !== null);
      check(seen.pings >= 1, `closed before any ping: ${JSON.stringify(seen.packets)}`);
      context.step = "waiting for open_connections to go back down";
      await untilLab(conformanceUrl, (snapshot) => openSocketio(snapshot) === before);
      check(control.readyState === "open", `the control client (answering pings) is ${control.readyState}`);
      // Timings are information, not asserted: the reference server pings
      // first one pingInterval after the handshake.
      return `first ping ${seen.firstPingAt - seen.openedAt} ms after the handshake; dropped after ${seen.pings} unanswered ping(s), ${seen.closedAt - seen.firstPingAt} ms after the first (close code ${seen.closeCode}); open_connections ${before + 1} → ${before}; the control client stayed open (${controlPings} pings answered)`;
    },
  ],

  [
    "8 burst: 5,000 pipelined publishes with acks",
    async (context) => {
      const total = 5000;
      const before = (await lab(url)).last_id;
      const { socket, seen, until, notify } = labSocket(context, url, { auth: { since: before }, transports: ["websocket"] });
      await until("connecting", () => socket.connected);
      const run = `${process.pid}-${Date.now()}`;
      const acks = Array.from({ length: total }, () => undefined);
      let acked = 0;
      const started = Date.now();
      let lastAckAt = started;
      for (let i = 0; i < total; i++) {
        socket.emit("publish", { text: `burst ${i}`, message_id: `burst-${run}-${i}` }, (answer) => {
          acks[i] = answer;
          acked++;
          lastAckAt = Date.now();
          context.step = `waiting for acks (${acked}/${total} so far)`;
          notify();
        });
      }
      // Acks that never come: fail as soon as they stop coming, with the
      // numbers, rather than at the scenario's timeout.
      const stalled = new Promise((_, reject) => {
        const watchdog = setInterval(async () => {
          if (Date.now() - lastAckAt < STALL_MS) {
            return;
          }
          clearInterval(watchdog);
          const missing = acks.flatMap((answer, i) => (answer === undefined ? [i] : []));
          const appended = (await lab(url)).last_id - before;
          reject(new Error(`${missing.length} of ${total} acks never came (none for ${STALL_MS} ms; ${acked} came), e.g. for messages ${missing.slice(0, 5)}; the server appended ${appended} events`));
        }, 100);
        context.defer(() => clearInterval(watchdog));
      });
      await Promise.race([until(`waiting for acks (0/${total} so far)`, () => acked === total), stalled]);
      const elapsed = Date.now() - started;
      const ids = acks.map((answer) => answer?.id);
      check(ids.every((id) => typeof id === "number"), `acks without an id: ${JSON.stringify(acks.find((answer) => typeof answer?.id !== "number"))}`);
      check(new Set(ids).size === total, `${total - new Set(ids).size} duplicate ids among the acks`);
      const sorted = [...ids].sort((a, b) => a - b);
      check(sorted[0] === before + 1 && sorted[total - 1] === before + total, `ack ids ${sorted[0]}..${sorted[total - 1]}, expected ${before + 1}..${before + total}`);
      const afterBurst = (await lab(url)).last_id;
      check(afterBurst === before + total, `last_id ${afterBurst} after the burst, expected ${before + total}`);

      // Retries of the most recent messages (inside the server's memory of
      // 4,096 message ids) are acknowledged with the first ids, not appended.
      const retried = 100;
      const retries = await Promise.all(
        Array.from({ length: retried }, (_, k) => {
          const i = total - retried + k;
          return socket
            .timeout(5000)
            .emitWithAck("publish", { text: `burst ${i}`, message_id: `burst-${run}-${i}` })
            .then((answer) => [i, answer]);
        }),
      );
      const wrong = retries.filter(([i, answer]) => answer?.id !== ids[i]);
      check(wrong.length === 0, `${wrong.length} retries got another id, e.g. message ${wrong[0]?.[0]}: ${JSON.stringify(wrong[0]?.[1])} instead of ${ids[wrong[0]?.[0]]}`);
      const afterRetries = (await lab(url)).last_id;
      check(afterRetries === afterBurst, `retries appended: last_id ${afterRetries}, expected ${afterBurst}`);

      // Information only: the newest event reaches the socket, but a socket
      // that falls more than the ring (1,024 events) behind skips the
      // events that left it; ids are consecutive, so the gap shows.
      await until(`waiting for the newest event ${afterBurst}`, () => seen.events.some((event) => event.id === afterBurst));
      const eventIds = new Set(seen.events.map((event) => event.id));
      const duplicates = seen.events.length - eventIds.size;
      return `${acked}/${total} acks in ${elapsed} ms, ids ${before + 1}..${before + total} each once, last_id ${afterBurst}; ${retried} retries with the same message_id got the same ids and appended nothing; the socket received ${eventIds.size} of the ${total} events up to the newest (${total - eventIds.size} skipped, ${duplicates} duplicates, ${seen.resets.length} resets)`;
    },
    30_000,
  ],

  [
    "9 cursor ahead of the log gets reset then the replay",
    async (context) => {
      const lastId = (await lab(url)).last_id;
      const { socket, seen, until } = labSocket(context, url, { auth: { since: 1e12 } });
      await until("connecting", () => socket.connected);
      await until(`waiting for the reset and event ${lastId}`, () => seen.resets.length > 0 && seen.events.some((event) => event.id === lastId));
      check(seen.order[0][0] === "reset", `first received ${JSON.stringify(seen.order[0])}, expected the reset`);
      check(seen.resets.length === 1, `${seen.resets.length} resets`);
      check(isDeepStrictEqual(seen.resets[0], { reset: true, last_id: lastId }), `reset ${JSON.stringify(seen.resets[0])}, expected {"reset":true,"last_id":${lastId}}`);
      const ids = seen.events.map((event) => event.id);
      check(ids.every((id, i) => i === 0 || id === ids[i - 1] + 1), `replay ids not consecutive: ${ids.slice(0, 10)}...`);
      check(ids.length === Math.min(lastId, 1024), `replayed ${ids.length} events (${ids[0]}..${ids.at(-1)}), expected the ring's ${Math.min(lastId, 1024)}`);
      return `reset {"reset":true,"last_id":${lastId}} then the replay ${ids[0]}..${ids.at(-1)} (${ids.length} events)`;
    },
  ],

  [
    "11 conformance namespaces / and /custom",
    async (context) => {
      const args = [1, "2", { 3: [true] }];
      const main = io(`${conformanceUrl}/`, { forceNew: true, reconnection: false, auth: { token: "abc" } });
      context.defer(() => main.disconnect());
      const mainAuth = once(main, "auth");
      context.step = "connecting to /";
      await once(main, "connect");
      const [auth] = await mainAuth;
      const problems = [];
      if (!isDeepStrictEqual(auth, { token: "abc" })) {
        problems.push(`/ emitted auth ${JSON.stringify(auth)}, expected {"token":"abc"}`);
      }

      context.step = "waiting for message-back";
      const back = once(main, "message-back");
      main.emit("message", ...args);
      const echoed = await back;
      if (!isDeepStrictEqual(echoed, args)) {
        problems.push(`message ${JSON.stringify(args)} came back as message-back ${JSON.stringify(echoed)}`);
      }

      context.step = "waiting for the ack of message-with-ack";
      const acked = await new Promise((resolve) => main.emit("message-with-ack", ...args, (...answer) => resolve(answer)));
      if (!isDeepStrictEqual(acked, args)) {
        problems.push(`message-with-ack ${JSON.stringify(args)} was acknowledged with ${JSON.stringify(acked)}`);
      }

      context.step = "waiting for the binary message-back";
      const binary = [Buffer.from([1, 2, 3]), Buffer.from([4, 5, 6])];
      const binaryBack = once(main, "message-back");
      main.emit("message", ...binary);
      const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 2000));
      const binaryEchoed = await Promise.race([binaryBack, timeout]);
      if (binaryEchoed === null) {
        problems.push("message with two Buffers (452-[\"message\",{placeholder 0},{placeholder 1}] + 2 binary frames) got no message-back within 2 s");
      } else if (!isDeepStrictEqual(binaryEchoed, binary)) {
        problems.push(`message with two Buffers came back as ${JSON.stringify(binaryEchoed)}`);
      }

      const custom = io(`${conformanceUrl}/custom`, { forceNew: true, reconnection: false, auth: { token: "xyz", n: 2 } });
      context.defer(() => custom.disconnect());
      const customAuth = once(custom, "auth");
      context.step = "connecting to /custom";
      await once(custom, "connect");
      const [authCustom] = await customAuth;
      if (!isDeepStrictEqual(authCustom, { token: "xyz", n: 2 })) {
        problems.push(`/custom emitted auth ${JSON.stringify(authCustom)}, expected {"token":"xyz","n":2}`);
      }
      check(problems.length === 0, problems.join("; "));
      return `/ echoed auth, message-back and the ack with ${JSON.stringify(args)} and two Buffers; /custom echoed its auth`;
    },
  ],
];

for (const [name, body, timeoutMs] of scenarios) {
  await scenario(name, body, timeoutMs);
}
process.exit(0);
