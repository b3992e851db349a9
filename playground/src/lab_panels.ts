// `<lab-panels transports="polling long-polling">`: the live panels a
// chapter embeds next to the text about them — one panel per listed
// transport, a compact publish box, a small comparison table and the
// open-connections meter. Light DOM, so the site's stylesheet applies.

import { connectionMeter } from "./connections";
import { comparisonTable } from "./comparison";
import { el, removeFallback } from "./dom";
import { createPanel, startPanels, stopPanels } from "./registry";
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
export class LabPanelsElement extends HTMLElement {
  private unmount: (() => void) | undefined;

  connectedCallback(): void {
    if (this.unmount) {
      return;
    }
    const transports = listedTransports(this.getAttribute("transports"));
    if (transports.length === 0) {
      return;
    }
    removeFallback(this);
    const panels = transports.map(createPanel);
    const grid = el("div", { className: "lab-grid", attrs: { style: `--panel-count: ${panels.length}` } }, panels.map((panel) => panel.element));
    const root = el("div", { className: "lab-embed" }, [
      grid,
      el("div", { className: "lab-embed-footer" }, [publishBox(panels, true), connectionMeter()]),
      comparisonTable(panels, true),
    ]);
    this.append(root);
    void startPanels(panels);
    this.unmount = () => {
      stopPanels(panels);
      root.remove();
    };
  }

  disconnectedCallback(): void {
    this.unmount?.();
    this.unmount = undefined;
  }
}
