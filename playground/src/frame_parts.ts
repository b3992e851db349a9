// Reading a wire row part by part, for the wide inspector. A Socket.IO frame
// such as `43/lab,5[{"id":7}]` is four protocols' worth of decisions in one
// string: `4` is Engine.IO's "message", `3` Socket.IO's "ack", `/lab,` the
// namespace, `5` the ack id the answer refers to, and the JSON its payload.
// An HTTP request splits into method, path and query; a response into its
// status and body; an SSE block into its `id:`, `event:` and `data:` lines;
// a raw WebSocket frame is one text frame whose JSON says what it carries.
//
// The split keeps the raw text: every part's `text` is a slice of the row,
// so the parts read left to right spell the frame as it travelled.

import { StringKey, t } from "./i18n";
import { WireFrame } from "./panel_view";

/** What a part of a frame is (its `data-part` in the inspector). */
export type PartRole =
  | "eio-type"
  | "sio-type"
  | "namespace"
  | "ack-id"
  | "payload"
  | "method"
  | "path"
  | "query"
  | "header"
  | "status"
  | "body"
  | "sse-field"
  | "ws-frame"
  | "note";

/** One part of a frame: the raw text and what it means. */
export interface FramePart {
  role: PartRole;
  text: string;
  /** e.g. "Engine.IO type: message". */
  meaning: string;
}

/** Engine.IO packet types by their digit (protocol names, not translated). */
const ENGINE_TYPES: Record<string, string> = {
  "0": "open",
  "1": "close",
  "2": "ping",
  "3": "pong",
  "4": "message",
  "5": "upgrade",
  "6": "noop",
};

/** Socket.IO packet types by their digit. */
const SOCKET_IO_TYPES: Record<string, string> = {
  "0": "connect",
  "1": "disconnect",
  "2": "event",
  "3": "ack",
  "4": "connect_error",
  "5": "binary_event",
  "6": "binary_ack",
};

const ROLE_NAMES: Record<PartRole, StringKey> = {
  "eio-type": "part_eio_type",
  "sio-type": "part_sio_type",
  namespace: "part_namespace",
  "ack-id": "part_ack_id",
  payload: "part_payload",
  method: "part_method",
  path: "part_path",
  query: "part_query",
  header: "part_header",
  status: "part_status",
  body: "part_body",
  "sse-field": "part_sse_field",
  "ws-frame": "part_ws_frame",
  note: "part_note",
};

function part(role: PartRole, text: string, detail = ""): FramePart {
  const name = t(ROLE_NAMES[role]);
  return { role, text, meaning: detail ? `${name}: ${detail}` : name };
}

/** Whether a row is an Engine.IO heartbeat (`2` ping or `3` pong, not the upgrade's probe). */
export function isHeartbeat(frame: WireFrame): boolean {
  return (frame.kind === "eio-polling" || frame.kind === "eio-ws") && (frame.raw === "2" || frame.raw === "3");
}

/**
 * Whether a row is routine traffic rather than part of setting a connection
 * up: a heartbeat, Engine.IO's `6` (noop), a repeated poll, an event
 * delivered. The handshake pins only the rows that are not.
 */
export function isRoutine(frame: WireFrame): boolean {
  const engine = frame.kind === "eio-polling" || frame.kind === "eio-ws";
  return (
    isHeartbeat(frame) ||
    (engine && frame.raw === "6") ||
    (engine && /^42[^[]*\["(event|reset|skipped)"/.test(frame.raw)) ||
    (frame.kind === "http-request" && frame.label === "poll")
  );
}

/** Whether a row carries a ticker event (the filter "hide ticks"). */
export function isTick(frame: WireFrame): boolean {
  return frame.raw.includes('"kind":"tick"') && !frame.raw.includes('"kind":"message"');
}

/** Splits a row into its parts. */
export function frameParts(frame: WireFrame): FramePart[] {
  switch (frame.kind) {
    case "eio-polling":
    case "eio-ws":
      return engineParts(frame.raw);
    case "http-request":
      return requestParts(frame.raw);
    case "http-response":
      return responseParts(frame);
    case "sse":
      return sseParts(frame.raw);
    case "ws":
      return [part("ws-frame", "text", t("part_ws_text")), ...jsonParts(frame.raw)];
    case "note":
      return [part("note", frame.raw)];
  }
}

/** `42/lab,5["publish",{…}]` → Engine.IO type, Socket.IO type, namespace, ack id, payload. */
function engineParts(raw: string): FramePart[] {
  const engineDigit = raw.charAt(0);
  const parts = [part("eio-type", engineDigit, ENGINE_TYPES[engineDigit] ?? "?")];
  let rest = raw.slice(1);
  if (engineDigit !== "4") {
    if (rest !== "") {
      const detail = engineDigit === "0" ? t("part_handshake_data") : rest === "probe" ? t("part_probe") : "";
      parts.push(part("payload", rest, detail));
    }
    return parts;
  }
  const socketDigit = rest.charAt(0);
  parts.push(part("sio-type", socketDigit, SOCKET_IO_TYPES[socketDigit] ?? "?"));
  rest = rest.slice(1);
  if (rest.startsWith("/")) {
    const comma = rest.indexOf(",");
    const namespace = comma === -1 ? rest : rest.slice(0, comma + 1);
    parts.push(part("namespace", namespace, namespace.replace(/,$/, "")));
    rest = rest.slice(namespace.length);
  } else {
    parts.push(part("namespace", "", `/ (${t("part_implicit")})`));
  }
  const ackId = /^\d+/.exec(rest)?.[0];
  if (ackId) {
    parts.push(part("ack-id", ackId, socketDigit === "3" ? t("part_ack_answers") : t("part_ack_wanted")));
    rest = rest.slice(ackId.length);
  }
  if (rest !== "") {
    parts.push(part("payload", rest, payloadSummary(rest)));
  }
  return parts;
}

/** What a Socket.IO payload holds: the event's name, or nothing more. */
function payloadSummary(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value) && typeof value[0] === "string") {
      return `"${value[0]}" + ${value.length - 1} ${t("part_arguments")}`;
    }
  } catch {
    return "";
  }
  return "";
}

/** `GET /api/poll?since=5` → method, path, each query parameter, and any header note. */
function requestParts(raw: string): FramePart[] {
  const match = /^(\S+) ([^?\s]*)(\?\S*)?(.*)$/.exec(raw);
  if (!match) {
    return [part("body", raw)];
  }
  const [, method = "", path = "", query = "", extra = ""] = match;
  const parts = [part("method", method), part("path", path)];
  if (query) {
    parts.push(part("query", query, queryMeaning(query)));
  }
  if (extra.trim()) {
    parts.push(part("header", extra.trim()));
  }
  return parts;
}

function queryMeaning(query: string): string {
  const names = Array.from(new URLSearchParams(query).keys());
  const known: string[] = [];
  for (const name of names) {
    if (name === "since") {
      known.push(`since = ${t("part_cursor")}`);
    } else if (name === "timeout") {
      known.push(`timeout = ${t("part_hold_seconds")}`);
    } else if (name === "transport") {
      known.push(`transport = Engine.IO`);
    }
  }
  return known.join(", ");
}

/** A response: its status, then its body (the events it carried, or the error). */
function responseParts(frame: WireFrame): FramePart[] {
  const parts: FramePart[] = [];
  if (frame.status !== undefined) {
    parts.push(part("status", String(frame.status)));
  }
  // A status line the panel rebuilt ("101 Switching Protocols", "200
  // text/event-stream") carries a reason or a content type, not a body.
  const statusLine = frame.status !== undefined && frame.raw.startsWith(`${frame.status} `);
  const rest = statusLine ? frame.raw.slice(String(frame.status).length).trim() : frame.raw;
  if (statusLine) {
    parts.push(part("header", rest));
  } else if (rest) {
    parts.push(part("body", rest, bodySummary(rest)));
  }
  return parts;
}

function bodySummary(body: string): string {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === "object" && value !== null && "events" in value && Array.isArray(value.events)) {
      return `${value.events.length} ${t("events")}`;
    }
    if (typeof value === "object" && value !== null && "error" in value) {
      return t("part_error_body");
    }
  } catch {
    return "";
  }
  return "";
}

/** `id: 5\ndata: {…}` → one part per field line. */
function sseParts(raw: string): FramePart[] {
  return raw
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const field = line.slice(0, line.indexOf(":"));
      const detail = field === "id" ? t("part_sse_id") : field === "event" ? t("part_sse_event") : field === "data" ? t("part_sse_data") : "";
      return part("sse-field", line, detail);
    });
}

/** A raw WebSocket frame's JSON: what its distinguishing field says it is. */
function jsonParts(raw: string): FramePart[] {
  let detail = "";
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === "object" && value !== null) {
      if ("kind" in value) {
        detail = t("part_ws_event");
      } else if ("ack" in value) {
        detail = t("part_ws_ack");
      } else if ("reset" in value) {
        detail = "reset";
      } else if ("skipped" in value) {
        detail = "skipped";
      } else if ("type" in value) {
        detail = t("part_ws_publish");
      }
    }
  } catch {
    detail = "";
  }
  return [part("payload", raw, detail)];
}
