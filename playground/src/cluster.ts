// `<lab-cluster>`: several instances of this server on one Redis, live.
// `GET /api/cluster` lists the instances that share this one's Redis; the
// view gives each a card with a raw WebSocket client connected to THAT
// instance (WebSockets may cross origins; this server does not check
// Origin, chapter 6 explains why a production one should). Publishing on
// one card shows the same event, same id, on every card: one log. When an
// instance goes away, its card's client moves to a live instance with its
// cursor (`/ws?since=N`) and says how many events it missed: none, while
// they are still in the ring.
//
// Alone (no `--redis`), the view says how to start a cluster.

import { el, LiveElement, removeFallback, setText } from "./dom";
import { t } from "./i18n";
import { fetchLab } from "./lab_api";
import { asLabEvent } from "./types";

/** How often the instance list is refreshed. */
const REFRESH_MS = 2000;
/** How many event ids a card lists. */
const SHOWN = 10;

interface ClusterInstance {
  url: string;
  here: boolean;
}

interface ClusterAnswer {
  redis: string | null;
  instances: ClusterInstance[];
}

async function fetchCluster(): Promise<ClusterAnswer | null> {
  try {
    const answer = await fetch("/api/cluster", { cache: "no-store" });
    if (!answer.ok) {
      return null;
    }
    const body = (await answer.json()) as Partial<ClusterAnswer>;
    const instances = Array.isArray(body.instances)
      ? body.instances.filter((item): item is ClusterInstance => typeof item?.url === "string").map((item) => ({ url: item.url, here: item.here === true }))
      : [];
    return { redis: typeof body.redis === "string" ? body.redis : null, instances };
  } catch {
    return null;
  }
}

function wsUrl(base: string, since: number): string {
  return `${base.replace(/^http/, "ws")}/ws?since=${since}`;
}

/** One client, first connected to `home`, and its card. */
class ClusterCard {
  readonly element: HTMLElement;
  /** The instance the client is connected to now. */
  connectedTo: string;
  private socket: WebSocket | undefined;
  private cursor = 0;
  private received = 0;
  private missed = 0;
  private readonly ids: number[] = [];
  private readonly status: HTMLElement;
  private readonly where: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly note: HTMLElement;
  private stopped = false;

  constructor(
    readonly home: string,
    private readonly pickAnother: (avoid: string) => string | null,
  ) {
    this.connectedTo = home;
    this.status = el("span", { className: "lab-badge", attrs: { "data-status": "connecting" }, text: t("status_connecting") });
    this.where = el("code", { text: home });
    this.counts = el("p", { className: "lab-cluster-counts" });
    this.list = el("ol", { className: "lab-cluster-ids" });
    this.note = el("p", { className: "lab-note" });
    const input = el("input", { className: "lab-input", attrs: { type: "text", maxlength: "200", placeholder: t("cluster_publish_placeholder"), "aria-label": t("cluster_publish_placeholder") } });
    const form = el("form", { className: "lab-room-say" }, [input, el("button", { className: "lab-button", text: t("publish"), attrs: { type: "submit" } })]);
    form.addEventListener("submit", (submit) => {
      submit.preventDefault();
      if (input.value.trim() !== "") {
        this.publish(input.value);
        input.value = "";
      }
    });
    this.element = el("section", { className: "lab-room-card lab-cluster-card", attrs: { "data-instance": home } }, [
      el("header", { className: "lab-panel-head" }, [el("h4", { className: "lab-panel-title", text: home.replace(/^https?:\/\//, "") }), this.status]),
      el("p", { className: "lab-cluster-where" }, [el("span", { text: `${t("cluster_connected_to")} ` }), this.where]),
      this.counts,
      this.note,
      form,
      this.list,
    ]);
    this.showCounts();
  }

  start(since: number): void {
    this.cursor = since;
    this.open(this.connectedTo);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }

  private open(base: string): void {
    if (this.stopped) {
      return;
    }
    this.connectedTo = base;
    this.element.dataset.connectedTo = base;
    setText(this.where, base.replace(/^https?:\/\//, ""));
    const socket = new WebSocket(wsUrl(base, this.cursor));
    this.socket = socket;
    socket.addEventListener("open", () => this.showStatus("open", t("status_open")));
    socket.addEventListener("message", (message) => this.receive(String(message.data)));
    socket.addEventListener("close", () => {
      if (this.stopped || this.socket !== socket) {
        return;
      }
      this.showStatus("reconnecting", t("status_reconnecting"));
      // Its instance may be gone: move to another one, with the cursor.
      setTimeout(() => {
        const next = this.pickAnother(base) ?? base;
        if (next !== base) {
          setText(this.note, `${t("cluster_moved")} ${next.replace(/^https?:\/\//, "")} · ${t("cluster_resumed_after")} #${this.cursor}`);
          this.element.dataset.moved = "true";
        }
        this.open(next);
      }, 500);
    });
  }

  private receive(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return;
    }
    const event = asLabEvent(value);
    if (!event) {
      return;
    }
    if (event.id <= this.cursor) {
      return; // seen already
    }
    if (this.received > 0 && event.id > this.cursor + 1) {
      this.missed += event.id - this.cursor - 1;
    }
    this.cursor = event.id;
    this.received += 1;
    this.ids.unshift(event.id);
    this.ids.splice(SHOWN);
    this.list.replaceChildren(...this.ids.map((id) => el("li", { attrs: { "data-event-id": String(id) }, text: `#${id}` })));
    this.showCounts();
  }

  private publish(text: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: "publish", ref: Date.now(), text }));
    }
  }

  private showCounts(): void {
    this.element.dataset.received = String(this.received);
    this.element.dataset.missed = String(this.missed);
    setText(this.counts, `${t("events")}: ${this.received} · ${t("missed")}: ${this.missed} · ${t("cluster_cursor")}: #${this.cursor}`);
  }

  private showStatus(status: string, text: string): void {
    this.status.dataset.status = status;
    this.status.textContent = text;
    this.element.dataset.status = status;
  }
}

/** The `<lab-cluster>` custom element. */
export class LabClusterElement extends LiveElement {
  protected mount(): (() => void) | undefined {
    removeFallback(this);
    const summary = el("p", { className: "lab-cluster-summary", text: "…" });
    const grid = el("div", { className: "lab-rooms-grid lab-cluster-grid" });
    const root = el("div", { className: "lab-embed lab-cluster" }, [summary, grid]);
    this.append(root);
    const cards = new Map<string, ClusterCard>();
    let live: string[] = [];
    const pickAnother = (avoid: string): string | null => live.find((url) => url !== avoid) ?? null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const refresh = async (): Promise<void> => {
      const answer = await fetchCluster();
      if (stopped) {
        return;
      }
      if (answer && answer.redis === null) {
        setText(summary, t("cluster_alone"));
        root.dataset.state = "alone";
      } else if (answer) {
        live = answer.instances.map((instance) => instance.url);
        setText(summary, `${t("cluster_summary")} ${answer.redis ?? ""}: ${answer.instances.length}`);
        root.dataset.state = "cluster";
        root.dataset.instances = String(answer.instances.length);
        const fresh = answer.instances.filter((instance) => !cards.has(instance.url));
        // New clients start from the newest event, asked once per refresh that adds cards.
        const since = fresh.length === 0 ? 0 : (await fetchLab())?.last_id ?? 0;
        for (const instance of fresh) {
          const card = new ClusterCard(instance.url, pickAnother);
          cards.set(instance.url, card);
          grid.append(card.element);
          card.start(since);
        }
      }
      timer = setTimeout(() => void refresh(), REFRESH_MS);
    };
    void refresh();
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const card of cards.values()) {
        card.stop();
      }
      root.remove();
    };
  }
}
