// What every panel shares, whatever its transport: a cursor (the last event
// id seen), de-duplication by id, the counters, pausing while the tab is
// hidden, and reconnecting with exponential backoff. Each transport module
// (polling.ts, long_polling.ts, sse.ts, websocket.ts, socketio.ts) only says
// how to connect, how to disconnect and how to publish.
//
// The cursor is what makes recovery lossless: after any failure, a panel
// asks again for "everything after the last id I saw", so a dropped
// connection or a server restart costs time but never events. Ids keep
// increasing across restarts of the server process, so a cursor stays valid;
// they may jump there, which loses nothing (only `truncated: true` says
// events are gone).
//
// One cursor cannot be served: one AHEAD of the server's log (kept from
// another server, or the server lost its state file). The server then starts
// over from its oldest event and says so (`reset`); the panel forgets its
// cursor and the ids it saw, or the replay, whose ids are lower, would be
// dropped as duplicates.

import { answerLabel, getEventPage } from "./http";
import { closeInspectorOf, openInspector } from "./inspector";
import { fetchLab, recentFault } from "./lab_api";
import { formatNumber, t } from "./i18n";
import { PanelStatus, PanelView, WireFrame } from "./panel_view";
import { PanelStats } from "./stats";
import { LabEvent, PublishResult, ResetNotice, SkipNotice, TransportName, utf8Length } from "./types";
import { panelsMayRun } from "./visibility";

/** First retry after this many milliseconds, doubling up to the maximum. */
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 10_000;
/** How many ids a panel remembers to recognise duplicates. */
const SEEN_IDS_KEPT = 4096;

/**
 * Which panel received each recent event first (the "first" mark), by id
 * and creation time: after a reset the server may reuse ids for new events,
 * and the same event has the same `created_at` on every transport.
 */
const firstReceiver = new Map<string, TransportName>();

function claimFirst(event: LabEvent, transport: TransportName): boolean {
  const key = `${event.id}@${event.created_at}`;
  if (firstReceiver.has(key)) {
    return false;
  }
  firstReceiver.set(key, transport);
  if (firstReceiver.size > SEEN_IDS_KEPT) {
    const oldest = firstReceiver.keys().next();
    if (!oldest.done) {
      firstReceiver.delete(oldest.value);
    }
  }
  return true;
}

/** One live panel: a transport, its measurements and its view. */
export abstract class Panel {
  readonly stats = new PanelStats();
  readonly view: PanelView;
  /** The highest event id this panel has seen: where it resumes. */
  protected cursor = 0;
  /**
   * Bumped on every disconnect: an async loop started for an older session
   * sees the mismatch and stops, so a paused panel really goes quiet.
   */
  protected session = 0;
  private status: PanelStatus = "closed";
  private running = false;
  /** Once stopped, a panel never starts again (its element left the page). */
  private stopped = false;
  private paused = false;
  private failures = 0;
  private hadConnection = false;
  /** Set after a failure: the next successful connection is a reconnect. */
  private recovering = false;
  private seen = new Set<number>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stateListeners = new Set<() => void>();

  constructor(readonly transport: TransportName) {
    this.view = new PanelView(transport, this.stats);
    this.view.onOpenWide(() => openInspector(this.view));
  }

  /** The panel's root element (carries `data-transport` and `data-status`). */
  get element(): HTMLElement {
    return this.view.root;
  }

  /** The current connection state. */
  get currentStatus(): PanelStatus {
    return this.status;
  }

  /**
   * Calls `listener` whenever the status or the reconnect count changes, so
   * that every view of the panel (the comparison table, the tabs) says the
   * same at once. Returns an unsubscribe.
   */
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Starts the connection from `cursor` (the server's current last id, so a
   * fresh page shows live events rather than a replay of old ones), or keeps
   * it paused when the tab is hidden.
   */
  start(cursor: number): void {
    if (this.stopped) {
      return;
    }
    this.cursor = Math.max(this.cursor, cursor);
    this.running = true;
    if (!panelsMayRun()) {
      this.pause();
      return;
    }
    this.paused = false;
    this.openSession();
  }

  /** Closes everything for good (the element left the page). */
  stop(): void {
    this.stopped = true;
    this.running = false;
    this.closeSession();
    this.setStatus("closed");
    closeInspectorOf(this.view);
  }

  /** Closes the connection but keeps the cursor, to resume later. */
  pause(): void {
    if (!this.running || this.paused) {
      return;
    }
    this.paused = true;
    this.closeSession();
    this.setStatus("paused");
  }

  /** Reconnects after a pause, from the cursor. */
  resume(): void {
    if (!this.running || !this.paused) {
      return;
    }
    this.paused = false;
    this.openSession();
  }

  /** Publishes a message through this panel's transport. */
  abstract publish(text: string): Promise<PublishResult>;

  /** Opens the transport for the current session. */
  protected abstract connect(session: number): void;

  /** Closes whatever the transport holds open. */
  protected abstract disconnect(): void;

  /** Whether an async callback still belongs to the live session. */
  protected isCurrent(session: number): boolean {
    return session === this.session && this.running && !this.paused;
  }

  /** The transport is connected (or answered): reset the backoff. */
  protected connected(): void {
    if (this.recovering) {
      this.stats.reconnects += 1;
      this.recovering = false;
    }
    this.failures = 0;
    this.hadConnection = true;
    this.view.clearError();
    this.setStatus("open");
  }

  /**
   * The transport failed: show why, and call `retry` after an exponential
   * backoff (unless the panel was paused or stopped meanwhile).
   */
  protected failed(session: number, reason: string, retry: () => void): void {
    if (!this.isCurrent(session)) {
      return;
    }
    this.failures += 1;
    this.recovering = this.hadConnection;
    this.setStatus(this.hadConnection ? "reconnecting" : "connecting");
    this.view.showNote(reason, "error");
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.failures - 1));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.isCurrent(session)) {
        retry();
      }
    }, delay * (0.8 + Math.random() * 0.4));
  }

  /** A transport that reconnects by itself (EventSource, Socket.IO) lost its connection. */
  protected lostConnection(reason: string): void {
    this.recovering = this.hadConnection;
    this.setStatus(this.hadConnection ? "reconnecting" : "connecting");
    this.view.showNote(reason, "error");
  }

  /**
   * Records a received event. Returns false for a duplicate (an id seen
   * before, e.g. replayed after a reconnect), which is not counted again.
   */
  protected deliver(event: LabEvent): boolean {
    const delayMs = Math.max(0, Date.now() - event.created_at);
    if (this.seen.has(event.id)) {
      this.stats.duplicates += 1;
      this.view.scheduleDraw();
      return false;
    }
    // Ids are consecutive in one run of the server: a jump past the cursor
    // is events this panel never got (replay off, or it fell behind).
    if (this.cursor > 0 && event.id > this.cursor + 1) {
      void this.countMissed(this.cursor + 1, event.id - 1);
    }
    this.seen.add(event.id);
    if (this.seen.size > SEEN_IDS_KEPT) {
      const oldest = this.seen.values().next();
      if (!oldest.done) {
        this.seen.delete(oldest.value);
      }
    }
    this.cursor = Math.max(this.cursor, event.id);
    this.stats.countDelivery(delayMs);
    this.view.addEvent(event, delayMs, claimFirst(event, this.transport));
    return true;
  }

  /**
   * Counts the ids `from`..=`to` as missed, except those below the first id
   * of the server's current run: after a real restart of the process ids
   * jump ahead, and the ids skipped there were never given to any event.
   */
  private async countMissed(from: number, to: number): Promise<void> {
    const firstId = (await fetchLab())?.first_id ?? from;
    const missed = to - Math.max(from, firstId) + 1;
    if (missed > 0) {
      this.stats.missed += missed;
      this.view.scheduleDraw();
    }
  }

  /**
   * The server's log started over: the cursor was ahead of it. Forgets the
   * cursor and the ids seen, so the replay that follows (lower ids) is shown,
   * and says so in the note and in the event list.
   */
  protected startOver(notice: ResetNotice): void {
    this.cursor = 0;
    this.seen.clear();
    this.stats.resets += 1;
    this.view.showNote(t("log_reset"));
    this.view.addMarker(`${t("log_reset")} (${t("last_id")}: #${notice.last_id})`);
  }

  /** The client fell behind the server's ring: say how many events it skipped. */
  protected fellBehind(notice: SkipNotice): void {
    const text = `${t("log_skipped")}: ${formatNumber(notice.skipped)}`;
    this.view.showNote(text);
    this.view.addMarker(`${text} (${t("last_id")}: #${notice.last_id})`);
  }

  /**
   * One request of the HTTP panels (polling and long-polling): GETs an event
   * page, shows it in the wire inspector, counts it and delivers its events
   * (after forgetting the cursor when the page says `reset`).
   * Resolves false when the request failed; `retry` is then scheduled.
   */
  protected async requestPage(url: string, session: number, signal: AbortSignal, retry: () => void): Promise<boolean> {
    this.countRequest();
    this.frame({ direction: "out", raw: `GET ${url}`, label: "GET", kind: "http-request" });
    try {
      const answer = await getEventPage(url, signal);
      if (!this.isCurrent(session)) {
        return false;
      }
      this.frame({ direction: "in", raw: answer.body, label: answerLabel(answer), kind: "http-response", status: answer.status });
      if (!answer.page) {
        this.stats.countBytes(answer.wireBytes, 0);
        this.failed(session, this.labReason(answer.error), retry);
        return false;
      }
      this.connected();
      if (answer.page.reset) {
        this.startOver({ reset: true, last_id: answer.page.last_id });
      }
      if (answer.page.skipped > 0) {
        this.fellBehind({ skipped: answer.page.skipped, last_id: answer.page.last_id });
      }
      this.countBytes(answer.wireBytes, answer.page.events);
      if (answer.page.events.length === 0) {
        this.stats.emptyResponses += 1;
      }
      for (const event of answer.page.events) {
        this.deliver(event);
      }
      return true;
    } catch (error) {
      if (this.isCurrent(session)) {
        this.frame({ direction: "note", raw: String(error), label: t("request_failed"), kind: "note" });
      }
      this.failed(session, this.labReason(`${t("request_failed")}: ${String(error)}`), retry);
      return false;
    }
  }

  /**
   * Why a connection ended, naming the lab when this page just asked it to
   * drop this transport or to restart: "dropped by the lab: …".
   */
  protected labReason(reason: string): string {
    const fault = recentFault(this.transport);
    if (fault === "drop") {
      return `${t("lab_dropped")}: ${reason}`;
    }
    if (fault === "restart") {
      return `${t("lab_restarted")}: ${reason}`;
    }
    return reason;
  }

  /** A new connection starts: pin its first `count` wire rows as its handshake. */
  protected beginHandshake(count: number): void {
    this.view.beginHandshake(count);
  }

  /** Counts received bytes: `raw` on the wire, of which the events' JSON is payload. */
  protected countBytes(total: number, events: LabEvent[]): void {
    const payload = events.reduce((sum, event) => sum + utf8Length(JSON.stringify(event)), 0);
    this.stats.countBytes(total, payload);
    this.view.scheduleDraw();
  }

  /** Counts one request made. */
  protected countRequest(): void {
    this.stats.countRequest();
    this.view.scheduleDraw();
  }

  /** Adds a row to the wire inspector. */
  protected frame(frame: WireFrame): void {
    this.view.addFrame(frame);
  }

  /** Changes the connection state. */
  protected setStatus(status: PanelStatus): void {
    this.status = status;
    this.view.showStatus(status);
    for (const listener of this.stateListeners) {
      listener();
    }
  }

  private openSession(): void {
    this.session += 1;
    this.failures = 0;
    this.recovering = false;
    this.setStatus("connecting");
    this.view.beginHandshake(2);
    this.connect(this.session);
  }

  private closeSession(): void {
    this.session += 1;
    clearTimeout(this.retryTimer);
    this.disconnect();
  }
}
