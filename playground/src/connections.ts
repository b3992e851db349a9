// Counts the connections this tab holds open, for the "open connections"
// meter. Browsers open only about six HTTP/1.1 connections per server and
// queue every request beyond that, so a long-poll, an SSE stream and
// Socket.IO's HTTP long-polling each keep one of the six busy. WebSockets
// have their own, much larger, limit and are counted apart.
//
// The six are shared by every tab of the browser, so the meter counts the
// whole browser: each tab reports its own numbers on a BroadcastChannel,
// and the meter sums the tabs that answered lately. A tab that stops
// answering (closed, frozen) is forgotten after a few seconds. Tabs ask one
// another every second rather than each reporting on a timer: a hidden tab's
// timers are throttled, but it still answers a message at once.

import { el, setText } from "./dom";
import { t } from "./i18n";
import { keepRunningSwitch } from "./visibility";

/** The usual HTTP/1.1 limit of connections per server in a browser. */
export const HTTP_CONNECTION_LIMIT = 6;

/** The kind of connection a holder keeps open. */
export type ConnectionKind = "http" | "websocket";

const open: Record<ConnectionKind, number> = { http: 0, websocket: 0 };
const listeners = new Set<() => void>();

function changed(): void {
  report();
  for (const listener of listeners) {
    listener();
  }
}

/** What one tab says on the channel. */
type TabMessage =
  | { type: "report"; tab: string; http: number; websocket: number }
  | { type: "ask"; tab: string }
  | { type: "gone"; tab: string };

/** A tab is forgotten when it has not answered for this long. */
const FORGET_AFTER_MS = 3500;
const ASK_EVERY_MS = 1000;

const thisTab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
/** The other tabs' latest reports, with when they came. */
const otherTabs = new Map<string, { http: number; websocket: number; at: number }>();
/** The channel, opened by the first connection or meter of this tab (a page without either takes no part). */
let channel: BroadcastChannel | null = null;

function post(message: TabMessage): void {
  channel?.postMessage(message);
}

function report(): void {
  post({ type: "report", tab: thisTab, http: open.http, websocket: open.websocket });
}

function isTabMessage(value: unknown): value is TabMessage {
  return typeof value === "object" && value !== null && "type" in value && "tab" in value && typeof value.tab === "string";
}

/** Joins the tabs' channel, once. */
function joinChannel(): void {
  if (channel || typeof BroadcastChannel !== "function") {
    return;
  }
  channel = new BroadcastChannel("realtime-lab-connections");
  channel.onmessage = (message: MessageEvent<unknown>) => {
    const data = message.data;
    if (!isTabMessage(data) || data.tab === thisTab) {
      return;
    }
    if (data.type === "ask") {
      report();
    } else if (data.type === "gone") {
      otherTabs.delete(data.tab);
      notifyMeters();
    } else if (typeof data.http === "number" && typeof data.websocket === "number") {
      otherTabs.set(data.tab, { http: data.http, websocket: data.websocket, at: Date.now() });
      notifyMeters();
    }
  };
  setInterval(() => {
    post({ type: "ask", tab: thisTab });
    report();
    forgetSilentTabs();
    notifyMeters();
  }, ASK_EVERY_MS);
  window.addEventListener("pagehide", () => post({ type: "gone", tab: thisTab }));
  post({ type: "ask", tab: thisTab });
}

function forgetSilentTabs(): void {
  const cutoff = Date.now() - FORGET_AFTER_MS;
  for (const [tab, seen] of otherTabs) {
    if (seen.at < cutoff) {
      otherTabs.delete(tab);
    }
  }
}

function notifyMeters(): void {
  for (const listener of listeners) {
    listener();
  }
}

/** The whole browser's connections to this server: every live tab's, summed. */
interface BrowserConnections {
  tabs: number;
  http: number;
  websocket: number;
  /** HTTP requests beyond the browser's limit: waiting in its queue. */
  queued: number;
}

/** Sums this tab and the tabs that answered lately. */
function browserConnections(): BrowserConnections {
  forgetSilentTabs();
  let http = open.http;
  let websocket = open.websocket;
  for (const tab of otherTabs.values()) {
    http += tab.http;
    websocket += tab.websocket;
  }
  return { tabs: otherTabs.size + 1, http, websocket, queued: Math.max(0, http - HTTP_CONNECTION_LIMIT) };
}

/**
 * Marks one connection as open; call the returned function (once) when it
 * closes. Calling it again does nothing, so it is safe in every exit path.
 */
export function holdConnection(kind: ConnectionKind): () => void {
  joinChannel();
  open[kind] += 1;
  changed();
  let released = false;
  return () => {
    if (!released) {
      released = true;
      open[kind] -= 1;
      changed();
    }
  };
}

/** A response read to the end: status, headers and body text. */
export interface FetchedText {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

/**
 * `fetch` that reads the whole body and counts as an open HTTP connection
 * until it has (the connection stays busy until the body is read).
 */
export async function fetchText(input: string, init?: RequestInit): Promise<FetchedText> {
  const release = holdConnection("http");
  try {
    const response = await fetch(input, init);
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, headers: response.headers, text };
  } finally {
    release();
  }
}

/**
 * The meter shown in the playground and under embedded panels: this tab's
 * connections, the whole browser's (every tab of this site), the requests
 * the browser queues beyond its limit and, when the limit is reached, why
 * everything stalls; with the "keep running when hidden" switch.
 */
export function connectionMeter(): HTMLElement {
  joinChannel();
  const value = (): HTMLElement => el("strong");
  const tabHttp = value();
  const tabWs = value();
  const tabs = value();
  const allHttp = value();
  const allWs = value();
  const queued = value();
  const stall = el("p", { className: "lab-meter-stall", attrs: { role: "status" } });
  const meter = el("div", { className: "lab-meter", attrs: { title: t("connections_title") } }, [
    el("p", { className: "lab-meter-line" }, [
      el("span", { text: `${t("connections")}: ` }),
      el("span", { text: `${t("http")} ` }),
      tabHttp,
      el("span", { text: ` · ${t("websockets")} ` }),
      tabWs,
    ]),
    el("p", { className: "lab-meter-line lab-meter-all" }, [
      el("span", { text: `${t("connections_all_tabs")} (` }),
      tabs,
      el("span", { text: `): ${t("http")} ` }),
      allHttp,
      el("span", { text: ` / ${HTTP_CONNECTION_LIMIT} · ${t("websockets")} ` }),
      allWs,
      el("span", { text: ` · ${t("connections_queued")} ` }),
      queued,
    ]),
    stall,
    keepRunningSwitch(),
  ]);
  let shown = false;
  const render = (): void => {
    if (!meter.isConnected && shown) {
      listeners.delete(render);
      return;
    }
    shown = shown || meter.isConnected;
    const all = browserConnections();
    setText(tabHttp, String(open.http));
    setText(tabWs, String(open.websocket));
    setText(tabs, String(all.tabs));
    setText(allHttp, String(all.http));
    setText(allWs, String(all.websocket));
    setText(queued, String(all.queued));
    meter.dataset.http = String(open.http);
    meter.dataset.websocket = String(open.websocket);
    meter.dataset.tabs = String(all.tabs);
    meter.dataset.totalHttp = String(all.http);
    meter.dataset.totalWebsocket = String(all.websocket);
    meter.dataset.queued = String(all.queued);
    meter.classList.toggle("is-warn", all.http >= HTTP_CONNECTION_LIMIT - 1);
    meter.classList.toggle("is-full", all.http >= HTTP_CONNECTION_LIMIT);
    setText(stall, all.http >= HTTP_CONNECTION_LIMIT ? t("connections_stall") : "");
  };
  listeners.add(render);
  render();
  return meter;
}
