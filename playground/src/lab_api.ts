// The lab's HTTP API: read the server's measurements and settings, and
// inject faults (ticker rate, added latency, blocked upgrades, dropped
// connections, a simulated restart). See playground/README.md.

import { fetchText } from "./connections";
import { errorMessage } from "./http";
import { asLabSnapshot, LabSnapshot, parseJson, TransportName } from "./types";
import { onVisibilityChange, tabIsVisible } from "./visibility";

/** How often the playground refreshes the server's numbers. */
const REFRESH_MS = 2000;

/** `GET /api/lab`, or null when it is unavailable. */
export async function fetchLab(): Promise<LabSnapshot | null> {
  try {
    const answer = await fetchText("/api/lab", { cache: "no-store" });
    return answer.status === 200 ? asLabSnapshot(parseJson(answer.text)) : null;
  } catch {
    return null;
  }
}

/** POSTs JSON to a lab endpoint; resolves to an error message, or "" on success. */
async function post(path: string, body: unknown): Promise<string> {
  try {
    const answer = await fetchText(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return answer.status >= 200 && answer.status < 300 ? "" : errorMessage(answer);
  } catch (error) {
    return String(error);
  }
}

/** Sets the ticker's events per second (0 stops it). */
export function setTickerRate(rate: number): Promise<string> {
  return post("/api/lab/ticker", { rate });
}

/** Sets the added latency and/or whether WebSocket upgrades are refused. */
export function setFaults(faults: { latency_ms?: number; block_upgrades?: boolean; replay?: boolean }): Promise<string> {
  return post("/api/lab/faults", faults);
}

/** Closes every open connection of one transport. */
export function dropConnections(transport: TransportName): Promise<string> {
  return post("/api/lab/drop", { transport });
}

/** Simulates a server restart: every connection of every transport closes. */
export function restartServer(): Promise<string> {
  return post("/api/lab/restart", {});
}

/**
 * Calls `listener` with a fresh snapshot every two seconds while the tab is
 * visible (null when the server does not answer). Returns a stop function.
 */
export function watchLab(listener: (snapshot: LabSnapshot | null) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const refresh = async (): Promise<void> => {
    clearTimeout(timer);
    const snapshot = await fetchLab();
    if (stopped) {
      return;
    }
    listener(snapshot);
    if (tabIsVisible()) {
      timer = setTimeout(() => void refresh(), REFRESH_MS);
    }
  };
  const unsubscribe = onVisibilityChange((visible) => {
    clearTimeout(timer);
    if (visible) {
      void refresh();
    }
  });
  void refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
