// The experiments behind "predict, then observe" quiz questions. Each one
// runs for a bounded time against this very server, as a client would, and
// reports what it saw: a number, or the key of the outcome it observed.
// The quiz files (lessons/*/quizzes/*.toml) name them; the server checks
// those names (src/course/quiz.rs) and a browser test runs every one of
// them against a fresh server with the default settings, so an answer key
// never disagrees with what the page observes.

import { io, Socket } from "socket.io-client";
import { publishOverHttp } from "./http";
import { fetchLab } from "./lab_api";
import { ROOMS_TOKEN } from "./rooms";
import { asLabEvent } from "./types";
import { socketUrl } from "./websocket";

/** What an experiment saw: a number, or an outcome's key; and in words. */
export type Observation = { value: number; detail: string } | { key: string; detail: string };

type Experiment = () => Promise<Observation>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest event id, so an experiment starts from "now". */
async function newestId(): Promise<number> {
  return (await fetchLab())?.last_id ?? 0;
}

/** Publishes a message over HTTP; resolves with its event id, or null when refused. */
async function publish(text: string, messageId?: string): Promise<{ id: number | null }> {
  const result = await publishOverHttp(text, "polling", messageId);
  return { id: "id" in result ? result.id : null };
}

/** Opens a raw WebSocket on `/ws?since=N`; resolves once it is open. */
function openWebSocket(since: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketUrl(`/ws?since=${since}`));
    socket.addEventListener("open", () => resolve(socket), { once: true });
    socket.addEventListener("error", () => reject(new Error("the WebSocket did not open")), { once: true });
  });
}

/** Event ids a raw WebSocket receives. */
function collectIds(socket: WebSocket): Set<number> {
  const ids = new Set<number>();
  socket.addEventListener("message", (message) => {
    try {
      const event = asLabEvent(JSON.parse(String(message.data)));
      if (event) {
        ids.add(event.id);
      }
    } catch {
      // not an event frame
    }
  });
  return ids;
}

/** A socket on `/rooms`, connected. */
function roomsSocket(name: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io("/rooms", { forceNew: true, reconnection: false, transports: ["websocket", "polling"], tryAllTransports: true, auth: { token: ROOMS_TOKEN, name } });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error: Error) => reject(error));
  });
}

async function join(socket: Socket, room: string): Promise<void> {
  await socket.timeout(3000).emitWithAck("join", room);
}

const experiments: Record<string, Experiment> = {
  // Chapter 1: a client that polls every 2 s for 10 s.
  "polling-requests": async () => {
    let since = await newestId();
    let requests = 0;
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      const started = Date.now();
      requests += 1;
      const page = (await (await fetch(`/api/poll?since=${since}`, { cache: "no-store" })).json()) as { last_id?: number };
      since = typeof page.last_id === "number" ? page.last_id : since;
      await sleep(Math.max(0, 2000 - (Date.now() - started)));
    }
    return { value: requests, detail: `${requests} × GET /api/poll` };
  },

  // Chapter 1: one WebSocket open for 5 s: HTTP requests are the connections opened.
  "websocket-requests": async () => {
    let opened = 0;
    const socket = await openWebSocket(await newestId());
    opened += 1;
    const ids = collectIds(socket);
    await publish("quiz: a frame on the open WebSocket");
    await sleep(5000);
    socket.close();
    return { value: opened, detail: `${opened} × GET /ws (101), ${ids.size} event frames` };
  },

  // Chapter 2: an EventSource for 5 s: each `open` is one HTTP request.
  "sse-requests": async () => {
    const since = await newestId();
    let opened = 0;
    let events = 0;
    const source = new EventSource(`/api/sse?since=${since}`);
    source.addEventListener("open", () => {
      opened += 1;
    });
    source.addEventListener("message", () => {
      events += 1;
    });
    await sleep(1000);
    await publish("quiz: an event on the open stream");
    await sleep(4000);
    source.close();
    return { value: opened, detail: `${opened} × GET /api/sse, ${events} events` };
  },

  // Chapter 2: a held long-poll, and a message published 1 s later.
  "long-poll-wakeup": async () => {
    const since = await newestId();
    const started = performance.now();
    const answered = fetch(`/api/long-poll?since=${since}&timeout=25`, { cache: "no-store" }).then(() => performance.now());
    const publishedAt = sleep(1000).then(async () => {
      await publish("quiz: wake the long-poll");
      return performance.now();
    });
    const winner = await Promise.race([answered, sleep(6000).then(() => null)]);
    const published = await publishedAt;
    if (winner === null) {
      return { key: "at-timeout", detail: "no answer 5 s after the publish" };
    }
    const afterStart = Math.round(winner - started);
    // Answered before the publish (a tick woke it) or right after it: at once.
    const late = winner - published;
    return late < 1500 ? { key: "at-once", detail: `answered ${afterStart} ms after the request, as soon as there was news` } : { key: "next-interval", detail: `answered ${Math.round(late)} ms after the publish` };
  },

  // Chapter 3: what a Socket.IO client does between its first request and the upgrade.
  "upgrade-frames": async () => {
    const since = await newestId();
    const seen: string[] = [];
    const socket = io("/lab", { forceNew: true, reconnection: false, auth: { since } });
    const done = new Promise<void>((resolve) => {
      socket.io.on("open", () => {
        const current = socket.io.engine;
        seen.push(`open (${current.transport.name})`);
        current.on("upgrading", () => seen.push("probe ok (2probe/3probe)"));
        current.on("upgrade", () => {
          seen.push("upgrade (5)");
          resolve();
        });
      });
      socket.on("connect", () => seen.push("connect (40)"));
    });
    await Promise.race([done, sleep(8000)]);
    socket.disconnect();
    const text = seen.join(" → ");
    const probed = seen.indexOf("probe ok (2probe/3probe)");
    const upgraded = seen.indexOf("upgrade (5)");
    if (upgraded < 0) {
      return { key: "no-upgrade", detail: `${text || "nothing"}; the upgrade did not happen (is the lab blocking upgrades?)` };
    }
    if (seen[0] === "open (polling)" && probed >= 0 && probed < upgraded) {
      return { key: "probe-then-upgrade", detail: text };
    }
    return { key: probed < 0 ? "no-probe" : "upgrade-then-open", detail: text };
  },

  // Chapter 3: the bytes a Socket.IO packet adds around one event.
  "socketio-overhead": async () => {
    const since = await newestId();
    const socket = io("/lab", { forceNew: true, reconnection: false, transports: ["websocket"], auth: { since } });
    const overhead = new Promise<{ raw: number; json: number }>((resolve) => {
      socket.io.on("open", () => {
        socket.io.engine.on("packet", (packet: { type: string; data?: unknown }) => {
          if (packet.type !== "message" || typeof packet.data !== "string" || !packet.data.startsWith('2/lab,["event",')) {
            return;
          }
          const args = JSON.parse(packet.data.slice("2/lab,".length)) as unknown[];
          // The Engine.IO type `4` precedes the Socket.IO packet on the wire.
          resolve({ raw: 1 + packet.data.length, json: JSON.stringify(args[1]).length });
        });
      });
    });
    await new Promise((resolve) => socket.once("connect", () => resolve(null)));
    await publish("quiz: one event to weigh");
    const sizes = await Promise.race([overhead, sleep(5000).then(() => null)]);
    socket.disconnect();
    if (!sizes) {
      return { value: -1, detail: "no event arrived" };
    }
    const added = sizes.raw - sizes.json;
    return { value: added, detail: `${sizes.raw} bytes on the wire for ${sizes.json} bytes of event JSON` };
  },

  // Chapter 4: A in tick-even, B in tick-odd, C in both; an even id.
  "room-broadcast": async () => {
    const [a, b, c] = await Promise.all([roomsSocket("quiz-A"), roomsSocket("quiz-B"), roomsSocket("quiz-C")]);
    await Promise.all([join(a, "tick-even"), join(b, "tick-odd"), join(c, "tick-even"), join(c, "tick-odd")]);
    const got = new Map<string, Set<number>>([["A", new Set()], ["B", new Set()], ["C", new Set()]]);
    for (const [name, socket] of [["A", a], ["B", b], ["C", c]] as const) {
      socket.on("tick", (value: unknown) => {
        const event = asLabEvent(value);
        if (event) {
          got.get(name)?.add(event.id);
        }
      });
    }
    let even: number | null = null;
    for (let attempt = 0; attempt < 4 && even === null; attempt += 1) {
      const { id } = await publish("quiz: which rooms get me?");
      if (id !== null && id % 2 === 0) {
        even = id;
      }
    }
    await sleep(1500);
    for (const socket of [a, b, c]) {
      socket.disconnect();
    }
    if (even === null) {
      return { key: "none", detail: "no even id was published" };
    }
    const receivers = ["A", "B", "C"].filter((name) => got.get(name)?.has(even as number));
    const key = receivers.length === 3 ? "all-three" : receivers.join("-and-").toLowerCase() || "none";
    const keyed = key === "a" ? "only-a" : key;
    return { key: keyed, detail: `event #${even} reached ${receivers.join(", ") || "nobody"}` };
  },

  // Chapter 4: A and B in chat, C in no room; A says something.
  "chat-recipients": async () => {
    const [a, b, c] = await Promise.all([roomsSocket("quiz-A"), roomsSocket("quiz-B"), roomsSocket("quiz-C")]);
    await Promise.all([join(a, "chat"), join(b, "chat")]);
    const receivers = new Set<string>();
    for (const [name, socket] of [["A", a], ["B", b], ["C", c]] as const) {
      socket.on("said", () => receivers.add(name));
    }
    await a.timeout(3000).emitWithAck("say", { room: "chat", text: "quiz: who hears me?" });
    await sleep(1500);
    for (const socket of [a, b, c]) {
      socket.disconnect();
    }
    return { value: receivers.size, detail: `said reached: ${[...receivers].join(", ") || "nobody"}` };
  },

  // Chapter 5: three messages while a client without recovery is away.
  "missed-without-cursor": async () => {
    const first = await openWebSocket(await newestId());
    first.close();
    const published: number[] = [];
    for (const n of [1, 2, 3]) {
      const { id } = await publish(`quiz: published while away (${n})`);
      if (id !== null) {
        published.push(id);
      }
    }
    // No recovery: the client starts again from whatever is newest now.
    const again = await openWebSocket(await newestId());
    const received = collectIds(again);
    await sleep(1500);
    again.close();
    const missed = published.filter((id) => !received.has(id)).length;
    return { value: missed, detail: `published #${published.join(", #")} while away; received ${published.length - missed} of them` };
  },

  // Chapter 5: a retry after a lost acknowledgement, with the same message id.
  "retry-with-message-id": async () => {
    const messageId = `quiz-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const first = await publish("quiz: sent twice", messageId);
    const retry = await publish("quiz: sent twice", messageId);
    const ids = new Set([first.id, retry.id].filter((id): id is number => id !== null));
    return { value: ids.size, detail: `first answer #${first.id}, retry answered #${retry.id}` };
  },

  // Chapter 6: fifty publishes at once from this browser, in one burst of
  // WebSocket frames (HTTP requests would trickle through the browser's six
  // connections, and the bucket would refill meanwhile).
  "publish-burst": async () => {
    const socket = await openWebSocket(await newestId());
    const answers = new Map<number, boolean>();
    const done = new Promise<void>((resolve) => {
      socket.addEventListener("message", (message) => {
        try {
          const frame = JSON.parse(String(message.data)) as { ack?: number; error?: string };
          if (typeof frame.ack === "number") {
            answers.set(frame.ack, typeof frame.error !== "string");
            if (answers.size === 50) {
              resolve();
            }
          }
        } catch {
          // not an acknowledgement
        }
      });
    });
    for (let n = 1; n <= 50; n += 1) {
      socket.send(JSON.stringify({ type: "publish", ref: n, text: `quiz: burst ${n}` }));
    }
    await Promise.race([done, sleep(5000)]);
    socket.close();
    const refused = [...answers.values()].filter((accepted) => !accepted).length;
    return { value: refused, detail: `${answers.size - refused} accepted, ${refused} refused (publishing too fast)` };
  },

  // Chapter 6: a 100 kB text message on /ws.
  "ws-oversized": async () => {
    const socket = await openWebSocket(await newestId());
    const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener("close", resolve, { once: true }));
    socket.send(JSON.stringify({ type: "publish", ref: 1, text: "x".repeat(100_000) }));
    const event = await Promise.race([closed, sleep(5000).then(() => null)]);
    if (!event) {
      socket.close();
      return { key: "open", detail: "the socket stayed open" };
    }
    return { key: String(event.code), detail: `closed with ${event.code}${event.reason ? ` (${event.reason})` : ""}` };
  },
};

/** Runs the named experiment. */
export function runExperiment(name: string): Promise<Observation> {
  const experiment = experiments[name];
  if (!experiment) {
    return Promise.reject(new Error(`unknown experiment ${name}`));
  }
  return experiment();
}

/** How long each experiment takes, roughly, in seconds (shown while it runs). */
export function experimentSeconds(name: string): number {
  return name === "polling-requests" ? 10 : name === "upgrade-frames" ? 3 : 5;
}
