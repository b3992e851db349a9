// Long-polling (Comet): the same question as polling, but the server holds
// the request open until an event exists or a timeout passes. Events arrive
// almost at once, empty answers are rare, and each request still costs a
// full set of HTTP headers — plus one of the browser's ~6 connections,
// held for as long as the request waits.

import { publishOverHttp } from "./http";
import { Panel } from "./panel";
import { PublishResult } from "./types";

/** The server's default long-poll timeout, in seconds. */
export const DEFAULT_LONG_POLL_TIMEOUT_S = 25;

/** The long-polling panel. */
export class LongPollingPanel extends Panel {
  private timeoutSeconds = DEFAULT_LONG_POLL_TIMEOUT_S;
  private abort: AbortController | undefined;

  constructor() {
    super("long-polling");
  }

  /** Changes how long the server may hold a request (1–60 s), from the next request on. */
  setTimeoutSeconds(seconds: number): void {
    this.timeoutSeconds = seconds;
  }

  publish(text: string): Promise<PublishResult> {
    return publishOverHttp(text, "long-polling");
  }

  protected connect(session: number): void {
    void this.wait(session);
  }

  protected disconnect(): void {
    this.abort?.abort();
  }

  private async wait(session: number): Promise<void> {
    this.abort = new AbortController();
    const url = `/api/long-poll?since=${this.cursor}&timeout=${this.timeoutSeconds}`;
    if (await this.requestPage(url, session, this.abort.signal, () => void this.wait(session))) {
      // Ask again at once: the next request is what waits for the next event.
      void this.wait(session);
    }
  }
}
