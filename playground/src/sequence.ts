// A sequence diagram drawn from the frames a panel actually saw: the
// browser on the left, the server on the right, time running down. Each
// transport draws its own shape without being told: polling is a ladder of
// request/response pairs; long-polling the same ladder with a bar on the
// server's side for as long as it held each request; SSE and a WebSocket one
// request, then one shaded stream that events fall through; Socket.IO its
// HTTP handshake, the `2probe`/`3probe` over a new WebSocket, the upgrade
// (`5`), then frames on the WebSocket.

import { t } from "./i18n";
import { FrameKind, TimedFrame } from "./panel_view";

const SVG = "http://www.w3.org/2000/svg";
// Narrow enough that a phone shows it whole at a readable size.
const WIDTH = 480;
const BROWSER_X = 72;
const SERVER_X = 448;
const TOP = 40;
const ROW = 22;
const LABEL_CHARS = 40;
/** How many of the latest rows the diagram shows after the handshake. */
const LATEST_ROWS = 16;

/** A row of the diagram: a frame, or a gap standing for frames left out. */
type Row = { frame: TimedFrame } | { skipped: number };

function svgElement(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** Whether a row travels inside a stream that stays open (SSE, a WebSocket). */
function isStream(kind: FrameKind): boolean {
  return kind === "sse" || kind === "ws" || kind === "eio-ws";
}

/** Whether a row opens a stream: `101 Switching Protocols`, or SSE's `200 text/event-stream`. */
function opensStream(frame: TimedFrame): boolean {
  return frame.kind === "http-response" && (frame.status === 101 || frame.raw.includes("text/event-stream"));
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > LABEL_CHARS ? `${line.slice(0, LABEL_CHARS - 1)}…` : line;
}

/** The rows to draw: the handshake, a gap, then the latest frames. */
function rowsOf(handshake: TimedFrame[], recent: TimedFrame[]): Row[] {
  const pinned = new Set(handshake.map((frame) => frame.seq));
  const lastPinned = handshake.length > 0 ? Math.max(...pinned) : 0;
  const latest = recent.filter((frame) => !pinned.has(frame.seq) && frame.seq > lastPinned).slice(-LATEST_ROWS);
  const rows: Row[] = handshake.map((frame) => ({ frame }));
  const firstLatest = latest[0];
  if (firstLatest && rows.length > 0 && firstLatest.seq > lastPinned + 1) {
    rows.push({ skipped: firstLatest.seq - lastPinned - 1 });
  }
  rows.push(...latest.map((frame) => ({ frame })));
  return rows;
}

/** Draws the diagram of `handshake` then the latest of `recent` (both oldest first). */
export function sequenceDiagram(handshake: TimedFrame[], recent: TimedFrame[]): SVGSVGElement {
  const rows = rowsOf(handshake, recent);
  const height = TOP + Math.max(1, rows.length) * ROW + 10;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${height}`);
  svg.setAttribute("class", "lab-sequence-svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", t("sequence"));
  svg.setAttribute("data-rows", String(rows.length));
  const y = (index: number): number => TOP + index * ROW + ROW / 2;
  const first = rows.find((row): row is { frame: TimedFrame } => "frame" in row)?.frame.at ?? 0;

  // Shaded streams, drawn first so arrows go over them.
  let streamStart = -1;
  const closeStream = (end: number): void => {
    if (streamStart >= 0) {
      svg.append(
        svgElement("rect", {
          class: "lab-seq-stream",
          x: BROWSER_X,
          y: y(streamStart) - ROW / 2,
          width: SERVER_X - BROWSER_X,
          height: (end - streamStart + 1) * ROW,
          rx: 4,
        }),
      );
    }
    streamStart = -1;
  };
  // A gap inside a stream (frames left out) does not end it.
  rows.forEach((row, index) => {
    if (!("frame" in row)) {
      return;
    }
    const streaming = isStream(row.frame.kind) || opensStream(row.frame);
    if (streaming && streamStart < 0) {
      streamStart = index;
    } else if (!streaming && row.frame.direction !== "note") {
      closeStream(index - 1);
    }
  });
  closeStream(rows.length - 1);

  // Lifelines and their names.
  for (const [x, name] of [
    [BROWSER_X, t("sequence_browser")],
    [SERVER_X, t("sequence_server")],
  ] as const) {
    svg.append(svgElement("line", { class: "lab-seq-life", x1: x, x2: x, y1: 24, y2: height - 4 }));
    svg.append(svgElement("text", { class: "lab-seq-actor", x, y: 16, "text-anchor": "middle" }, name));
  }

  // A request held by the server: a bar on its lifeline until the answer.
  rows.forEach((row, index) => {
    if (!("frame" in row) || row.frame.kind !== "http-request") {
      return;
    }
    const answer = rows.findIndex(
      (other, later) => later > index && "frame" in other && other.frame.direction === "in" && !isStream(other.frame.kind),
    );
    const answered = rows[answer];
    if (answer < 0 || !answered || !("frame" in answered)) {
      return;
    }
    svg.append(svgElement("rect", { class: "lab-seq-held", x: SERVER_X - 4, y: y(index), width: 8, height: y(answer) - y(index), rx: 2 }));
    const heldMs = answered.frame.at - row.frame.at;
    if (heldMs >= 500 && answer - index >= 1) {
      svg.append(
        svgElement("text", { class: "lab-seq-note", x: SERVER_X - 10, y: (y(index) + y(answer)) / 2 + 4, "text-anchor": "end" }, `${t("sequence_held")} ${(heldMs / 1000).toFixed(1)} s`),
      );
    }
  });

  rows.forEach((row, index) => {
    const rowY = y(index);
    if ("skipped" in row) {
      svg.append(svgElement("text", { class: "lab-seq-gap", x: (BROWSER_X + SERVER_X) / 2, y: rowY + 4, "text-anchor": "middle" }, `⋮ ${row.skipped} ${t("sequence_skipped")}`));
      return;
    }
    const frame = row.frame;
    svg.append(svgElement("text", { class: "lab-seq-time", x: 4, y: rowY + 4 }, `+${((frame.at - first) / 1000).toFixed(2)} s`));
    if (frame.direction === "note") {
      svg.append(svgElement("circle", { class: "lab-seq-dot", cx: BROWSER_X, cy: rowY, r: 4 }));
      svg.append(svgElement("text", { class: "lab-seq-note", x: BROWSER_X + 10, y: rowY + 4 }, shorten(`${frame.label}: ${frame.raw}`)));
      return;
    }
    const out = frame.direction === "out";
    const [from, to] = out ? [BROWSER_X, SERVER_X] : [SERVER_X, BROWSER_X];
    const tip = out ? to - 1 : to + 1;
    const back = out ? -8 : 8;
    const group = svgElement("g", { class: `lab-seq-arrow dir-${frame.direction} kind-${frame.kind}`, "data-kind": frame.kind });
    group.append(svgElement("line", { x1: from, x2: tip + back, y1: rowY, y2: rowY }));
    group.append(svgElement("polygon", { points: `${tip},${rowY} ${tip + back},${rowY - 4} ${tip + back},${rowY + 4}` }));
    group.append(svgElement("text", { x: (BROWSER_X + SERVER_X) / 2, y: rowY - 4, "text-anchor": "middle" }, shorten(frame.label || frame.raw)));
    const title = svgElement("title", {}, frame.raw.slice(0, 300));
    group.append(title);
    svg.append(group);
    if (frame.kind === "eio-ws" && frame.raw === "5") {
      svg.append(svgElement("line", { class: "lab-seq-upgrade", x1: BROWSER_X, x2: SERVER_X, y1: rowY + ROW / 2, y2: rowY + ROW / 2 }));
    }
  });
  return svg;
}
