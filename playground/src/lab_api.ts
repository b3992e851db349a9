// The lab's HTTP API: read the server's measurements and settings, and
// inject faults (ticker rate, added latency, blocked upgrades, dropped
// connections, a simulated restart). See playground/README.md.

import { fetchText } from "./connections";
import { errorMessage } from "./http";
import { asLabSnapshot, LabSnapshot, parseJson, TransportName } from "./types";
import { t } from "./i18n";
import { onRunChange, panelsMayRun } from "./visibility";

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

/** A fault this page asked the lab for, remembered so panels can name it. */
interface AskedFault {
  what: "drop" | "restart";
  transport: TransportName | null;
  at: number;
}

/** A connection lost this long after the page asked for a fault is put down to it. */
const FAULT_MEMORY_MS = 5000;
let lastFault: AskedFault | undefined;

/**
 * The fault this page asked for in the last few seconds that closed
 * `transport`'s connections ("drop" of that transport, or "restart"), or null.
 */
export function recentFault(transport: TransportName): "drop" | "restart" | null {
  if (!lastFault || Date.now() - lastFault.at > FAULT_MEMORY_MS) {
    return null;
  }
  if (lastFault.what === "restart" || lastFault.transport === transport) {
    return lastFault.what;
  }
  return null;
}

/** Closes every open connection of one transport. */
export function dropConnections(transport: TransportName): Promise<string> {
  lastFault = { what: "drop", transport, at: Date.now() };
  return post("/api/lab/drop", { transport });
}

/**
 * Drops one transport's connections and says what that did: how many the
 * server held open just before, or, for polling, that it holds none between
 * requests (there is nothing to drop: its next request simply comes).
 */
export async function dropAndDescribe(transport: TransportName, name: string): Promise<{ text: string; tone: "ok" | "error" }> {
  const before = (await fetchLab())?.transports[transport]?.open_connections;
  const error = await dropConnections(transport);
  if (error) {
    return { text: error, tone: "error" };
  }
  if (transport === "polling") {
    return { text: t("drop_polling_nothing"), tone: "ok" };
  }
  const count = before === undefined ? "" : `: ${before}`;
  return { text: `${name} — ${t("drop_done")}${count}. ${t("drop_watch")}`, tone: "ok" };
}

/** Puts every lever of the lab back where the server started. */
export function resetLab(): Promise<string> {
  return post("/api/lab/reset", {});
}

/** Simulates a server restart: every connection of every transport closes. */
export function restartServer(): Promise<string> {
  lastFault = { what: "restart", transport: null, at: Date.now() };
  return post("/api/lab/restart", {});
}

/**
 * Calls `listener` with a fresh snapshot every two seconds while the panels
 * run (the tab is visible, or kept running; null when the server does not
 * answer). Returns a stop function.
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
    if (panelsMayRun()) {
      timer = setTimeout(() => void refresh(), REFRESH_MS);
    }
  };
  const unsubscribe = onRunChange((run) => {
    clearTimeout(timer);
    if (run) {
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
