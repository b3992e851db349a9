// A raw WebSocket: one HTTP request that upgrades into a two-way channel of
// frames. Events arrive as text frames with a few bytes of framing each; a
// publish goes up the same socket as `{"type":"publish","ref":n,"text":…}`
// and the server answers `{"ack":n,"id":…}`. The browser API offers no
// reconnection, no acknowledgements and no resume: this panel does all
// three itself (reconnect with `?since=`, a `ref` per publish).
//
// A text frame is one of three things, told apart by a field: `kind` (an
// event), `ack` (a publish's answer) or `reset` (the cursor was ahead of
// the server's log; the replay from its oldest event follows).

import { holdConnection } from "./connections";
import { t } from "./i18n";
import { fetchLab } from "./lab_api";
import { Panel } from "./panel";
import {
  asLabEvent,
  asResetNotice,
  asSkipNotice,
  asWebSocketAck,
  parseJson,
  publishResult,
  PublishResult,
  utf8Length,
} from "./types";

/** How long a publish waits for its ack. */
const ACK_TIMEOUT_MS = 5000;

/** Bytes of a server→client frame header (unmasked) carrying `length` bytes. */
function frameHeaderBytes(length: number): number {
  if (length < 126) {
    return 2;
  }
  return length < 65_536 ? 4 : 10;
}

/** Bytes of the `101 Switching Protocols` answer, which the browser hides. */
const UPGRADE_RESPONSE_BYTES = utf8Length(
  "HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\nsec-websocket-accept: 0000000000000000000000000000\r\n\r\n",
);

/** The WebSocket URL for a path on this page's server. */
/** A WebSocket URL for `path` on this page's server. */
export function socketUrl(path: string): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${path}`;
}

/** The raw WebSocket panel. */
export class WebSocketPanel extends Panel {
  private socket: WebSocket | undefined;
  private releaseConnection: (() => void) | undefined;
  private nextRef = 1;
  private waitingAcks = new Map<number, (result: PublishResult) => void>();

  constructor() {
    super("websocket");
  }

  publish(text: string): Promise<PublishResult> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.resolve({ error: t("not_connected") });
    }
    const ref = this.nextRef++;
    const frame = JSON.stringify({ type: "publish", ref, text });
    socket.send(frame);
    this.frame({ direction: "out", raw: frame, label: "publish", kind: "ws" });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waitingAcks.delete(ref);
        resolve({ error: t("no_ack") });
      }, ACK_TIMEOUT_MS);
      this.waitingAcks.set(ref, (result) => {
        clearTimeout(timer);
        this.waitingAcks.delete(ref);
        resolve(result);
      });
    });
  }

  protected connect(session: number): void {
    const path = `/ws?since=${this.cursor}`;
    const socket = new WebSocket(socketUrl(path));
    this.socket = socket;
    this.releaseConnection = holdConnection("websocket");
    this.countRequest();
    this.beginHandshake(2);
    this.frame({ direction: "out", raw: `GET ${path} (Upgrade: websocket)`, label: "upgrade", kind: "http-request" });
    socket.onopen = () => {
      if (!this.isCurrent(session)) {
        return;
      }
      this.connected();
      this.stats.countBytes(UPGRADE_RESPONSE_BYTES, 0);
      this.frame({ direction: "in", raw: "101 Switching Protocols", label: "open", kind: "http-response", status: 101 });
    };
    socket.onmessage = (message: MessageEvent) => {
      if (!this.isCurrent(session) || typeof message.data !== "string") {
        return;
      }
      this.receive(message.data);
    };
    socket.onclose = (close: CloseEvent) => {
      this.release(socket);
      if (!this.isCurrent(session)) {
        return;
      }
      this.frame({ direction: "note", raw: `close ${close.code} ${close.reason}`.trim(), label: t("status_closed"), kind: "note" });
      void this.closeReason(close).then((reason) => this.failed(session, reason, () => this.connect(session)));
    };
  }

  /**
   * Why the socket closed, as specifically as can be told. A refused
   * upgrade (the lab's `403`) reaches a browser WebSocket only as close code
   * 1006 with no reason, so the lab's snapshot says whether it blocks
   * upgrades; 1012 is the lab's drop or restart (README: the wire contract).
   */
  private async closeReason(close: CloseEvent): Promise<string> {
    const code = close.code;
    const why = close.reason ? `: ${close.reason}` : "";
    switch (code) {
      case 1012:
        return this.labReason(`${t("ws_closed_by_lab")} (${code})`);
      case 1001:
        return `${t("ws_closed_shutdown")} (${code})`;
      case 1013:
        return `${t("ws_closed_busy")} (${code}${why})`;
      case 1009:
        return `${t("ws_closed_too_big")} (${code})`;
      case 1006: {
        const snapshot = await fetchLab();
        if (snapshot?.block_upgrades) {
          return t("upgrade_refused_by_lab");
        }
        return `${t("ws_closed_abnormal")} (${code})`;
      }
      default:
        return `${t("websocket_closed")} (${code}${why})`;
    }
  }

  protected disconnect(): void {
    const socket = this.socket;
    if (socket) {
      socket.onclose = null;
      socket.close();
      this.release(socket);
    }
  }

  private receive(text: string): void {
    const wireBytes = frameHeaderBytes(utf8Length(text)) + utf8Length(text);
    const value = parseJson(text);
    const event = asLabEvent(value);
    if (event) {
      this.frame({ direction: "in", raw: text, label: `event #${event.id}`, kind: "ws" });
      this.countBytes(wireBytes, [event]);
      this.deliver(event);
      return;
    }
    this.countBytes(wireBytes, []);
    const notice = asResetNotice(value);
    if (notice) {
      this.frame({ direction: "in", raw: text, label: "reset", kind: "ws" });
      this.startOver(notice);
      return;
    }
    const skipped = asSkipNotice(value);
    if (skipped) {
      this.frame({ direction: "in", raw: text, label: "skipped", kind: "ws" });
      this.fellBehind(skipped);
      return;
    }
    const ack = asWebSocketAck(value);
    if (ack) {
      this.frame({ direction: "in", raw: text, label: "ack", kind: "ws" });
      const waiting = ack.ack === null ? undefined : this.waitingAcks.get(ack.ack);
      waiting?.(publishResult(ack));
      return;
    }
    this.frame({ direction: "in", raw: text, label: "?", kind: "ws" });
  }

  private release(socket: WebSocket): void {
    if (socket === this.socket) {
      this.socket = undefined;
      this.releaseConnection?.();
      this.releaseConnection = undefined;
    }
  }
}
