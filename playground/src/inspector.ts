// The wide wire inspector: a drawer that opens from a panel's inspector and
// shows that panel's traffic with room to read it. The handshake stays
// pinned at the top (a connection's first frames say how it was set up; at
// 50 events a second they would scroll away in a moment), a sequence
// diagram draws the exchange, and every row is split into its parts —
// Engine.IO type, Socket.IO type, namespace, ack id, payload; method, path,
// query; status and body. Filters hide the heartbeats and the ticker's
// events; Pause freezes the view while the panel keeps counting.
//
// One drawer per page, on `document.body`: the panels' container is a CSS
// container, which would trap a fixed-position child inside it.

import { el, setText } from "./dom";
import { frameParts, isHeartbeat, isTick } from "./frame_parts";
import { t } from "./i18n";
import { frameTime, PanelView, TimedFrame, transportTitle } from "./panel_view";
import { sequenceDiagram } from "./sequence";

/** Rows the drawer lists below the handshake. */
const SHOWN_ROWS = 150;
const MAX_RAW_SHOWN = 4000;

/** The open drawer, if any. */
let current: Drawer | undefined;

/** Opens the wide inspector on a panel's traffic (closing any other). */
export function openInspector(view: PanelView): void {
  current?.close();
  current = new Drawer(view);
}

/** Closes the wide inspector if it shows this panel (the panel left the page). */
export function closeInspectorOf(view: PanelView): void {
  if (current?.view === view) {
    current.close();
  }
}

class Drawer {
  private readonly root: HTMLElement;
  private readonly hideHeartbeats: HTMLInputElement;
  private readonly hideTicks: HTMLInputElement;
  private readonly pauseButton: HTMLButtonElement;
  private readonly count: HTMLElement;
  private readonly diagram: HTMLElement;
  private readonly pinned: HTMLOListElement;
  private readonly latest: HTMLOListElement;
  private readonly unsubscribe: () => void;
  private readonly onKey = (key: KeyboardEvent): void => {
    if (key.key === "Escape") {
      this.close();
    }
  };
  private paused = false;
  /** Rows seen when the view last drew: what Pause holds back is counted from here. */
  private shownTotal = 0;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly view: PanelView) {
    const checkbox = (filter: string): HTMLInputElement => {
      const input = el("input", { attrs: { type: "checkbox", "data-filter": filter } });
      input.addEventListener("change", () => this.render());
      return input;
    };
    this.hideHeartbeats = checkbox("heartbeats");
    this.hideTicks = checkbox("ticks");
    this.pauseButton = el("button", { className: "lab-button is-quiet", text: t("inspector_pause"), attrs: { type: "button", "data-action": "pause", "aria-pressed": "false" } });
    this.pauseButton.addEventListener("click", () => this.setPaused(!this.paused));
    const close = el("button", { className: "lab-button is-quiet lab-drawer-close", text: `✕ ${t("inspector_close")}`, attrs: { type: "button", "data-action": "close" } });
    close.addEventListener("click", () => this.close());
    this.count = el("span", { className: "lab-drawer-count", attrs: { "aria-live": "off" } });
    this.diagram = el("div", { className: "lab-sequence" });
    this.pinned = el("ol", { className: "lab-wide-list is-pinned" });
    this.latest = el("ol", { className: "lab-wide-list is-latest" });
    this.root = el(
      "aside",
      { className: "lab-drawer", attrs: { role: "dialog", "aria-label": `${t("wire")}: ${transportTitle(view.transport)}`, "data-inspector": view.transport } },
      [
        el("header", { className: "lab-drawer-head" }, [el("h3", { text: `${t("wire")} — ${transportTitle(view.transport)}` }), close]),
        el("div", { className: "lab-drawer-tools" }, [
          el("label", { className: "lab-toggle" }, [this.hideHeartbeats, el("span", { text: t("inspector_hide_heartbeats") })]),
          el("label", { className: "lab-toggle" }, [this.hideTicks, el("span", { text: t("inspector_hide_ticks") })]),
          this.pauseButton,
          this.count,
        ]),
        el("p", { className: "lab-wire-hint", text: t("inspector_hint") }),
        el("section", { className: "lab-drawer-section" }, [
          el("h4", { text: t("sequence") }),
          this.diagram,
          el("p", { className: "lab-wire-hint", text: t("sequence_key") }),
        ]),
        el("section", { className: "lab-drawer-section" }, [el("h4", { text: t("wire_handshake") }), this.pinned]),
        el("section", { className: "lab-drawer-section" }, [el("h4", { text: t("inspector_latest") }), this.latest]),
      ],
    );
    document.body.append(this.root);
    document.addEventListener("keydown", this.onKey);
    this.unsubscribe = view.onFrames(() => this.scheduleRender());
    this.render();
    close.focus();
  }

  close(): void {
    this.unsubscribe();
    clearTimeout(this.renderTimer);
    document.removeEventListener("keydown", this.onKey);
    this.root.remove();
    if (current === this) {
      current = undefined;
    }
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.root.dataset.paused = String(paused);
    this.pauseButton.setAttribute("aria-pressed", String(paused));
    setText(this.pauseButton, paused ? t("inspector_resume") : t("inspector_pause"));
    this.render();
  }

  /** Redraws at most four times a second: a fast ticker must not cost a redraw per frame. */
  private scheduleRender(): void {
    if (!this.view.root.isConnected) {
      this.close();
      return;
    }
    if (this.paused || this.renderTimer !== undefined) {
      return;
    }
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, 250);
  }

  private shown(frame: TimedFrame): boolean {
    return !(this.hideHeartbeats.checked && isHeartbeat(frame)) && !(this.hideTicks.checked && isTick(frame));
  }

  private render(): void {
    const history = this.view.frames();
    if (this.paused) {
      setText(this.count, `${t("inspector_paused")} · ${history.total - this.shownTotal} ${t("inspector_held_back")}`);
      return;
    }
    this.shownTotal = history.total;
    const handshake = history.handshake.filter((frame) => this.shown(frame));
    const recent = history.recent.filter((frame) => this.shown(frame));
    this.diagram.replaceChildren(sequenceDiagram(handshake, recent));
    this.pinned.replaceChildren(...(handshake.length > 0 ? handshake.map(wideRow) : [el("li", { className: "lab-events-empty", text: "–" })]));
    const latest = recent.slice(-SHOWN_ROWS).reverse();
    this.latest.replaceChildren(...latest.map(wideRow));
    setText(this.count, `${latest.length} ${t("inspector_shown")} · ${history.total} ${t("inspector_seen")}`);
  }
}

/** A row of the wide inspector: direction, time, label, then the frame part by part. */
function wideRow(frame: TimedFrame): HTMLLIElement {
  const arrow = frame.direction === "out" ? "→" : frame.direction === "in" ? "←" : "•";
  const raw = frame.raw.length > MAX_RAW_SHOWN ? `${frame.raw.slice(0, MAX_RAW_SHOWN)}…` : frame.raw;
  const parts = frameParts({ ...frame, raw }).map((part) =>
    el("span", { className: "lab-part", attrs: { "data-part": part.role, title: part.meaning } }, [
      el("code", { text: part.text === "" ? "∅" : part.text }),
      el("small", { text: part.meaning }),
    ]),
  );
  return el(
    "li",
    { className: `lab-frame lab-wide-frame dir-${frame.direction}`, attrs: { "data-frame": raw, "data-kind": frame.kind, "data-seq": String(frame.seq) } },
    [
      el("span", { className: "lab-frame-arrow", text: arrow }),
      el("span", { className: "lab-frame-time", text: frameTime(frame) }),
      el("span", { className: "lab-frame-label", text: frame.label }),
      el("div", { className: "lab-parts" }, parts),
    ],
  );
}
