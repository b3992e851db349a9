// What a page with live panels says about the lab, and the guided steps
// a chapter embeds.
//
// The lab is shared by everyone on this server and keeps its settings: a
// learner who stopped the ticker yesterday, or another tab that blocked
// upgrades, changes what every panel shows. `labBanner` says so whenever a
// lever differs from the server's start (the snapshot's `changed`), with a
// "Reset lab" button; a stopped ticker is explained ("the panels wait for
// published messages").
//
// `guideChecklist` turns an instruction of the text ("turn on Block
// WebSocket upgrades and press Restart server") into steps that tick
// themselves when the lab and the panels show they happened, ending with a
// confirmation of what the learner was meant to see.

import { el, setText } from "./dom";
import { StringKey, formatNumber, t } from "./i18n";
import { resetLab } from "./lab_api";
import { Panel } from "./panel";
import { LabSnapshot, TransportName } from "./types";

/** The banner, and the function that shows a snapshot in it. */
export function labBanner(): { element: HTMLElement; show: (snapshot: LabSnapshot | null) => void } {
  const text = el("span", { className: "lab-banner-text" });
  const status = el("output", { className: "lab-banner-status" });
  const reset = el("button", { className: "lab-button is-quiet", text: t("reset_lab"), attrs: { type: "button", "data-action": "reset-lab" } });
  reset.addEventListener("click", () =>
    void resetLab().then((error) => {
      status.textContent = error;
    }),
  );
  const element = el("div", { className: "lab-banner", attrs: { role: "status" } }, [text, reset, status]);
  element.hidden = true;
  const show = (snapshot: LabSnapshot | null): void => {
    if (!snapshot) {
      return;
    }
    const parts: string[] = [];
    if (snapshot.ticker_rate <= 0) {
      parts.push(t("banner_ticker_stopped"));
    } else if (snapshot.changed.includes("ticker_rate")) {
      parts.push(`${t("ticker_rate")}: ${formatNumber(snapshot.ticker_rate, 1)}${t("per_second")}`);
    }
    if (snapshot.changed.includes("latency_ms")) {
      parts.push(`${t("added_latency")}: ${snapshot.latency_ms} ms`);
    }
    if (snapshot.changed.includes("block_upgrades")) {
      parts.push(t("banner_upgrades_blocked"));
    }
    if (snapshot.changed.includes("replay")) {
      parts.push(t("banner_replay_off"));
    }
    element.hidden = parts.length === 0;
    element.dataset.changed = snapshot.changed.join(" ");
    reset.hidden = snapshot.changed.length === 0;
    setText(text, `${t("banner_shared")} ${parts.join(" · ")}.`);
  };
  return { element, show };
}

/** What a step looks at. */
interface GuideState {
  snapshot: LabSnapshot;
  panels: Panel[];
  /** The simulated restarts counted when the previous step was done. */
  restartsBefore: number;
}

interface GuideStep {
  text: StringKey;
  done: (state: GuideState) => boolean;
}

const panel = (state: GuideState, transport: TransportName): Panel | undefined => state.panels.find((item) => item.transport === transport);
const engine = (state: GuideState): string | undefined => panel(state, "socketio")?.element.dataset.engineTransport;
const missed = (state: GuideState, transport: TransportName): number => panel(state, transport)?.stats.missed ?? 0;
const restarted = (state: GuideState): boolean => state.snapshot.restarts > state.restartsBefore;

/** The guides a chapter can embed, by name. */
const GUIDES: Record<string, GuideStep[]> = {
  // Chapter 3 (and 6): Socket.IO falls back to long-polling, then upgrades again.
  "socketio-fallback": [
    { text: "guide_block_on", done: (s) => s.snapshot.block_upgrades },
    { text: "guide_restart", done: (s) => restarted(s) && s.snapshot.block_upgrades },
    { text: "guide_fell_back", done: (s) => engine(s) === "polling" && panel(s, "socketio")?.currentStatus === "open" },
    { text: "guide_block_off", done: (s) => !s.snapshot.block_upgrades },
    { text: "guide_restart_again", done: (s) => restarted(s) && engine(s) === "websocket" },
  ],
  // Chapter 5: at most once without replay, and what the cursor buys.
  "replay-off": [
    { text: "guide_ticker_up", done: (s) => s.snapshot.ticker_rate >= 2 },
    { text: "guide_replay_off", done: (s) => !s.snapshot.replay },
    { text: "guide_restart", done: (s) => restarted(s) && !s.snapshot.replay },
    { text: "guide_streams_missed", done: (s) => (["sse", "websocket", "socketio"] as TransportName[]).some((name) => missed(s, name) > 0) },
    { text: "guide_polling_kept", done: (s) => (["polling", "long-polling"] as TransportName[]).every((name) => missed(s, name) === 0) },
    { text: "guide_replay_on", done: (s) => s.snapshot.replay },
  ],
};

/** Whether `name` is a guide this bundle knows. */
export function isGuide(name: string | null): name is string {
  return name !== null && name in GUIDES;
}

/** The checklist of guide `name` for `panels`; `update` with each snapshot. */
export function guideChecklist(name: string, panels: Panel[]): { element: HTMLElement; update: (snapshot: LabSnapshot | null) => void } {
  const steps = GUIDES[name] ?? [];
  const items = steps.map((step, index) => el("li", { className: "lab-guide-step", attrs: { "data-step": String(index + 1) }, text: t(step.text) }));
  const element = el("section", { className: "lab-guide", attrs: { "data-guide": name, "aria-live": "polite" } }, [
    el("h3", { text: t("guide_title") }),
    el("ol", {}, items),
  ]);
  let current = 0;
  let restartsBefore: number | null = null;
  const show = (): void => {
    items.forEach((item, index) => {
      item.dataset.state = index < current ? "done" : index === current ? "current" : "pending";
    });
    element.dataset.done = String(current);
    element.dataset.complete = String(current >= steps.length);
  };
  show();
  const update = (snapshot: LabSnapshot | null): void => {
    if (!snapshot) {
      return;
    }
    restartsBefore ??= snapshot.restarts;
    // Several steps may be done at once (e.g. missed counted, polling not).
    while (current < steps.length) {
      const step = steps[current];
      if (!step || !step.done({ snapshot, panels, restartsBefore })) {
        break;
      }
      current += 1;
      restartsBefore = snapshot.restarts;
    }
    show();
  };
  return { element, update };
}
