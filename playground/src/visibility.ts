// Tells whoever asks when the tab is shown or hidden. A browser gives a page
// only about six HTTP/1.1 connections per server, shared by all its tabs;
// long-polling, SSE and Socket.IO's polling each hold one. A hidden tab that
// let go of nothing would starve the visible one, so panels and the lab's
// refresh stop while hidden and resume when shown.

const listeners = new Set<(visible: boolean) => void>();

/** Calls `listener(visible)` whenever the tab is shown or hidden; returns an unsubscribe. */
export function onVisibilityChange(listener: (visible: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the tab is visible right now. */
export function tabIsVisible(): boolean {
  return document.visibilityState === "visible";
}

document.addEventListener("visibilitychange", () => {
  for (const listener of listeners) {
    listener(tabIsVisible());
  }
});
