// Creates panels and pauses them all while the tab is hidden. A browser
// gives a page only about six HTTP/1.1 connections per server, shared by all
// its tabs; long-polling, SSE and Socket.IO's polling each hold one. A
// hidden tab that let go of nothing would starve the visible one, so on
// `visibilitychange` every panel closes its connections (keeping its
// cursor) and resumes, losslessly, when the tab is shown again.

import { LongPollingPanel } from "./long_polling";
import { Panel } from "./panel";
import { PollingPanel } from "./polling";
import { SocketIoPanel } from "./socketio";
import { SsePanel } from "./sse";
import { TransportName } from "./types";
import { WebSocketPanel } from "./websocket";

const livePanels = new Set<Panel>();
const visibilityListeners = new Set<(visible: boolean) => void>();

/** Builds the panel for a transport (not started yet). */
export function createPanel(transport: TransportName): Panel {
  switch (transport) {
    case "polling":
      return new PollingPanel();
    case "long-polling":
      return new LongPollingPanel();
    case "sse":
      return new SsePanel();
    case "websocket":
      return new WebSocketPanel();
    case "socketio":
      return new SocketIoPanel();
  }
}

/** Starts a panel and pauses/resumes it with the tab's visibility. */
export function startPanel(panel: Panel): void {
  livePanels.add(panel);
  panel.start();
}

/** Stops a panel for good. */
export function stopPanel(panel: Panel): void {
  livePanels.delete(panel);
  panel.stop();
}

/** Calls `listener(visible)` whenever the tab is shown or hidden; returns an unsubscribe. */
export function onVisibilityChange(listener: (visible: boolean) => void): () => void {
  visibilityListeners.add(listener);
  return () => visibilityListeners.delete(listener);
}

document.addEventListener("visibilitychange", () => {
  const visible = document.visibilityState === "visible";
  for (const panel of livePanels) {
    if (visible) {
      panel.resume();
    } else {
      panel.pause();
    }
  }
  for (const listener of visibilityListeners) {
    listener(visible);
  }
});
