// The legend under the panels: what every number, mark and badge means, in
// a `<details>` that stays closed until asked. The same sentences are the
// tooltips of the counters, the table's headings and the badges, so the
// legend and the tooltips never disagree.

import { el } from "./dom";
import { StringKey, t } from "./i18n";
import { PanelStatus, statusMeaning, statusTitle } from "./panel_view";

/** One line of the legend: the term as the panels show it, and its meaning. */
function entry(term: string, meaning: string, className = ""): HTMLElement[] {
  return [el("dt", { className, text: term }), el("dd", { text: meaning })];
}

const COUNTERS: [StringKey, StringKey][] = [
  ["events", "legend_events"],
  ["requests", "legend_requests"],
  ["empty", "legend_empty"],
  ["payload", "legend_payload"],
  ["overhead", "legend_overhead"],
  ["reconnects", "legend_reconnects"],
  ["resets", "legend_resets"],
  ["missed", "legend_missed"],
  ["duplicates", "legend_duplicates"],
];

const STATUSES: PanelStatus[] = ["connecting", "open", "reconnecting", "closed", "paused"];

/** The `<details class="lab-legend">` block. */
export function panelLegend(): HTMLElement {
  const numbers = el("dl", { className: "lab-legend-list" }, [
    ...COUNTERS.flatMap(([term, meaning]) => entry(t(term), t(meaning))),
    ...entry(`${t("delay")} p50 / p95`, `${t("legend_p50")} ${t("legend_p95")}`),
    ...entry(t("col_max"), t("legend_max")),
    ...entry(t("col_rpm"), t("legend_rpm")),
    ...entry(t("col_overhead"), t("legend_overhead_per_event")),
  ]);
  const marks = el("dl", { className: "lab-legend-list" }, [
    ...entry("★", t("first_title"), "lab-legend-first"),
    ...STATUSES.flatMap((status) => {
      const badge = el("span", { className: "lab-badge", text: statusTitle(status), attrs: { "data-status": status } });
      return [el("dt", {}, [badge]), el("dd", { text: statusMeaning(status) })];
    }),
    el("dt", {}, [el("span", { className: "lab-badge lab-engine-badge", text: "polling", attrs: { "data-engine": "polling" } })]),
    el("dd", { text: t("legend_engine_polling") }),
    el("dt", {}, [el("span", { className: "lab-badge lab-engine-badge", text: "websocket", attrs: { "data-engine": "websocket" } })]),
    el("dd", { text: t("legend_engine_websocket") }),
    ...entry(t("legend_wire_arrows_term"), t("legend_wire_arrows")),
  ]);
  return el("details", { className: "lab-legend" }, [
    el("summary", { text: t("legend") }),
    el("div", { className: "lab-legend-columns" }, [
      el("section", {}, [el("h4", { text: t("legend_numbers") }), numbers]),
      el("section", {}, [el("h4", { text: t("legend_marks") }), marks]),
    ]),
  ]);
}
