// Polling: ask "anything after id N?" every few seconds, whether or not
// something happened. Simple and works everywhere, but most answers are
// empty, every answer pays full HTTP headers, and an event waits on average
// half an interval before anyone asks for it.

import { publishOverHttp } from "./http";
import { Panel } from "./panel";
import { PublishResult } from "./types";

/** The default time between two polls, in milliseconds. */
export const DEFAULT_POLL_INTERVAL_MS = 2000;

/** The polling panel. */
export class PollingPanel extends Panel {
  private interval = DEFAULT_POLL_INTERVAL_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;

  constructor() {
    super("polling");
  }

  /** Changes the time between polls (takes effect after the current wait). */
  setInterval(ms: number): void {
    this.interval = ms;
  }

  publish(text: string): Promise<PublishResult> {
    return publishOverHttp(text, "polling");
  }

  protected connect(session: number): void {
    void this.poll(session);
  }

  protected disconnect(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  private async poll(session: number): Promise<void> {
    this.abort = new AbortController();
    const url = `/api/poll?since=${this.cursor}`;
    if (await this.requestPage(url, session, this.abort.signal, () => void this.poll(session))) {
      this.timer = setTimeout(() => {
        if (this.isCurrent(session)) {
          void this.poll(session);
        }
      }, this.interval);
    }
  }
}
