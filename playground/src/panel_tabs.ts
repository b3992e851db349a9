// On a phone the panels do not fit side by side, and stacked they make a
// page several thousand pixels tall. There they become tabs: one panel at a
// time, a tab per transport showing its status, with the comparison table
// (every transport at a glance) above them. The tabs are always in the
// DOM; the stylesheet shows them, and hides the other panels, only when
// the container is narrow, so wide screens are unchanged.

import { el } from "./dom";
import { Panel } from "./panel";
import { statusTitle, transportTitle } from "./panel_view";

/** Builds the tab bar for `panels` inside `grid` (which gets `data-active`). */
export function panelTabs(panels: Panel[], grid: HTMLElement): HTMLElement {
  const bar = el("div", { className: "lab-panel-tabs", attrs: { role: "tablist" } });
  const buttons = panels.map((panel) => {
    const button = el("button", {
      className: "lab-panel-tab",
      text: transportTitle(panel.transport),
      attrs: { type: "button", role: "tab", "data-tab": panel.transport },
    });
    const show = (): void => {
      button.dataset.status = panel.currentStatus;
      button.title = statusTitle(panel.currentStatus);
    };
    show();
    panel.onStateChange(show);
    button.addEventListener("click", () => select(panel));
    return button;
  });
  const select = (chosen: Panel): void => {
    grid.dataset.active = chosen.transport;
    panels.forEach((panel, index) => {
      const active = panel === chosen;
      panel.element.classList.toggle("is-active-tab", active);
      buttons[index]?.setAttribute("aria-selected", String(active));
    });
  };
  bar.append(...buttons);
  const first = panels[0];
  if (first) {
    select(first);
  }
  grid.classList.add("has-tabs");
  return bar;
}
