// Plain HTTP for the panels that use it: reading an event page (polling and
// long-polling), publishing with `POST /api/publish`, and estimating how
// many bytes a response really took on the wire. `fetch` hides the status
// line and the raw header block, so they are rebuilt from what it exposes.

import { FetchedText, fetchText } from "./connections";
import { t } from "./i18n";
import {
  asErrorBody,
  asEventPage,
  asPublishAck,
  EventPage,
  parseJson,
  publishResult,
  PublishResult,
  TransportName,
  utf8Length,
} from "./types";

/** An answer of `/api/poll` or `/api/long-poll`, with its size on the wire. */
export interface PageAnswer {
  status: number;
  /** The events, or null when the body was not an event page (an error). */
  page: EventPage | null;
  /** The raw body text, for the wire inspector. */
  body: string;
  /** Status line + headers + body, in bytes. */
  wireBytes: number;
  /** The server's `{"error": …}` message, or the status text. */
  error: string;
}

/** Bytes of an HTTP/1.1 response head: status line, headers, blank line. */
export function responseHeadBytes(answer: FetchedText): number {
  let bytes = utf8Length(`HTTP/1.1 ${answer.status} ${answer.statusText}\r\n`) + 2;
  answer.headers.forEach((value, name) => {
    bytes += utf8Length(`${name}: ${value}\r\n`);
  });
  return bytes;
}

/** The message of a JSON error body (`{"error": …}`), or the status line's. */
export function errorMessage(answer: FetchedText): string {
  const body = asErrorBody(parseJson(answer.text));
  return body ? `${answer.status}: ${body.error}` : `${answer.status} ${answer.statusText}`.trim();
}

/** GETs an event page; network errors reject, HTTP errors resolve with `page: null`. */
export async function getEventPage(url: string, signal: AbortSignal): Promise<PageAnswer> {
  const answer = await fetchText(url, { signal, cache: "no-store" });
  const page = answer.status === 200 ? asEventPage(parseJson(answer.text)) : null;
  return {
    status: answer.status,
    page,
    body: answer.text,
    wireBytes: responseHeadBytes(answer) + utf8Length(answer.text),
    error: page ? "" : errorMessage(answer),
  };
}

/** `POST /api/publish` with `{"text", "via"}` (and `message_id`, which makes a retry idempotent). */
export async function publishOverHttp(text: string, via: TransportName, messageId?: string): Promise<PublishResult> {
  try {
    const answer = await fetchText("/api/publish", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(messageId === undefined ? { text, via } : { text, via, message_id: messageId }),
    });
    if (answer.status === 201) {
      return publishResult(asPublishAck(parseJson(answer.text)));
    }
    return { error: errorMessage(answer) };
  } catch (error) {
    return { error: String(error) };
  }
}

/** The wire inspector's label for an answer: "200 · 3 events", "200 · reset · 3 events". */
export function answerLabel(answer: PageAnswer): string {
  if (!answer.page) {
    return String(answer.status);
  }
  const reset = answer.page.reset ? " · reset" : "";
  return `${answer.status}${reset} · ${answer.page.events.length} ${t("events")}`;
}
