// Long-polling (Comet): the same question as polling, but the server holds
// the request open until an event exists or a timeout passes. Events arrive
// almost at once, empty answers are rare, and each request still costs a
// full set of HTTP headers — plus one of the browser's ~6 connections,
// held for as long as the request waits.

import { answerLabel, getEventPage, publishOverHttp } from "./http";
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
    const url = `/api/long-poll?since=${this.cursor}&timeout=${this.timeoutSeconds}`;
    this.abort = new AbortController();
    this.countRequest();
    this.frame({ direction: "out", raw: `GET ${url}`, label: "GET" });
    try {
      const answer = await getEventPage(url, this.abort.signal);
      if (!this.isCurrent(session)) {
        return;
      }
      this.frame({ direction: "in", raw: answer.body, label: answerLabel(answer) });
      if (!answer.page) {
        this.stats.countBytes(answer.wireBytes, 0);
        this.failed(session, answer.error, () => void this.wait(session));
        return;
      }
      this.connected();
      this.countBytes(answer.wireBytes, answer.page.events);
      if (answer.page.events.length === 0) {
        this.stats.emptyResponses += 1;
      }
      for (const event of answer.page.events) {
        this.deliver(event);
      }
      // Ask again at once: the next request is what waits for the next event.
      void this.wait(session);
    } catch (error) {
      this.failed(session, String(error), () => void this.wait(session));
    }
  }
}
