// The DOM of one panel: a header with the transport's name and status badge,
// live counters, a delay sparkline, the list of events as they arrive and a
// wire inspector whose first rows (the connection's handshake) stay pinned
// on top, with a button to the wide view (inspector.ts), which reads the
// rows kept here. It only draws; `panel.ts` decides what happened. Updates
// are batched into one animation frame, so a ticker at 200 events/s costs
// one redraw per frame, not one per event.

import { el, formatBytes, formatDelay, setText } from "./dom";
import { isRoutine } from "./frame_parts";
import { StringKey, t } from "./i18n";
import { Sparkline } from "./sparkline";
import { PanelStats } from "./stats";
import { LabEvent, TransportName } from "./types";
import { tabIsVisible } from "./visibility";

/** The states of a panel's connection (its `data-status`). */
export type PanelStatus = "connecting" | "open" | "reconnecting" | "closed" | "paused";

/** Which way a wire row went: sent, received, or a note about the connection. */
export type Direction = "out" | "in" | "note";

/**
 * What a wire row is, which says how to read it and which channel it took:
 * an HTTP request or response, an SSE block, a raw WebSocket text frame, an
 * Engine.IO packet over HTTP long-polling or over a WebSocket, or a note.
 */
export type FrameKind = "http-request" | "http-response" | "sse" | "ws" | "eio-polling" | "eio-ws" | "note";

/** One row of the wire inspector. */
export interface WireFrame {
  direction: Direction;
  /** The raw text as it travelled (or as close as the browser lets us see). */
  raw: string;
  /** A short human reading of it, e.g. "ping" or "event #42". */
  label: string;
  kind: FrameKind;
  /** An HTTP response's status code. */
  status?: number;
}

/** A wire row with the time it was seen and its place in the panel's history. */
export interface TimedFrame extends WireFrame {
  at: number;
  seq: number;
}

/** What the wide inspector reads: the pinned handshake and the recent rows, oldest first. */
export interface FrameHistory {
  handshake: TimedFrame[];
  recent: TimedFrame[];
  /** Rows seen in all, including those no longer kept. */
  total: number;
}

/** An event row waiting to be drawn. */
interface EventRow {
  event: LabEvent;
  delayMs: number;
  first: boolean;
}

/** A row of the event list that is no event: something the learner should notice between events. */
interface MarkerRow {
  marker: string;
}

const MAX_EVENT_ROWS = 50;
const MAX_WIRE_ROWS = 60;
/** Rows the wide inspector can look back on. */
const MAX_HISTORY = 400;
const MAX_RAW_SHOWN = 2000;
const SPARKLINE_POINTS = 60;

/** The string key of each transport's visible name. */
const TRANSPORT_TITLES: Record<TransportName, StringKey> = {
  polling: "transport_polling",
  "long-polling": "transport_long_polling",
  sse: "transport_sse",
  websocket: "transport_websocket",
  socketio: "transport_socketio",
};

/** The visible name of a transport. */
export function transportTitle(transport: TransportName): string {
  return t(TRANSPORT_TITLES[transport]);
}

/** The visible name of a connection state. */
export function statusTitle(status: PanelStatus): string {
  return t(`status_${status}`);
}

/** What a connection state means (the badge's tooltip and the legend). */
export function statusMeaning(status: PanelStatus): string {
  return t(`legend_status_${status}`);
}

/** What each counter means (its tooltip). */
const COUNTER_MEANINGS: Record<string, StringKey> = {
  events: "legend_events",
  requests: "legend_requests",
  empty: "legend_empty",
  payload: "legend_payload",
  overhead: "legend_overhead",
  reconnects: "legend_reconnects",
  resets: "legend_resets",
  missed: "legend_missed",
  duplicates: "legend_duplicates",
  delay: "legend_p50",
};

/** Draws a panel into `root`. */
export class PanelView {
  readonly root: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly note: HTMLElement;
  private readonly counters: Record<string, HTMLElement> = {};
  private readonly sparkline = new Sparkline(t("delay"));
  private readonly eventList: HTMLOListElement;
  private readonly wireList: HTMLOListElement;
  private readonly pinnedList: HTMLOListElement;
  private readonly pinnedBlock: HTMLElement;
  private readonly wireCount: HTMLElement;
  private readonly badges: HTMLElement;
  private readonly wideButton: HTMLButtonElement;
  private pendingEvents: (EventRow | MarkerRow)[] = [];
  private pendingFrames: TimedFrame[] = [];
  private framesSeen = 0;
  private frameRequested = false;
  /** The first rows of the current connection, kept at the top of the inspector. */
  private handshake: TimedFrame[] = [];
  private pinning = 0;
  private handshakeChanged = false;
  private history: TimedFrame[] = [];
  private readonly frameListeners = new Set<() => void>();

  constructor(readonly transport: TransportName, private readonly stats: PanelStats) {
    this.badge = el("span", { className: "lab-badge" });
    this.badges = el("span", { className: "lab-badges" }, [this.badge]);
    this.note = el("p", { className: "lab-note" });
    const counterList = el("dl", { className: "lab-counters" });
    const counterKeys: StringKey[] = ["events", "requests", "empty", "payload", "overhead", "reconnects", "resets", "missed", "duplicates"];
    for (const key of counterKeys) {
      const value = el("dd", { text: "0" });
      this.counters[key] = value;
      counterList.append(el("div", { attrs: { title: meaningOf(key) } }, [el("dt", { text: t(key) }), value]));
    }
    const delayValue = el("dd", { text: "–" });
    this.counters.delay = delayValue;
    counterList.append(el("div", { attrs: { title: meaningOf("delay") } }, [el("dt", { text: `${t("delay")} p50` }), delayValue]));
    this.eventList = el("ol", { className: "lab-events", attrs: { "aria-live": "off" } });
    this.eventList.append(el("li", { className: "lab-events-empty", text: t("no_events") }));
    this.wireCount = el("span", { className: "lab-wire-count", text: "0" });
    this.wireList = el("ol", { className: "lab-wire-list" });
    this.pinnedList = el("ol", { className: "lab-wire-list lab-wire-pinned" });
    this.pinnedBlock = el("div", { className: "lab-wire-pinned-block" }, [
      el("p", { className: "lab-wire-heading", text: t("wire_handshake") }),
      this.pinnedList,
      el("p", { className: "lab-wire-heading", text: t("wire_latest") }),
    ]);
    this.pinnedBlock.hidden = true;
    this.wideButton = el("button", {
      className: "lab-button is-quiet lab-wire-open",
      text: t("wire_open_wide"),
      attrs: { type: "button", "data-open-inspector": transport },
    });
    const wire = el("details", { className: "lab-wire" }, [
      el("summary", {}, [el("span", { text: t("wire") }), this.wireCount]),
      el("div", { className: "lab-wire-tools" }, [el("p", { className: "lab-wire-hint", text: t("wire_hint") }), this.wideButton]),
      this.pinnedBlock,
      this.wireList,
    ]);
    this.root = el("section", { className: "lab-panel", attrs: { "data-transport": transport } }, [
      el("header", { className: "lab-panel-head" }, [
        el("h3", { className: "lab-panel-title", text: transportTitle(transport) }),
        this.badges,
      ]),
      counterList,
      this.sparkline.element,
      this.note,
      this.eventList,
      wire,
    ]);
    this.showStatus("closed");
  }

  /** Shows the connection state in the badge and `data-status`. */
  showStatus(status: PanelStatus): void {
    this.root.dataset.status = status;
    this.badge.dataset.status = status;
    this.badge.title = statusMeaning(status);
    setText(this.badge, statusTitle(status));
    this.scheduleDraw();
  }

  /** Calls `open` when the learner asks for the wide inspector. */
  onOpenWide(open: () => void): void {
    this.wideButton.addEventListener("click", open);
  }

  /** Adds a second badge (Socket.IO's current engine transport). */
  addBadge(className: string): HTMLElement {
    const badge = el("span", { className: `lab-badge ${className}` });
    this.badges.append(badge);
    return badge;
  }

  /**
   * Shows a one-line note under the chart (an error); "" empties it. The
   * note stays in the layout even when empty, so the rows of every panel
   * keep lining up.
   */
  showNote(text: string, tone: "info" | "error" = "info"): void {
    setText(this.note, text);
    this.note.dataset.tone = tone;
  }

  /** Empties the note if it shows an error (a connection is back); an info note stays. */
  clearError(): void {
    if (this.note.dataset.tone === "error") {
      this.showNote("");
    }
  }

  /** Queues an event row. */
  addEvent(event: LabEvent, delayMs: number, first: boolean): void {
    this.pendingEvents.push({ event, delayMs, first });
    if (this.pendingEvents.length > MAX_EVENT_ROWS) {
      this.pendingEvents.splice(0, this.pendingEvents.length - MAX_EVENT_ROWS);
    }
    this.scheduleDraw();
  }

  /**
   * Queues a marker row in the event list, between the events before and
   * after it (e.g. "the server's log started over").
   */
  addMarker(text: string): void {
    this.pendingEvents.push({ marker: text });
    this.scheduleDraw();
  }

  /**
   * A new connection starts: its next `count` rows (routine traffic aside) are
   * its handshake, pinned at the top of the inspector so that later frames
   * never push them out.
   */
  beginHandshake(count: number): void {
    this.handshake = [];
    this.pinning = count;
    this.handshakeChanged = true;
    this.scheduleDraw();
  }

  /** Queues a wire row. */
  addFrame(frame: WireFrame): void {
    this.framesSeen += 1;
    const timed = { ...frame, at: Date.now(), seq: this.framesSeen };
    if (this.pinning > 0 && !isRoutine(timed)) {
      this.pinning -= 1;
      this.handshake.push(timed);
      this.handshakeChanged = true;
    }
    this.history.push(timed);
    if (this.history.length > MAX_HISTORY) {
      this.history.splice(0, this.history.length - MAX_HISTORY);
    }
    this.pendingFrames.push(timed);
    if (this.pendingFrames.length > MAX_WIRE_ROWS) {
      this.pendingFrames.splice(0, this.pendingFrames.length - MAX_WIRE_ROWS);
    }
    this.scheduleDraw();
  }

  /** The rows the wide inspector shows. */
  frames(): FrameHistory {
    return { handshake: [...this.handshake], recent: [...this.history], total: this.framesSeen };
  }

  /** Calls `listener` after new rows were drawn; returns an unsubscribe. */
  onFrames(listener: () => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Redraws the counters (and anything queued) at the next frame. */
  scheduleDraw(): void {
    if (this.frameRequested) {
      return;
    }
    this.frameRequested = true;
    const draw = (): void => {
      this.frameRequested = false;
      this.draw();
    };
    // Hidden tabs get no animation frames; a timer keeps the counters honest.
    if (tabIsVisible()) {
      requestAnimationFrame(draw);
    } else {
      setTimeout(draw, 250);
    }
  }

  private draw(): void {
    const stats = this.stats;
    this.setCounter("events", String(stats.events));
    this.setCounter("requests", String(stats.requests));
    this.setCounter("empty", String(stats.emptyResponses));
    this.setCounter("payload", formatBytes(stats.bytesPayload));
    this.setCounter("overhead", formatBytes(stats.bytesOverhead));
    this.setCounter("reconnects", String(stats.reconnects));
    this.setCounter("resets", String(stats.resets));
    this.setCounter("missed", String(stats.missed));
    this.setCounter("duplicates", String(stats.duplicates));
    this.setCounter("delay", formatDelay(stats.delayPercentile(0.5)));
    this.sparkline.draw(stats.recentDelays(SPARKLINE_POINTS));
    this.drawEvents();
    this.drawFrames();
  }

  private setCounter(key: string, text: string): void {
    const node = this.counters[key];
    if (node) {
      setText(node, text);
    }
  }

  private drawEvents(): void {
    if (this.pendingEvents.length === 0) {
      return;
    }
    this.eventList.querySelector(".lab-events-empty")?.remove();
    for (const row of this.pendingEvents) {
      this.eventList.prepend("marker" in row ? markerRow(row) : eventRow(row));
    }
    this.pendingEvents = [];
    while (this.eventList.children.length > MAX_EVENT_ROWS) {
      this.eventList.lastElementChild?.remove();
    }
  }

  private drawFrames(): void {
    setText(this.wireCount, String(this.framesSeen));
    if (this.handshakeChanged) {
      this.handshakeChanged = false;
      this.pinnedList.replaceChildren(...this.handshake.map((frame) => frameRow(frame)));
      this.pinnedBlock.hidden = this.handshake.length === 0;
    }
    if (this.pendingFrames.length === 0) {
      return;
    }
    for (const listener of this.frameListeners) {
      listener();
    }
    for (const frame of this.pendingFrames) {
      this.wireList.prepend(frameRow(frame));
    }
    this.pendingFrames = [];
    while (this.wireList.children.length > MAX_WIRE_ROWS) {
      this.wireList.lastElementChild?.remove();
    }
  }
}

function eventRow({ event, delayMs, first }: EventRow): HTMLLIElement {
  // A tick reads "tick 17"; a message shows its text (as text, never markup).
  // `data` has `seq` exactly when the event is a tick (see `asLabEvent`).
  const data = event.data;
  const body =
    "seq" in data
      ? el("span", { className: "lab-event-text", text: `${t("tick")} ${data.seq}` })
      : el("span", { className: "lab-event-text", attrs: { title: `${data.text} (${t("via")} ${data.via})` } }, [
          el("span", { className: "lab-message", text: data.text }),
          el("span", { className: "lab-via", text: `${t("via")} ${data.via}`, attrs: { "data-via": data.via } }),
        ]);
  const row = el("li", { className: `lab-event kind-${event.kind}`, attrs: { "data-event-id": String(event.id) } }, [
    el("span", { className: "lab-event-id", text: `#${event.id}` }),
    body,
    el("span", { className: "lab-event-delay", text: formatDelay(delayMs) }),
  ]);
  if (first) {
    row.classList.add("is-first");
    row.append(el("span", { className: "lab-first", text: "★", attrs: { title: t("first_title"), "aria-label": t("first") } }));
  }
  return row;
}

function markerRow({ marker }: MarkerRow): HTMLLIElement {
  return el("li", { className: "lab-event-marker", attrs: { role: "note" }, text: marker });
}

/** What a counter means, for its tooltip. */
function meaningOf(key: string): string {
  const meaning = COUNTER_MEANINGS[key];
  return meaning ? t(meaning) : "";
}

/** The time a row was seen, as the inspector prints it. */
export function frameTime(frame: TimedFrame): string {
  return new Date(frame.at).toLocaleTimeString(undefined, { hour12: false });
}

/** A row of the panel's own (narrow) inspector. */
function frameRow(frame: TimedFrame): HTMLLIElement {
  const arrow = frame.direction === "out" ? "→" : frame.direction === "in" ? "←" : "•";
  const raw = frame.raw.length > MAX_RAW_SHOWN ? `${frame.raw.slice(0, MAX_RAW_SHOWN)}…` : frame.raw;
  const time = frameTime(frame);
  return el("li", { className: `lab-frame dir-${frame.direction}`, attrs: { "data-frame": raw, "data-kind": frame.kind } }, [
    el("span", { className: "lab-frame-arrow", text: arrow }),
    el("span", { className: "lab-frame-time", text: time }),
    el("span", { className: "lab-frame-label", text: frame.label }),
    el("code", { className: "lab-frame-raw", text: raw }),
  ]);
}
