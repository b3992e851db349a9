// Server-Sent Events: one long HTTP response that never ends; the server
// writes `id: N` / `data: {…}` blocks into it as events happen. The
// browser's EventSource parses the stream and, when it breaks, reconnects by
// itself, sending the last id it saw in the `Last-Event-ID` header. Only
// when the server refuses outright (EventSource gives up: readyState
// CLOSED) does the panel open a new one with `?since=`.
//
// When the cursor is ahead of the server's log, the stream starts with an
// event named `reset` (no `id:`), then replays the log from its oldest
// event. A named event does not reach `onmessage`: the panel listens for it
// apart. Until the replay's first `id:` line, EventSource keeps the old
// Last-Event-ID, so a reconnection just then meets one more `reset`.
//
// EventSource hides the raw stream, so the wire bytes are rebuilt: the
// `id:`/`data:` lines of each event plus an estimate of the response head.

import { holdConnection } from "./connections";
import { publishOverHttp } from "./http";
import { t } from "./i18n";
import { recentFault } from "./lab_api";
import { Panel } from "./panel";
import { asLabEvent, asResetNotice, asSkipNotice, parseJson, PublishResult, utf8Length } from "./types";

/**
 * Estimated bytes of an SSE response head (status line, content-type,
 * cache-control, transfer-encoding, date): EventSource does not show it.
 */
const ESTIMATED_SSE_HEAD_BYTES = 150;

/** The Server-Sent Events panel. */
export class SsePanel extends Panel {
  private source: EventSource | undefined;
  private releaseConnection: (() => void) | undefined;

  constructor() {
    super("sse");
  }

  publish(text: string): Promise<PublishResult> {
    return publishOverHttp(text, "sse");
  }

  protected connect(session: number): void {
    const url = `/api/sse?since=${this.cursor}`;
    const source = new EventSource(url);
    this.source = source;
    this.releaseConnection = holdConnection("http");
    this.countRequest();
    this.beginHandshake(2);
    this.frame({ direction: "out", raw: `GET ${url}`, label: "GET", kind: "http-request" });
    source.onopen = () => {
      if (!this.isCurrent(session)) {
        return;
      }
      this.connected();
      this.stats.countBytes(ESTIMATED_SSE_HEAD_BYTES, 0);
      this.frame({ direction: "in", raw: "200 text/event-stream", label: "open", kind: "http-response", status: 200 });
    };
    source.onmessage = (message: MessageEvent<string>) => {
      if (!this.isCurrent(session)) {
        return;
      }
      const event = asLabEvent(parseJson(message.data));
      const block = `id: ${message.lastEventId}\ndata: ${message.data}\n\n`;
      this.frame({ direction: "in", raw: block, label: event ? `event #${event.id}` : "data", kind: "sse" });
      this.countBytes(utf8Length(block), event ? [event] : []);
      if (event) {
        this.deliver(event);
      }
    };
    // The server's notices are SSE events with a name, which `onmessage`
    // never sees: each gets a listener of its own.
    const onNotice = <T>(name: string, read: (value: unknown) => T | null, handle: (notice: T) => void): void => {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        if (!this.isCurrent(session)) {
          return;
        }
        const block = `event: ${name}\ndata: ${message.data}\n\n`;
        this.frame({ direction: "in", raw: block, label: name, kind: "sse" });
        this.countBytes(utf8Length(block), []);
        const notice = read(parseJson(message.data));
        if (notice) {
          handle(notice);
        }
      });
    };
    onNotice("reset", asResetNotice, (notice) => this.startOver(notice));
    onNotice("skipped", asSkipNotice, (notice) => this.fellBehind(notice));
    source.onerror = () => {
      if (!this.isCurrent(session)) {
        return;
      }
      if (source.readyState === EventSource.CLOSED) {
        this.close();
        this.frame({ direction: "note", raw: "EventSource.CLOSED", label: t("status_closed"), kind: "note" });
        this.failed(session, this.labReason(t("sse_refused")), () => this.connect(session));
        return;
      }
      // EventSource retries by itself and sends Last-Event-ID. The stream
      // ended: the lab dropped it if this page just asked for that,
      // otherwise the server (or the network) closed it.
      this.frame({ direction: "note", raw: `Last-Event-ID: ${this.cursor}`, label: t("status_reconnecting"), kind: "note" });
      this.countRequest();
      const fault = recentFault("sse");
      const ended = fault === "drop" ? t("sse_dropped_by_lab") : fault === "restart" ? t("lab_restarted") : t("sse_stream_ended");
      this.lostConnection(`${ended}: ${t("sse_browser_retries")}`);
    };
  }

  protected disconnect(): void {
    this.close();
  }

  private close(): void {
    this.source?.close();
    this.source = undefined;
    this.releaseConnection?.();
    this.releaseConnection = undefined;
  }
}
