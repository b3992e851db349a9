// `<lab-playground>`: the full playground page. All five transports side by
// side against the same server, a live comparison table, the lab's controls
// and faults, the server's own numbers and the open-connections meter.

import { comparisonTable } from "./comparison";
import { connectionMeter } from "./connections";
import { labControls } from "./controls";
import { el, LiveElement, removeFallback } from "./dom";
import { t } from "./i18n";
import { watchLab } from "./lab_api";
import { labBanner } from "./lab_guide";
import { panelLegend } from "./legend";
import { panelTabs } from "./panel_tabs";
import { publishBox } from "./publish";
import { createPanel, startPanels, stopPanels } from "./registry";
import { ServerView } from "./server_view";
import { TRANSPORTS } from "./types";

/** The `<lab-playground>` custom element. */
export class LabPlaygroundElement extends LiveElement {
  protected mount(): (() => void) | undefined {
    removeFallback(this);
    const panels = TRANSPORTS.map(createPanel);
    const controls = labControls(panels);
    const server = new ServerView();
    const banner = labBanner();
    const grid = el("div", { className: "lab-grid", attrs: { style: `--panel-count: ${panels.length}` } }, panels.map((panel) => panel.element));
    const root = el("div", { className: "lab-playground" }, [
      banner.element,
      el("div", { className: "lab-top" }, [
        controls.element,
        el("section", { className: "lab-side" }, [
          el("h3", { text: t("publish") }),
          publishBox(panels, false),
          connectionMeter(),
        ]),
      ]),
      comparisonTable(panels, false),
      panelTabs(panels, grid),
      grid,
      panelLegend(),
      server.element,
      el("p", { className: "lab-footnote", text: t("estimate_note") }),
    ]);
    this.append(root);
    void startPanels(panels);
    const stopWatching = watchLab((snapshot) => {
      server.show(snapshot);
      controls.sync(snapshot);
      banner.show(snapshot);
    });
    return () => {
      stopWatching();
      stopPanels(panels);
      root.remove();
    };
  }
}
