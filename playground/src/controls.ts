// The lab's controls: how fast the ticker runs, how often the polling panel
// asks, how long a long-poll may wait, and the faults — added latency,
// refused WebSocket upgrades, dropped connections, a simulated restart.
// Server settings are sent to the lab API; client settings go straight to
// the panel they concern.

import { el } from "./dom";
import { StringKey, t } from "./i18n";
import { dropAndDescribe, restartServer, setFaults, setTickerRate } from "./lab_api";
import { DEFAULT_LONG_POLL_TIMEOUT_S, LongPollingPanel } from "./long_polling";
import { Panel } from "./panel";
import { transportTitle } from "./panel_view";
import { DEFAULT_POLL_INTERVAL_MS, PollingPanel } from "./polling";
import { LabSnapshot } from "./types";

/** The ticker rates the slider steps through (events per second). */
const TICKER_RATES = [0, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200];

/** A labelled range input with its current value shown beside it. */
interface Slider {
  row: HTMLElement;
  input: HTMLInputElement;
  show: () => void;
}

function slider(
  label: StringKey,
  range: { min: number; max: number; step: number; value: number },
  format: (value: number) => string,
): Slider {
  const input = el("input", {
    className: "lab-range",
    attrs: { type: "range", min: String(range.min), max: String(range.max), step: String(range.step), value: String(range.value) },
  });
  const output = el("output", { className: "lab-range-value" });
  const show = (): void => {
    output.textContent = format(Number(input.value));
  };
  input.addEventListener("input", show);
  show();
  const row = el("label", { className: "lab-control" }, [el("span", { text: t(label) }), input, output]);
  return { row, input, show };
}

/** The controls block, and a function that shows the server's current settings. */
export function labControls(panels: Panel[]): { element: HTMLElement; sync: (snapshot: LabSnapshot | null) => void } {
  const status = el("output", { className: "lab-control-status", attrs: { "aria-live": "polite" } });
  const report = (error: string, tone: "ok" | "error" = "error"): void => {
    status.textContent = error;
    status.dataset.tone = tone;
    status.hidden = error === "";
  };
  status.hidden = true;
  const rateOf = (index: number): number => TICKER_RATES[index] ?? 1;
  const ticker = slider("ticker_rate", { min: 0, max: TICKER_RATES.length - 1, step: 1, value: 3 }, (index) => `${rateOf(index)}${t("per_second")}`);
  ticker.input.addEventListener("change", () => void setTickerRate(rateOf(Number(ticker.input.value))).then(report));

  const pollInterval = slider("poll_interval", { min: 250, max: 10_000, step: 250, value: DEFAULT_POLL_INTERVAL_MS }, (ms) => `${(ms / 1000).toFixed(2)} s`);
  pollInterval.input.addEventListener("change", () => {
    for (const panel of panels) {
      if (panel instanceof PollingPanel) {
        panel.setInterval(Number(pollInterval.input.value));
      }
    }
  });

  const timeout = slider("long_poll_timeout", { min: 1, max: 60, step: 1, value: DEFAULT_LONG_POLL_TIMEOUT_S }, (s) => `${s} s`);
  timeout.input.addEventListener("change", () => {
    for (const panel of panels) {
      if (panel instanceof LongPollingPanel) {
        panel.setTimeoutSeconds(Number(timeout.input.value));
      }
    }
  });

  const latency = slider("added_latency", { min: 0, max: 5000, step: 50, value: 0 }, (ms) => `${ms} ms`);
  latency.input.addEventListener("change", () => void setFaults({ latency_ms: Number(latency.input.value) }).then(report));

  const block = el("input", { attrs: { type: "checkbox", "data-control": "block-upgrades" } });
  block.addEventListener("change", () => void setFaults({ block_upgrades: block.checked }).then(report));
  const blockRow = el("label", { className: "lab-control lab-toggle" }, [
    block,
    el("span", {}, [el("strong", { text: t("block_upgrades") }), el("small", { text: ` — ${t("block_upgrades_hint")}` })]),
  ]);

  const replay = el("input", { attrs: { type: "checkbox", "data-control": "replay" } });
  replay.checked = true;
  replay.addEventListener("change", () => void setFaults({ replay: replay.checked }).then(report));
  const replayRow = el("label", { className: "lab-control lab-toggle" }, [
    replay,
    el("span", {}, [el("strong", { text: t("replay") }), el("small", { text: ` — ${t("replay_hint")}` })]),
  ]);

  const dropButtons = panels.map((panel) => {
    const button = el("button", {
      className: "lab-button is-quiet",
      text: transportTitle(panel.transport),
      attrs: { type: "button", "data-drop": panel.transport },
    });
    // Say what the drop did: how many connections it closed, or that polling holds none.
    button.addEventListener("click", () => void dropAndDescribe(panel.transport, transportTitle(panel.transport)).then(({ text, tone }) => report(text, tone)));
    return button;
  });
  const restart = el("button", { className: "lab-button is-danger", text: t("restart"), attrs: { type: "button", title: t("restart_hint") } });
  restart.addEventListener("click", () => void restartServer().then(report));

  const element = el("section", { className: "lab-controls" }, [
    el("h3", { text: t("controls") }),
    el("div", { className: "lab-control-grid" }, [ticker.row, pollInterval.row, timeout.row, latency.row]),
    blockRow,
    replayRow,
    el("div", { className: "lab-control-buttons" }, [el("span", { text: `${t("drop")}:` }), ...dropButtons]),
    el("div", { className: "lab-control-buttons" }, [restart, el("small", { text: t("restart_hint") })]),
    status,
  ]);

  // Server settings follow the server, except while the learner is using a control.
  const sync = (snapshot: LabSnapshot | null): void => {
    if (!snapshot) {
      return;
    }
    if (document.activeElement !== ticker.input) {
      const nearest = TICKER_RATES.reduce(
        (best, rate, index) => (Math.abs(rate - snapshot.ticker_rate) < Math.abs(rateOf(best) - snapshot.ticker_rate) ? index : best),
        0,
      );
      ticker.input.value = String(nearest);
      ticker.show();
    }
    if (document.activeElement !== latency.input) {
      latency.input.value = String(snapshot.latency_ms);
      latency.show();
    }
    if (document.activeElement !== block) {
      block.checked = snapshot.block_upgrades;
    }
    if (document.activeElement !== replay) {
      replay.checked = snapshot.replay;
    }
  };
  return { element, sync };
}
