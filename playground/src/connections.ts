// Counts the connections this tab holds open, for the "open connections"
// meter. Browsers open only about six HTTP/1.1 connections per server and
// queue every request beyond that, so a long-poll, an SSE stream and
// Socket.IO's HTTP long-polling each keep one of the six busy. WebSockets
// have their own, much larger, limit and are counted apart.

import { el, setText } from "./dom";
import { t } from "./i18n";

/** The usual HTTP/1.1 limit of connections per server in a browser. */
export const HTTP_CONNECTION_LIMIT = 6;

/** The kind of connection a holder keeps open. */
export type ConnectionKind = "http" | "websocket";

const open: Record<ConnectionKind, number> = { http: 0, websocket: 0 };
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) {
    listener();
  }
}

/**
 * Marks one connection as open; call the returned function (once) when it
 * closes. Calling it again does nothing, so it is safe in every exit path.
 */
export function holdConnection(kind: ConnectionKind): () => void {
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

/** The meter shown in the playground and under embedded panels. */
export function connectionMeter(): HTMLElement {
  const httpValue = el("strong");
  const wsValue = el("strong");
  const meter = el("p", { className: "lab-meter", attrs: { title: t("connections_title") } }, [
    el("span", { text: `${t("connections")}: ` }),
    el("span", { text: `${t("http")} ` }),
    httpValue,
    el("span", { text: ` / ${HTTP_CONNECTION_LIMIT} · ${t("websockets")} ` }),
    wsValue,
  ]);
  let shown = false;
  const render = (): void => {
    if (!meter.isConnected && shown) {
      listeners.delete(render);
      return;
    }
    shown = shown || meter.isConnected;
    setText(httpValue, String(open.http));
    setText(wsValue, String(open.websocket));
    meter.dataset.http = String(open.http);
    meter.classList.toggle("is-warn", open.http >= HTTP_CONNECTION_LIMIT - 1);
    meter.classList.toggle("is-full", open.http >= HTTP_CONNECTION_LIMIT);
  };
  listeners.add(render);
  render();
  return meter;
}
