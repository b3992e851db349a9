// Tells whoever asks when the panels should run. A browser gives a page
// only about six HTTP/1.1 connections per server, shared by all its tabs;
// long-polling, SSE and Socket.IO's polling each hold one. A hidden tab that
// let go of nothing would starve the visible one, so panels and the lab's
// refresh stop while hidden and resume when shown.
//
// Unless the learner wants the opposite: "keep running when hidden" lets a
// hidden tab hold its connections, which is how "open more tabs and watch
// the meter" shows the six-connection limit stalling every tab at once. The
// choice is kept in localStorage, so every tab of the site shares it.

import { el } from "./dom";
import { t } from "./i18n";

const KEEP_RUNNING_KEY = "realtime-lab-keep-running";

const listeners = new Set<(run: boolean) => void>();

/** Whether the tab is visible right now (drawing needs it: hidden tabs get no animation frames). */
export function tabIsVisible(): boolean {
  return document.visibilityState === "visible";
}

/** Whether the learner asked hidden tabs to keep their connections. */
function keepsRunningWhenHidden(): boolean {
  try {
    return window.localStorage.getItem(KEEP_RUNNING_KEY) === "true";
  } catch {
    return false;
  }
}

/** Whether panels should hold their connections now: the tab is visible, or the learner said so. */
export function panelsMayRun(): boolean {
  return tabIsVisible() || keepsRunningWhenHidden();
}

/** Calls `listener(run)` whenever `panelsMayRun()` may have changed; returns an unsubscribe. */
export function onRunChange(listener: (run: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  const run = panelsMayRun();
  for (const listener of listeners) {
    listener(run);
  }
}

/** Sets "keep running when hidden" for every tab of the site. */
function setKeepRunning(keep: boolean): void {
  try {
    window.localStorage.setItem(KEEP_RUNNING_KEY, String(keep));
  } catch {
    // Storage refused (private mode): the choice lasts for this tab only.
  }
  notify();
}

/** The "keep running when hidden" switch. */
export function keepRunningSwitch(): HTMLElement {
  const input = el("input", { attrs: { type: "checkbox", "data-control": "keep-running" } });
  input.checked = keepsRunningWhenHidden();
  input.addEventListener("change", () => setKeepRunning(input.checked));
  // Another tab flipped it: follow.
  window.addEventListener("storage", (change) => {
    if (change.key === KEEP_RUNNING_KEY) {
      input.checked = keepsRunningWhenHidden();
      notify();
    }
  });
  return el("label", { className: "lab-toggle lab-keep-running", attrs: { title: t("keep_running_hint") } }, [
    input,
    el("span", {}, [el("strong", { text: t("keep_running") }), el("small", { text: ` — ${t("keep_running_hint")}` })]),
  ]);
}

document.addEventListener("visibilitychange", notify);
