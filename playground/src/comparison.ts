// The comparison table: one row per panel, refreshed every second, so the
// trade-offs read side by side — polling's empty responses and its delay
// of about half an interval, long-polling's requests per event, the few
// bytes of overhead per event once a stream or a socket is open.

import { el, formatBytes, formatDelay, setText } from "./dom";
import { StringKey, t } from "./i18n";
import { Panel } from "./panel";
import { statusMeaning, statusTitle, transportTitle } from "./panel_view";

const REFRESH_MS = 500;

/** A column: its heading, what it means (the heading's tooltip) and how to read it from a panel. */
interface Column {
  heading: StringKey;
  meaning: StringKey;
  read: (panel: Panel) => string;
}

const STATUS: Column = { heading: "col_status", meaning: "legend_status", read: (panel) => statusTitle(panel.currentStatus) };
const P50: Column = { heading: "col_p50", meaning: "legend_p50", read: (panel) => formatDelay(panel.stats.delayPercentile(0.5)) };
const P95: Column = { heading: "col_p95", meaning: "legend_p95", read: (panel) => formatDelay(panel.stats.delayPercentile(0.95)) };
const MAX: Column = { heading: "col_max", meaning: "legend_max", read: (panel) => formatDelay(panel.stats.maxDelay()) };
const RPM: Column = { heading: "col_rpm", meaning: "legend_rpm", read: (panel) => String(panel.stats.requestsInLastMinute()) };
const OVERHEAD: Column = {
  heading: "col_overhead",
  meaning: "legend_overhead_per_event",
  read: (panel) => {
    const perEvent = panel.stats.overheadPerEvent();
    return perEvent === null ? "–" : formatBytes(perEvent);
  },
};
const EMPTY: Column = { heading: "col_empty", meaning: "legend_empty", read: (panel) => String(panel.stats.emptyResponses) };
const EVENTS: Column = { heading: "col_events", meaning: "legend_events", read: (panel) => String(panel.stats.events) };
const RECONNECTS: Column = { heading: "col_reconnects", meaning: "legend_reconnects", read: (panel) => String(panel.stats.reconnects) };

const FULL = [STATUS, P50, P95, MAX, RPM, OVERHEAD, EMPTY, EVENTS, RECONNECTS];
// Status and reconnects stay in the compact table too, so that it and the
// panels above it always tell the same story.
const COMPACT = [STATUS, P50, P95, RPM, OVERHEAD, EVENTS, RECONNECTS];

/** Builds the table; it refreshes itself while it is on the page. */
export function comparisonTable(panels: Panel[], compact: boolean): HTMLElement {
  const columns = compact ? COMPACT : FULL;
  const cells: HTMLElement[][] = [];
  const rows: HTMLTableRowElement[] = [];
  const body = el("tbody");
  for (const panel of panels) {
    const row = columns.map(() => el("td"));
    cells.push(row);
    const tableRow = el("tr", { attrs: { "data-transport": panel.transport } }, [
      el("th", { text: transportTitle(panel.transport), attrs: { scope: "row" } }),
      ...row,
    ]);
    rows.push(tableRow);
    body.append(tableRow);
  }
  const head = el("tr", {}, [
    el("th", { text: t("col_transport"), attrs: { scope: "col" } }),
    ...columns.map((column) => el("th", { text: t(column.heading), attrs: { scope: "col", title: t(column.meaning) } })),
  ]);
  const table = el("table", { className: compact ? "lab-compare is-compact" : "lab-compare" }, [
    el("caption", { text: t("compare") }),
    el("thead", {}, [head]),
    body,
  ]);
  const wrapper = el("div", { className: "lab-table-wrap" }, [table]);
  const refresh = (): void => {
    panels.forEach((panel, rowIndex) => {
      const tableRow = rows[rowIndex];
      if (tableRow) {
        // The same values the panel shows, for the eye and for tests.
        tableRow.dataset.status = panel.currentStatus;
        tableRow.dataset.reconnects = String(panel.stats.reconnects);
        tableRow.title = statusMeaning(panel.currentStatus);
      }
      columns.forEach((column, columnIndex) => {
        const cell = cells[rowIndex]?.[columnIndex];
        if (cell) {
          setText(cell, column.read(panel));
        }
      });
    });
  };
  refresh();
  const unsubscribe = panels.map((panel) => panel.onStateChange(refresh));
  let shown = false;
  const timer = setInterval(() => {
    if (shown && !wrapper.isConnected) {
      clearInterval(timer);
      unsubscribe.forEach((stop) => stop());
      return;
    }
    shown = shown || wrapper.isConnected;
    refresh();
  }, REFRESH_MS);
  return wrapper;
}
