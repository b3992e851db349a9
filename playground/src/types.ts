// The messages the server sends, as described in playground/README.md.
// Every JSON value that arrives from the network goes through one of the
// `as…` readers below before the rest of the code touches it, so a malformed
// message is rejected at the edge instead of breaking a panel.
//
// An interface marked `// wire: <RustType>` mirrors that Rust type's JSON,
// field for field. A Rust test (src/wire_types.rs) reads this file and
// checks each such field list against the Rust struct, so keep the form it
// parses: the marker on the line right above `export interface`, one
// `name: type;` or `name?: type;` per line, the closing `}` on its own line.

import { t } from "./i18n";

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

/** What happened: a ticker beat, or a message a learner published. */
export type EventKind = "tick" | "message";

/** `data` of a ticker event. */
export interface TickData {
  seq: number;
}

/** `data` of a message a learner published. */
export interface MessageData {
  text: string;
  via: string;
}

/**
 * One event of the hub's log, the same object on every transport. `data`
 * goes with `kind`: `TickData` for a tick, `MessageData` for a message
 * (`asLabEvent` lets no other pair through).
 */
// wire: Event
export interface LabEvent {
  id: number;
  kind: EventKind;
  data: TickData | MessageData;
  /** Milliseconds since the Unix epoch, when the hub appended the event. */
  created_at: number;
}

/** The answer of `GET /api/poll` and `GET /api/long-poll`. */
// wire: EventBatch
export interface EventPage {
  events: LabEvent[];
  last_id: number;
  /** Some events after the cursor had already left the hub's ring. */
  truncated: boolean;
  /** How many: events this client will never get. */
  skipped: number;
  /** The cursor was ahead of the log: `events` start over from its oldest event. */
  reset: boolean;
}

/**
 * Sent when the client fell so far behind that events after its cursor left
 * the server's ring before it read them (an SSE event named `skipped`, a
 * WebSocket text frame, a Socket.IO `skipped` event), just before the oldest
 * events still there. HTTP answers say it in the batch instead.
 */
// wire: SkipNotice
export interface SkipNotice {
  /** How many events the client will never get. */
  skipped: number;
  /** The newest id of the log. */
  last_id: number;
}

/**
 * Sent before a replay that starts over because the client's cursor was
 * ahead of the server's log (a cursor kept from another server, or a lost
 * state file): an SSE event named `reset`, a WebSocket text frame, a
 * Socket.IO `reset` event. The client forgets its cursor and the ids it saw.
 */
// wire: ResetNotice
export interface ResetNotice {
  /** Always `true`: what tells this WebSocket frame from an event or an ack. */
  reset: boolean;
  /** The newest id of the log the client now follows. */
  last_id: number;
}

/** What the server counted for one transport (`GET /api/lab`). */
// wire: TransportStats
export interface ServerTransportStats {
  requests: number;
  empty_responses: number;
  events_sent: number;
  bytes_payload: number;
  bytes_overhead: number;
  open_connections: number;
}

/** The lab's settings and server-side measurements (`GET /api/lab`). */
// wire: LabSnapshot
export interface LabSnapshot {
  ticker_rate: number;
  latency_ms: number;
  block_upgrades: boolean;
  restarts: number;
  /** Whether streams replay what a reconnecting client missed. */
  replay: boolean;
  /** The levers that differ from the server's start (the lab is shared by every page). */
  changed: string[];
  /** The first id this run of the server gives out (ids jump ahead after a real restart). */
  first_id: number;
  last_id: number;
  transports: Partial<Record<TransportName, ServerTransportStats>>;
  /** With `--redis`: the cluster this instance belongs to; `null` alone. */
  cluster: ClusterStatus | null;
}

/** An instance's view of its cluster (several instances on one Redis). */
// wire: ClusterStatus
export interface ClusterStatus {
  /** The Redis the instances share. */
  redis: string;
  /** False while Redis cannot be read: publishing is refused meanwhile. */
  connected: boolean;
  /** True when the cluster's ticker runs on this instance. */
  ticker_here: boolean;
}

/**
 * What became of a published message, the same on every transport: the
 * body of `POST /api/publish`'s answer, the Socket.IO ack's argument, and
 * the fields of a `WebSocketAck`. Exactly one of the two fields is set.
 */
// wire: PublishAck
export interface PublishAck {
  /** The new event's id. */
  id?: number;
  /** Why the message was refused. */
  error?: string;
}

/** The frame that answers a WebSocket publish: the frame's `ref`, then a `PublishAck`'s fields. */
// wire: WebSocketAck
export interface WebSocketAck {
  /** The `ref` of the publish frame it answers, echoed as sent (`null` when that frame had none). */
  ack: number | null;
  id?: number;
  error?: string;
}

/** The body of every HTTP error answer: a sentence the user can act on. */
// wire: ErrorBody
export interface ErrorBody {
  error: string;
}

/** What a publish came to, whatever its transport: the new event's id, or why not. */
export type PublishResult = { id: number } | { error: string };

/** How an exercise did (the `/grade` namespace's `done`), kebab-case on the wire. */
export type GradeStatus = "passed" | "not-started" | "failed" | "does-not-compile";

const GRADE_STATUSES: readonly GradeStatus[] = ["passed", "not-started", "failed", "does-not-compile"];

/** `line` on `/grade`: one line of the grader's output (the exercises page's "Check"). */
// wire: OutputLine
export interface GradeLine {
  exercise: string;
  line: string;
}

/** `done` on `/grade`: the status, or why there is none. */
// wire: Done
export interface GradeDone {
  /** `null` when the request named no exercise the server knows. */
  exercise: string | null;
  status?: GradeStatus;
  error?: string;
}

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
  return {
    events,
    last_id: value.last_id,
    truncated: value.truncated === true,
    skipped: isCount(value.skipped) ? value.skipped : 0,
    reset: value.reset === true,
  };
}

/** Reads a skip notice (SSE `skipped`, WebSocket frame, Socket.IO `skipped`), or `null`. */
export function asSkipNotice(value: unknown): SkipNotice | null {
  if (!isObject(value) || !isCount(value.skipped) || value.skipped === 0 || !isCount(value.last_id)) {
    return null;
  }
  return { skipped: value.skipped, last_id: value.last_id };
}

/** Reads a reset notice (SSE `reset`, WebSocket frame, Socket.IO `reset`), or `null`. */
export function asResetNotice(value: unknown): ResetNotice | null {
  if (!isObject(value) || value.reset !== true || !isCount(value.last_id)) {
    return null;
  }
  return { reset: true, last_id: value.last_id };
}

/** Reads a publish acknowledgement (HTTP body, Socket.IO ack, WebSocket ack frame), or `null`. */
export function asPublishAck(value: unknown): PublishAck | null {
  if (isObject(value) && isCount(value.id)) {
    return { id: value.id };
  }
  if (isObject(value) && typeof value.error === "string") {
    return { error: value.error };
  }
  return null;
}

/** Reads a WebSocket ack frame, or `null` when the frame is something else. */
export function asWebSocketAck(value: unknown): WebSocketAck | null {
  if (!isObject(value) || !(value.ack === null || isCount(value.ack))) {
    return null;
  }
  return { ack: value.ack, ...asPublishAck(value) };
}

/** What a publish came to, from its acknowledgement (`null`: an answer that was none). */
export function publishResult(ack: PublishAck | null): PublishResult {
  if (ack?.id !== undefined) {
    return { id: ack.id };
  }
  if (ack?.error !== undefined) {
    return { error: ack.error };
  }
  return { error: t("unexpected_answer") };
}

/** Reads an HTTP error body, or `null`. */
export function asErrorBody(value: unknown): ErrorBody | null {
  return isObject(value) && typeof value.error === "string" ? { error: value.error } : null;
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
    replay: value.replay !== false,
    changed: Array.isArray(value.changed) ? value.changed.filter((item): item is string => typeof item === "string") : [],
    first_id: isCount(value.first_id) ? value.first_id : 1,
    cluster: asClusterStatus(value.cluster),
    last_id: isCount(value.last_id) ? value.last_id : 0,
    transports,
  };
}

/** Reads the `cluster` of a lab snapshot, or `null` (a single instance). */
function asClusterStatus(value: unknown): ClusterStatus | null {
  if (!isObject(value) || typeof value.redis !== "string") {
    return null;
  }
  return { redis: value.redis, connected: value.connected === true, ticker_here: value.ticker_here === true };
}

/** Reads a `line` event of `/grade`, or `null`. */
export function asGradeLine(value: unknown): GradeLine | null {
  if (!isObject(value) || typeof value.exercise !== "string" || typeof value.line !== "string") {
    return null;
  }
  return { exercise: value.exercise, line: value.line };
}

/** Reads a `done` event of `/grade`, or `null`. */
export function asGradeDone(value: unknown): GradeDone | null {
  if (!isObject(value) || !(value.exercise === null || typeof value.exercise === "string")) {
    return null;
  }
  const status = GRADE_STATUSES.find((known) => known === value.status);
  const error = typeof value.error === "string" ? value.error : undefined;
  return { exercise: value.exercise, status, error };
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
