// What one panel measures in the browser: events delivered, requests, empty
// responses, bytes (payload vs. protocol overhead), reconnects, resets (the
// server's log started over under the panel's cursor), missed and duplicate
// events, and the delivery delay of each event (receipt time − `created_at`).

/** How many recent delays the percentiles are computed over. */
const DELAY_WINDOW = 500;
/**
 * Requests are counted over the last 60 seconds. During a panel's first
 * minute that is fewer than a minute's worth, so the column says "last
 * 60 s", not "per minute".
 */
const MINUTE_MS = 60_000;

/** A panel's counters. */
export class PanelStats {
  events = 0;
  requests = 0;
  emptyResponses = 0;
  bytesPayload = 0;
  bytesOverhead = 0;
  reconnects = 0;
  /** Times the server said the cursor was ahead of its log and started over. */
  resets = 0;
  /** Event ids never received: gaps between one event and the next. */
  missed = 0;
  /** Events received again (an id seen before), not shown twice. */
  duplicates = 0;
  private delays: number[] = [];
  private requestTimes: number[] = [];

  /** Records one request made (an HTTP request, or a WebSocket upgrade). */
  countRequest(): void {
    this.requests += 1;
    this.requestTimes.push(Date.now());
    this.trimRequestTimes();
  }

  /** Records bytes received: `total` on the wire, of which `payload` are event JSON. */
  countBytes(total: number, payload: number): void {
    this.bytesPayload += payload;
    this.bytesOverhead += Math.max(0, total - payload);
  }

  /** Records one event delivered with its delay in milliseconds. */
  countDelivery(delayMs: number): void {
    this.events += 1;
    this.delays.push(delayMs);
    if (this.delays.length > DELAY_WINDOW) {
      this.delays.splice(0, this.delays.length - DELAY_WINDOW);
    }
  }

  /** The most recent delays, oldest first (for the sparkline). */
  recentDelays(count: number): number[] {
    return this.delays.slice(-count);
  }

  /** The delay below which `fraction` of recent events arrived, or null. */
  delayPercentile(fraction: number): number | null {
    if (this.delays.length === 0) {
      return null;
    }
    const sorted = [...this.delays].sort((a, b) => a - b);
    const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
    return sorted[Math.max(0, index)] ?? null;
  }

  /** The largest recent delay, or null. */
  maxDelay(): number | null {
    return this.delays.length === 0 ? null : Math.max(...this.delays);
  }

  /** Requests made during the last 60 seconds (all of them, in a panel's first minute). */
  requestsInLastMinute(): number {
    this.trimRequestTimes();
    return this.requestTimes.length;
  }

  /** Protocol overhead bytes per delivered event, or null before the first event. */
  overheadPerEvent(): number | null {
    return this.events === 0 ? null : this.bytesOverhead / this.events;
  }

  private trimRequestTimes(): void {
    const cutoff = Date.now() - MINUTE_MS;
    let stale = 0;
    while (stale < this.requestTimes.length && (this.requestTimes[stale] ?? 0) < cutoff) {
      stale += 1;
    }
    if (stale > 0) {
      this.requestTimes.splice(0, stale);
    }
  }
}
