// The messages the server sends, as described in playground/README.md.
// Every JSON value that arrives from the network goes through one of the
// `as…` readers below before the rest of the code touches it, so a malformed
// message is rejected at the edge instead of breaking a panel.

/** The five ways the playground talks to the server (kebab-case on the wire). */
export type TransportName = "polling" | "long-polling" | "sse" | "websocket" | "socketio";

/** Every transport, in the order the panels are shown. */
export const TRANSPORTS: readonly TransportName[] = [
  "polling",
  "long-polling",
  "sse",
  "websocket",
  "socketio",
];

/** `data` of a ticker event. */
export interface TickData {
  seq: number;
}

/** `data` of a message a learner published. */
export interface MessageData {
  text: string;
  via: string;
}

/** One event of the hub's log, the same object on every transport. */
export type LabEvent =
  | { id: number; kind: "tick"; data: TickData; created_at: number }
  | { id: number; kind: "message"; data: MessageData; created_at: number };

/** The answer of `GET /api/poll` and `GET /api/long-poll`. */
export interface EventPage {
  events: LabEvent[];
  last_id: number;
  truncated: boolean;
}

/** What the server counted for one transport (`GET /api/lab`). */
export interface ServerTransportStats {
  requests: number;
  empty_responses: number;
  events_sent: number;
  bytes_payload: number;
  bytes_overhead: number;
  open_connections: number;
}

/** The lab's settings and server-side measurements (`GET /api/lab`). */
export interface LabSnapshot {
  ticker_rate: number;
  latency_ms: number;
  block_upgrades: boolean;
  restarts: number;
  last_id: number;
  transports: Partial<Record<TransportName, ServerTransportStats>>;
}

/** The answer to a publish: the new event's id, or why it was refused. */
export type PublishResult = { id: number } | { error: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** Checks that a value is a transport name. */
export function isTransportName(value: unknown): value is TransportName {
  return typeof value === "string" && (TRANSPORTS as readonly string[]).includes(value);
}

/** Reads one event, or `null` when the value is not an event. */
export function asLabEvent(value: unknown): LabEvent | null {
  if (!isObject(value) || !isCount(value.id) || !isCount(value.created_at)) {
    return null;
  }
  const data = value.data;
  if (value.kind === "tick" && isObject(data) && isCount(data.seq)) {
    return { id: value.id, kind: "tick", data: { seq: data.seq }, created_at: value.created_at };
  }
  if (value.kind === "message" && isObject(data) && typeof data.text === "string") {
    const via = typeof data.via === "string" ? data.via : "";
    return { id: value.id, kind: "message", data: { text: data.text, via }, created_at: value.created_at };
  }
  return null;
}

/** Reads a polling / long-polling answer, or `null`. */
export function asEventPage(value: unknown): EventPage | null {
  if (!isObject(value) || !Array.isArray(value.events) || !isCount(value.last_id)) {
    return null;
  }
  const events: LabEvent[] = [];
  for (const item of value.events) {
    const event = asLabEvent(item);
    if (event) {
      events.push(event);
    }
  }
  return { events, last_id: value.last_id, truncated: value.truncated === true };
}

/** Reads a publish answer (HTTP body, WebSocket ack or Socket.IO ack). */
export function asPublishResult(value: unknown): PublishResult {
  if (isObject(value) && isCount(value.id)) {
    return { id: value.id };
  }
  if (isObject(value) && typeof value.error === "string") {
    return { error: value.error };
  }
  return { error: "unexpected answer from the server" };
}

function asServerStats(value: unknown): ServerTransportStats | null {
  if (!isObject(value)) {
    return null;
  }
  const count = (key: string): number => (isCount(value[key]) ? (value[key] as number) : 0);
  return {
    requests: count("requests"),
    empty_responses: count("empty_responses"),
    events_sent: count("events_sent"),
    bytes_payload: count("bytes_payload"),
    bytes_overhead: count("bytes_overhead"),
    open_connections: count("open_connections"),
  };
}

/** Reads the lab snapshot, or `null`. */
export function asLabSnapshot(value: unknown): LabSnapshot | null {
  if (!isObject(value) || typeof value.ticker_rate !== "number") {
    return null;
  }
  const transports: Partial<Record<TransportName, ServerTransportStats>> = {};
  if (isObject(value.transports)) {
    for (const name of TRANSPORTS) {
      const stats = asServerStats(value.transports[name]);
      if (stats) {
        transports[name] = stats;
      }
    }
  }
  return {
    ticker_rate: value.ticker_rate,
    latency_ms: isCount(value.latency_ms) ? value.latency_ms : 0,
    block_upgrades: value.block_upgrades === true,
    restarts: isCount(value.restarts) ? value.restarts : 0,
    last_id: isCount(value.last_id) ? value.last_id : 0,
    transports,
  };
}

/** Parses JSON text without throwing: `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const encoder = new TextEncoder();

/** Size of a string in UTF-8 bytes, as it travels on the wire. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
