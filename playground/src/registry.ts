// Creates panels, starts them together, and pauses them all while the tab
// is hidden (unless the learner keeps them running): each closes its
// connections (keeping its cursor) and resumes, losslessly, when the tab is
// shown again. See visibility.ts for why.

import { fetchLab } from "./lab_api";
import { LongPollingPanel } from "./long_polling";
import { Panel } from "./panel";
import { PollingPanel } from "./polling";
import { SocketIoPanel } from "./socketio";
import { SsePanel } from "./sse";
import { TransportName } from "./types";
import { onRunChange } from "./visibility";
import { WebSocketPanel } from "./websocket";

const livePanels = new Set<Panel>();

onRunChange((run) => {
  for (const panel of livePanels) {
    if (run) {
      panel.resume();
    } else {
      panel.pause();
    }
  }
});

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

/**
 * Starts panels together from the server's current last event id, and
 * pauses/resumes them with the tab's visibility. Starting every panel at the
 * same id makes the race fair: they all wait for the same next event.
 */
export async function startPanels(panels: Panel[]): Promise<void> {
  const snapshot = await fetchLab();
  for (const panel of panels) {
    livePanels.add(panel);
    panel.start(snapshot?.last_id ?? 0);
  }
}

/** Stops panels for good (also those whose start is still waiting). */
export function stopPanels(panels: Panel[]): void {
  for (const panel of panels) {
    livePanels.delete(panel);
    panel.stop();
  }
}
