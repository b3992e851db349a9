// Socket.IO: a library on top of Engine.IO that starts on HTTP long-polling
// (it works through any proxy), then probes a WebSocket (`2probe`/`3probe`)
// and upgrades (`5`) when it can. It adds what a raw WebSocket lacks:
// automatic reconnection, heartbeats (`2`/`3`), namespaces (`/lab`), named
// events and acknowledgements. The panel's `auth` is a function, so every
// reconnection sends the current cursor and the server replays what was
// missed; when that cursor is ahead of the server's log, the server emits
// `reset` first and replays the log from its oldest event.
//
// Who reconnects depends on how the socket was lost. When the connection
// itself breaks ("transport close": the server process stopped; or "ping
// timeout"), the library retries by itself and the panel only shows it.
// When the server disconnects the socket on purpose ("io server disconnect":
// the lab's drop and restart faults), the library does not retry: the panel
// reconnects it. `socket.active` tells the two apart, and the panel
// reconnects only a socket that is not active, so never twice.
//
// The client library decodes packets before handing them over; the panel
// listens on the Engine.IO socket (`packet`, `packetCreate`) and rebuilds the
// raw text for the wire inspector.

import { io, Socket } from "socket.io-client";
import { holdConnection } from "./connections";
import { decodePacket, rawPacket } from "./engine_io";
import { t } from "./i18n";
import { fetchLab } from "./lab_api";
import { Panel } from "./panel";
import { asLabEvent, asPublishAck, asResetNotice, asSkipNotice, publishResult, PublishResult, utf8Length } from "./types";

type Engine = Socket["io"]["engine"];
type EngineTransport = Engine["transport"];

const ACK_TIMEOUT_MS = 5000;
/** Estimated response head of one Engine.IO polling request (hidden by the library). */
const ESTIMATED_POLL_HEAD_BYTES = 150;

/** The Socket.IO panel. */
export class SocketIoPanel extends Panel {
  private socket: Socket | undefined;
  private readonly engineBadge: HTMLElement;
  private hookedEngines = new WeakSet<Engine>();
  private releaseConnection: (() => void) | undefined;

  constructor() {
    super("socketio");
    this.engineBadge = this.view.addBadge("lab-engine-badge");
    this.engineBadge.hidden = true;
  }

  publish(text: string): Promise<PublishResult> {
    const socket = this.socket;
    if (!socket || !socket.connected) {
      return Promise.resolve({ error: t("not_connected") });
    }
    return new Promise((resolve) => {
      // With `timeout`, the only error the callback gets is "no ack in time".
      socket.timeout(ACK_TIMEOUT_MS).emit("publish", { text }, (error: Error | null, answer: unknown) => {
        resolve(error ? { error: t("no_ack") } : publishResult(asPublishAck(answer)));
      });
    });
  }

  protected connect(): void {
    const socket = this.socket ?? this.createSocket();
    socket.connect();
    this.hookEngine(socket.io.engine);
  }

  protected disconnect(): void {
    this.socket?.disconnect();
    this.setEngineTransport(null);
  }

  private createSocket(): Socket {
    const socket = io("/lab", {
      forceNew: true,
      autoConnect: false,
      auth: (send: (data: object) => void) => send({ since: this.cursor }),
    });
    this.socket = socket;
    socket.on("connect", () => this.connected());
    socket.on("event", (value: unknown) => {
      const event = asLabEvent(value);
      if (event) {
        this.deliver(event);
      }
    });
    socket.on("reset", (value: unknown) => {
      const notice = asResetNotice(value);
      if (notice) {
        this.startOver(notice);
      }
    });
    socket.on("skipped", (value: unknown) => {
      const notice = asSkipNotice(value);
      if (notice) {
        this.fellBehind(notice);
      }
    });
    socket.on("connect_error", (error: Error) => {
      if (socket.active) {
        this.lostConnection(error.message);
      } else {
        this.failed(this.session, error.message, () => this.reconnect(socket));
      }
    });
    socket.on("disconnect", (reason: string) => {
      if (reason === "io client disconnect") {
        // The panel closed it (a pause, or the panel left the page).
        return;
      }
      if (socket.active) {
        // "transport close", "ping timeout", ...: the library retries by itself.
        const label = t("socketio_connection_lost");
        this.frame({ direction: "note", raw: reason, label, kind: "note" });
        this.lostConnection(`${label} (${reason}): ${t("socketio_client_retries")}`);
      } else {
        // "io server disconnect": the library will not retry, the panel does.
        const label = t("socketio_server_disconnect");
        this.frame({ direction: "note", raw: reason, label, kind: "note" });
        this.failed(this.session, this.labReason(`${label} (${reason}): ${t("socketio_panel_reconnects")}`), () => this.reconnect(socket));
      }
    });
    // The manager builds a new Engine.IO socket for every reconnection
    // attempt, synchronously after this event: hook it before any packet.
    socket.io.on("reconnect_attempt", () => queueMicrotask(() => this.hookEngine(socket.io.engine)));
    return socket;
  }

  /** Reconnects a socket the library gave up on; an active one is already retrying. */
  private reconnect(socket: Socket): void {
    if (socket.active) {
      return;
    }
    socket.connect();
    this.hookEngine(socket.io.engine);
  }

  private hookEngine(engine: Engine | undefined): void {
    if (!engine || this.hookedEngines.has(engine)) {
      return;
    }
    this.hookedEngines.add(engine);
    // The handshake: the request that opens the Engine.IO session and its
    // `0` (open), the namespace's `40` both ways, then the probe and the
    // upgrade (`2probe`, `3probe`, `5`).
    this.beginHandshake(7);
    this.setEngineTransport(engine.transport);
    // The handshake request was sent while the engine was being built.
    this.countRequest();
    const first = engine.transport?.name === "websocket" ? "websocket" : "polling";
    this.frame({ direction: "out", raw: `GET /socket.io/?EIO=4&transport=${first}`, label: "handshake", kind: "http-request" });
    engine.on("packet", (packet) => this.onPacket(engine, rawPacket(packet), "in"));
    engine.on("packetCreate", (packet) => this.onPacket(engine, rawPacket(packet), "out"));
    engine.on("upgrading", () => {
      this.frame({ direction: "out", raw: "2probe", label: decodePacket("2probe").label, kind: "eio-ws" });
      this.frame({ direction: "in", raw: "3probe", label: decodePacket("3probe").label, kind: "eio-ws" });
    });
    engine.on("upgrade", (transport) => {
      this.countRequest();
      this.frame({ direction: "out", raw: "5", label: decodePacket("5").label, kind: "eio-ws" });
      this.setEngineTransport(transport);
    });
    engine.on("upgradeError", (error) => {
      this.countRequest();
      // The browser hides the 403 and its JSON body: the lab's snapshot says why.
      void fetchLab().then((snapshot) => {
        const label = snapshot?.block_upgrades ? t("upgrade_refused_by_lab_socketio") : t("upgrade_refused");
        this.frame({ direction: "note", raw: error.message, label, kind: "note" });
      });
    });
    engine.on("close", () => {
      if (this.socket?.io.engine === engine) {
        this.setEngineTransport(null);
      }
    });
  }

  /** Shows the engine's current transport and counts the connection it holds. */
  private setEngineTransport(transport: EngineTransport | null): void {
    this.releaseConnection?.();
    this.releaseConnection = undefined;
    const name = transport?.name ?? "";
    if (name === "polling" || name === "websocket") {
      this.releaseConnection = holdConnection(name === "polling" ? "http" : "websocket");
      this.element.dataset.engineTransport = name;
      this.engineBadge.textContent = name;
      this.engineBadge.dataset.engine = name;
      this.engineBadge.title = t(name === "polling" ? "legend_engine_polling" : "legend_engine_websocket");
      this.engineBadge.hidden = false;
    } else {
      delete this.element.dataset.engineTransport;
      this.engineBadge.hidden = true;
    }
    if (transport && name === "polling") {
      transport.on("poll", () => {
        this.countRequest();
        this.frame({ direction: "out", raw: "GET /socket.io/?EIO=4&transport=polling", label: "poll", kind: "http-request" });
      });
      transport.on("pollComplete", () => this.stats.countBytes(ESTIMATED_POLL_HEAD_BYTES, 0));
      transport.on("drain", () => this.countRequest());
    }
  }

  private onPacket(engine: Engine, raw: string, direction: "in" | "out"): void {
    const decoded = decodePacket(raw);
    const event = decoded.eventName === "event" ? asLabEvent(decoded.firstArgument) : null;
    const kind = engine.transport?.name === "websocket" ? "eio-ws" : "eio-polling";
    this.frame({ direction, raw, label: event ? `${decoded.label} #${event.id}` : decoded.label, kind });
    if (direction === "out") {
      return;
    }
    // Polling joins packets with a 0x1e separator; a WebSocket frame has a 2–4 byte header.
    const framing = engine.transport?.name === "websocket" ? (raw.length < 126 ? 2 : 4) : 1;
    this.stats.countBytes(utf8Length(raw) + framing, event ? utf8Length(JSON.stringify(event)) : 0);
    this.view.scheduleDraw();
  }
}
