// `<lab-panels transports="polling long-polling">`: the live panels a
// chapter embeds next to the text about them — one panel per listed
// transport, a compact publish box, a small comparison table and the
// open-connections meter, and a banner when the shared lab's settings differ
// from the server's start. With the `faults` attribute the lab's controls
// come too (ticker, latency, blocked upgrades, replay, drop, restart), so a
// chapter that asks the learner to pull a lever has it on the page; with
// `guide="<name>"` the chapter's steps tick themselves (lab_guide.ts).
// Light DOM, so the site's stylesheet applies.

import { connectionMeter } from "./connections";
import { labControls } from "./controls";
import { comparisonTable } from "./comparison";
import { el, LiveElement, removeFallback } from "./dom";
import { createPanel, startPanels, stopPanels } from "./registry";
import { watchLab } from "./lab_api";
import { guideChecklist, isGuide, labBanner } from "./lab_guide";
import { panelLegend } from "./legend";
import { panelTabs } from "./panel_tabs";
import { publishBox } from "./publish";
import { isTransportName, TransportName } from "./types";

/** The transports named in the `transports` attribute, in order, without repeats. */
export function listedTransports(attribute: string | null): TransportName[] {
  const names: TransportName[] = [];
  for (const word of (attribute ?? "").split(/\s+/)) {
    if (isTransportName(word) && !names.includes(word)) {
      names.push(word);
    }
  }
  return names;
}

/** The `<lab-panels>` custom element. */
export class LabPanelsElement extends LiveElement {
  protected mount(): (() => void) | undefined {
    const transports = listedTransports(this.getAttribute("transports"));
    if (transports.length === 0) {
      return undefined;
    }
    removeFallback(this);
    const panels = transports.map(createPanel);
    const grid = el("div", { className: "lab-grid", attrs: { style: `--panel-count: ${panels.length}` } }, panels.map((panel) => panel.element));
    const root = el("div", { className: "lab-embed" }, [
      panelTabs(panels, grid),
      grid,
      el("div", { className: "lab-embed-footer" }, [publishBox(panels, true), connectionMeter()]),
      comparisonTable(panels, true),
      panelLegend(),
    ]);
    // The lab's settings are shared: say when they differ from the start.
    const banner = labBanner();
    root.prepend(banner.element);
    const listeners: ((snapshot: Parameters<typeof banner.show>[0]) => void)[] = [banner.show];
    if (this.hasAttribute("faults")) {
      const controls = labControls(panels);
      controls.element.classList.add("lab-embed-controls");
      root.append(controls.element);
      listeners.push(controls.sync);
    }
    const guide = this.getAttribute("guide");
    if (isGuide(guide)) {
      const checklist = guideChecklist(guide, panels);
      root.append(checklist.element);
      listeners.push(checklist.update);
    }
    const stopWatching = watchLab((snapshot) => listeners.forEach((listener) => listener(snapshot)));
    this.append(root);
    void startPanels(panels);
    return () => {
      stopWatching();
      stopPanels(panels);
      root.remove();
    };
  }
}
