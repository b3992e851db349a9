// The server's side of the measurements (`GET /api/lab`): what it counted
// per transport, next to what the browser measured. The two views differ on
// purpose — the server cannot see a browser's queueing, and the browser
// cannot see bytes the server wrote to a connection that was then dropped.

import { el, formatBytes, setText } from "./dom";
import { formatNumber, StringKey, t } from "./i18n";
import { transportTitle } from "./panel_view";
import { LabSnapshot, ServerTransportStats, TRANSPORTS } from "./types";

const COLUMNS: { heading: StringKey; read: (stats: ServerTransportStats) => string }[] = [
  { heading: "col_open", read: (stats) => String(stats.open_connections) },
  { heading: "col_requests", read: (stats) => String(stats.requests) },
  { heading: "col_empty", read: (stats) => String(stats.empty_responses) },
  { heading: "col_sent", read: (stats) => String(stats.events_sent) },
  { heading: "col_bytes_payload", read: (stats) => formatBytes(stats.bytes_payload) },
  { heading: "col_bytes_overhead", read: (stats) => formatBytes(stats.bytes_overhead) },
];

/** The server's view: a summary line and a table, updated with `show`. */
export class ServerView {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly cells = new Map<string, HTMLElement>();

  constructor() {
    this.summary = el("p", { className: "lab-server-summary", text: "…" });
    const body = el("tbody");
    for (const transport of TRANSPORTS) {
      const row = el("tr", { attrs: { "data-transport": transport } }, [
        el("th", { text: transportTitle(transport), attrs: { scope: "row" } }),
      ]);
      for (const column of COLUMNS) {
        const cell = el("td", { text: "–" });
        this.cells.set(`${transport}/${column.heading}`, cell);
        row.append(cell);
      }
      body.append(row);
    }
    const head = el("tr", {}, [
      el("th", { text: t("col_transport"), attrs: { scope: "col" } }),
      ...COLUMNS.map((column) => el("th", { text: t(column.heading), attrs: { scope: "col" } })),
    ]);
    this.element = el("section", { className: "lab-server" }, [
      el("h3", { text: t("server_view") }),
      this.summary,
      el("div", { className: "lab-table-wrap" }, [el("table", { className: "lab-compare" }, [el("thead", {}, [head]), body])]),
    ]);
  }

  /** Shows a snapshot (or that the server's numbers are unavailable). */
  show(snapshot: LabSnapshot | null): void {
    if (!snapshot) {
      setText(this.summary, t("server_unavailable"));
      this.summary.dataset.tone = "error";
      return;
    }
    delete this.summary.dataset.tone;
    setText(
      this.summary,
      [
        `${t("ticker_rate")}: ${formatNumber(snapshot.ticker_rate, 1)}${t("per_second")}`,
        `${t("added_latency")}: ${snapshot.latency_ms} ms`,
        `${t("block_upgrades")}: ${snapshot.block_upgrades ? "✓" : "✗"}`,
        `${t("restarts")}: ${snapshot.restarts}`,
        `${t("last_id")}: #${snapshot.last_id}`,
        ...(snapshot.cluster
          ? [
              `${t("cluster")}: ${snapshot.cluster.redis} ${snapshot.cluster.connected ? "✓" : `✗ ${t("cluster_unreachable")}`}${snapshot.cluster.ticker_here ? ` · ${t("cluster_ticker_here")}` : ""}`,
            ]
          : []),
      ].join(" · "),
    );
    if (snapshot.cluster && !snapshot.cluster.connected) {
      this.summary.dataset.tone = "error";
    }
    for (const transport of TRANSPORTS) {
      const stats = snapshot.transports[transport];
      for (const column of COLUMNS) {
        const cell = this.cells.get(`${transport}/${column.heading}`);
        if (cell) {
          setText(cell, stats ? column.read(stats) : "–");
        }
      }
    }
  }
}
