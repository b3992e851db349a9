// `<lab-rooms>`: Socket.IO rooms, live. Three sockets (A, B, C) connect to
// the server's `/rooms` namespace with the lab's token. Each card shows the
// rooms its socket is in (the learner ticks them: `join` / `leave`, each
// acknowledged with the room's member count), the events that reached it
// and how many per room, a chat box (`say` reaches the OTHER sockets in
// `chat`; the ack says how many) and an echo button that times an
// acknowledgement's round trip. Below, a fourth socket can try any token:
// a wrong one is refused by the namespace's connect middleware, and the
// client's `connect_error` shows the server's reason.
//
// Ticks come from the same hub as every other panel: events with an even
// id go to room `tick-even`, odd ones to `tick-odd`. A socket in no room
// gets none, which is the point: the server sends to rooms, not to all.

import { io, Socket } from "socket.io-client";
import { holdConnection } from "./connections";
import { el, LiveElement, removeFallback, setText } from "./dom";
import { formatNumber, t } from "./i18n";
import { asLabEvent } from "./types";

/** The token `/rooms` expects (src/transports/rooms.rs shows it too). */
export const ROOMS_TOKEN = "open-sesame";
/** The rooms a socket may join. */
export const ROOM_NAMES = ["tick-even", "tick-odd", "chat"] as const;
type RoomName = (typeof ROOM_NAMES)[number];

/** How long to wait for an acknowledgement. */
const ACK_TIMEOUT_MS = 3000;
/** How many received events each card lists. */
const LOG_KEPT = 8;

/** An acknowledgement: `{error}` or whatever the server answered. */
type Answer = Record<string, unknown>;

function asAnswer(value: unknown): Answer {
  return typeof value === "object" && value !== null ? (value as Answer) : {};
}

/** What a `said` event carries. */
interface Said {
  room: string;
  text: string;
  from: string;
}

function asSaid(value: unknown): Said | null {
  const said = asAnswer(value);
  return typeof said.room === "string" && typeof said.text === "string" && typeof said.from === "string"
    ? { room: said.room, text: said.text, from: said.from }
    : null;
}

/** Creates a socket of its own on `/rooms` (forceNew: not shared with the others). */
function roomsSocket(token: string, name: string): Socket {
  return io("/rooms", {
    forceNew: true,
    autoConnect: false,
    reconnection: true,
    auth: { token, name },
    // WebSocket first, so three sockets do not hold three long-polls of the
    // browser's six HTTP/1.1 connections to this origin; polling if refused.
    transports: ["websocket", "polling"],
    tryAllTransports: true,
  });
}

/** Emits with an acknowledgement; resolves with the answer and its round trip. */
function ask(socket: Socket, event: string, argument: unknown): Promise<{ answer: Answer; ms: number } | { error: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (!socket.connected) {
      resolve({ error: t("not_connected") });
      return;
    }
    socket.timeout(ACK_TIMEOUT_MS).emit(event, argument, (error: Error | null, answer: unknown) => {
      const ms = performance.now() - started;
      if (error) {
        resolve({ error: t("no_ack") });
        return;
      }
      const parsed = asAnswer(answer);
      resolve(typeof parsed.error === "string" ? { error: parsed.error } : { answer: parsed, ms });
    });
  });
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** One of the three sockets and its card. */
class RoomCard {
  readonly element: HTMLElement;
  private readonly socket: Socket;
  private readonly status: HTMLElement;
  private readonly counts = new Map<RoomName, HTMLElement>();
  private readonly received = new Map<RoomName, number>();
  private readonly log: HTMLOListElement;
  private readonly result: HTMLOutputElement;
  private readonly boxes: HTMLInputElement[] = [];
  private releaseConnection: (() => void) | undefined;

  constructor(readonly name: string) {
    this.socket = roomsSocket(ROOMS_TOKEN, name);
    this.status = el("span", { className: "lab-badge", attrs: { "data-status": "connecting" }, text: t("status_connecting") });
    const roomRows = ROOM_NAMES.map((room) => {
      const box = el("input", { attrs: { type: "checkbox", "data-room": room } });
      box.addEventListener("change", () => void this.toggle(room, box));
      this.boxes.push(box);
      const count = el("span", { className: "lab-room-count", text: "0" });
      this.counts.set(room, count);
      this.received.set(room, 0);
      return el("label", { className: "lab-room" }, [box, el("code", { text: room }), count]);
    });
    this.log = el("ol", { className: "lab-room-log", attrs: { "aria-live": "off" } }, [el("li", { className: "lab-events-empty", text: t("rooms_nothing_yet") })]);
    this.result = el("output", { className: "lab-room-result", attrs: { "aria-live": "polite" } });
    const input = el("input", { className: "lab-input", attrs: { type: "text", maxlength: "500", placeholder: t("rooms_say_placeholder"), "aria-label": t("rooms_say_placeholder") } });
    const say = el("button", { className: "lab-button", text: t("rooms_say"), attrs: { type: "submit" } });
    const form = el("form", { className: "lab-room-say" }, [input, say]);
    form.addEventListener("submit", (submit) => {
      submit.preventDefault();
      void this.say(input.value).then((sent) => {
        if (sent) {
          input.value = "";
        }
      });
    });
    const echo = el("button", { className: "lab-button is-quiet", text: t("rooms_echo"), attrs: { type: "button", "data-action": "echo" } });
    echo.addEventListener("click", () => void this.echo());
    this.element = el("section", { className: "lab-room-card", attrs: { "data-socket": name } }, [
      el("header", { className: "lab-panel-head" }, [el("h4", { className: "lab-panel-title", text: `${t("rooms_socket")} ${name}` }), this.status]),
      el("fieldset", { className: "lab-room-list" }, [el("legend", { text: t("rooms_in") }), ...roomRows]),
      form,
      el("div", { className: "lab-room-actions" }, [echo, this.result]),
      this.log,
    ]);
    this.socket.on("connect", () => {
      this.showStatus("open", t("status_open"));
      // A reconnected socket is a new socket on the server: in no room.
      for (const box of this.boxes) {
        if (box.checked) {
          void this.toggle(box.dataset.room as RoomName, box);
        }
      }
    });
    this.socket.on("disconnect", () => this.showStatus("reconnecting", t("status_reconnecting")));
    this.socket.on("connect_error", (error: Error) => this.showStatus("closed", error.message));
    this.socket.on("tick", (value: unknown) => {
      const event = asLabEvent(value);
      if (event) {
        const room: RoomName = event.id % 2 === 0 ? "tick-even" : "tick-odd";
        this.count(room);
        this.addLine(`#${event.id}`, room, "text" in event.data ? event.data.text : t("rooms_tick"));
      }
    });
    this.socket.on("said", (value: unknown) => {
      const said = asSaid(value);
      if (said) {
        this.count("chat");
        this.addLine(said.from, said.room, said.text);
      }
    });
  }

  start(): void {
    this.releaseConnection ??= holdConnection("websocket");
    this.socket.connect();
  }

  stop(): void {
    this.socket.disconnect();
    this.releaseConnection?.();
    this.releaseConnection = undefined;
  }

  private async toggle(room: RoomName, box: HTMLInputElement): Promise<void> {
    const reply = await ask(this.socket, box.checked ? "join" : "leave", room);
    if ("error" in reply) {
      this.show(reply.error, "error");
      box.checked = !box.checked;
      return;
    }
    const members = typeof reply.answer.members === "number" ? reply.answer.members : 0;
    this.show(`${box.checked ? t("rooms_joined") : t("rooms_left")} ${room}: ${formatNumber(members)} ${t("rooms_members")} · ${t("rooms_ack_in")} ${formatMs(reply.ms)}`);
  }

  private async say(text: string): Promise<boolean> {
    if (text.trim() === "") {
      return false;
    }
    const reply = await ask(this.socket, "say", { room: "chat", text });
    if ("error" in reply) {
      this.show(reply.error, "error");
      return false;
    }
    const delivered = typeof reply.answer.delivered === "number" ? reply.answer.delivered : 0;
    this.show(`${t("rooms_reached")} ${formatNumber(delivered)} ${t(delivered === 1 ? "rooms_sockets_one" : "rooms_sockets")} · ${t("rooms_ack_in")} ${formatMs(reply.ms)}`);
    return true;
  }

  private async echo(): Promise<void> {
    const reply = await ask(this.socket, "echo", { sent: Date.now() });
    if ("error" in reply) {
      this.show(reply.error, "error");
    } else {
      this.show(`${t("rooms_echo_rtt")} ${formatMs(reply.ms)}`);
    }
  }

  private count(room: RoomName): void {
    const total = (this.received.get(room) ?? 0) + 1;
    this.received.set(room, total);
    const node = this.counts.get(room);
    if (node) {
      setText(node, formatNumber(total));
    }
  }

  private addLine(who: string, room: string, text: string): void {
    this.log.querySelector(".lab-events-empty")?.remove();
    const line = el("li", { className: "lab-room-line", attrs: { "data-room": room } }, [
      el("span", { className: "lab-event-id", text: who }),
      el("code", { text: room }),
      el("span", { className: "lab-event-text", text }),
    ]);
    this.log.prepend(line);
    while (this.log.children.length > LOG_KEPT) {
      this.log.lastElementChild?.remove();
    }
  }

  private show(text: string, tone: "ok" | "error" = "ok"): void {
    this.result.textContent = text;
    this.result.dataset.tone = tone;
  }

  private showStatus(status: string, text: string): void {
    this.status.dataset.status = status;
    this.status.textContent = text;
    this.element.dataset.status = status;
  }
}

/** The fourth socket: connects with whatever token the learner typed. */
function tokenTrial(): { element: HTMLElement; stop: () => void } {
  let socket: Socket | undefined;
  const token = el("input", { className: "lab-input", attrs: { type: "text", value: "wrong-token", "aria-label": t("rooms_token"), "data-field": "token" } });
  const outcome = el("output", { className: "lab-room-result", attrs: { "aria-live": "polite", "data-outcome": "" } });
  const button = el("button", { className: "lab-button", text: t("rooms_try_token"), attrs: { type: "submit" } });
  const form = el("form", { className: "lab-room-token" }, [
    el("label", {}, [el("span", { text: `${t("rooms_token")} ` }), token]),
    button,
    el("small", { text: `${t("rooms_token_hint")} ${ROOMS_TOKEN}` }),
    outcome,
  ]);
  const stop = (): void => {
    socket?.disconnect();
    socket = undefined;
  };
  form.addEventListener("submit", (submit) => {
    submit.preventDefault();
    stop();
    outcome.textContent = t("status_connecting");
    outcome.dataset.outcome = "";
    const trial = roomsSocket(token.value, "D");
    trial.io.opts.reconnection = false;
    socket = trial;
    trial.on("connect", () => {
      outcome.textContent = `${t("rooms_accepted")} (sid ${trial.id ?? "?"})`;
      outcome.dataset.outcome = "accepted";
      outcome.dataset.tone = "ok";
    });
    trial.on("connect_error", (error: Error) => {
      outcome.textContent = `connect_error: ${error.message}`;
      outcome.dataset.outcome = "refused";
      outcome.dataset.tone = "error";
    });
    trial.connect();
  });
  return { element: el("div", { className: "lab-room-auth" }, [el("h4", { text: t("rooms_auth_title") }), form]), stop };
}

/** The `<lab-rooms>` custom element. */
export class LabRoomsElement extends LiveElement {
  protected mount(): (() => void) | undefined {
    removeFallback(this);
    const cards = ["A", "B", "C"].map((name) => new RoomCard(name));
    const trial = tokenTrial();
    const root = el("div", { className: "lab-embed lab-rooms" }, [
      el("p", { className: "lab-rooms-intro", text: t("rooms_intro") }),
      el("div", { className: "lab-rooms-grid" }, cards.map((card) => card.element)),
      trial.element,
    ]);
    this.append(root);
    for (const card of cards) {
      card.start();
    }
    return () => {
      for (const card of cards) {
        card.stop();
      }
      trial.stop();
      root.remove();
    };
  }
}
