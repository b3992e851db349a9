// What the playground scenarios share: the page's hooks from the wire
// contract (playground/README.md) — panel roots carry `data-transport` and
// `data-status`, the Socket.IO panel `data-engine-transport`, event rows
// `data-event-id`, wire inspector rows `data-frame` — and the moves a learner
// makes: publish through a transport, wait for an event in every panel.

import { check, waitUntil } from "./lib.mjs";

/** Every transport, in the order the playground shows its panels. */
export const TRANSPORTS = ["polling", "long-polling", "sse", "websocket", "socketio"];

/** A panel of `<lab-playground>` (not its row in the comparison table). */
export const panelSelector = (transport) => `lab-playground section.lab-panel[data-transport="${transport}"]`;

/** `{transport: data-status}` of the given panels. */
export function panelStatuses(page, transports = TRANSPORTS) {
  return page.evaluate(
    ([selectors, names]) => Object.fromEntries(names.map((name, index) => [name, document.querySelector(selectors[index])?.dataset.status ?? "missing"])),
    [transports.map(panelSelector), transports],
  );
}

/** Waits until every listed panel says `data-status="open"`. */
export async function waitUntilOpen(page, transports = TRANSPORTS, timeoutMs = 15_000) {
  let last = {};
  await waitUntil(
    "every panel to be open",
    async () => {
      last = await panelStatuses(page, transports);
      return transports.every((name) => last[name] === "open");
    },
    timeoutMs,
  ).catch((error) => {
    throw new Error(`${error.message}; statuses: ${JSON.stringify(last)}`);
  });
}

/** Socket.IO's current Engine.IO transport, as its panel shows it. */
export function engineTransport(page) {
  return page.evaluate((selector) => document.querySelector(selector)?.dataset.engineTransport ?? null, panelSelector("socketio"));
}

/** Opens the full-page playground and waits for all five panels to connect. */
export async function openPlayground(browser, base) {
  const page = await browser.newPage();
  await page.goto(`${base}/en/playground`);
  await page.locator("lab-playground .lab-playground").waitFor();
  check((await page.locator("lab-playground .live-fallback").count()) === 0, "the playground replaced its fallback text");
  const panels = await page.locator("lab-playground section.lab-panel").count();
  check(panels === TRANSPORTS.length, `the playground shows ${TRANSPORTS.length} panels, found ${panels}`);
  await waitUntilOpen(page);
  return page;
}

/**
 * Publishes `text` with the playground's publish box through `transport`
 * and returns the event id the server gave it.
 */
export async function publish(page, transport, text) {
  const form = page.locator("lab-playground form.lab-publish");
  const result = form.locator("output.lab-publish-result");
  await result.evaluate((output) => {
    delete output.dataset.eventId;
    delete output.dataset.tone;
  });
  await form.locator("input.lab-input").fill(text);
  await form.locator("select.lab-select").selectOption(transport);
  await form.locator('button[type="submit"]').click();
  await waitUntil(`an answer to the publish through ${transport}`, () => result.evaluate((output) => output.dataset.tone !== undefined));
  const tone = await result.getAttribute("data-tone");
  check(tone === "ok", `publishing through ${transport} succeeded, got: ${await result.textContent()}`);
  const id = Number(await result.getAttribute("data-event-id"));
  check(Number.isInteger(id) && id > 0, `the publish answer carries an event id, got ${id}`);
  return id;
}

/** Waits until event `id` is shown in every listed panel; names the ones it never reached. */
export async function waitForEventInPanels(page, id, transports = TRANSPORTS, timeoutMs = 10_000) {
  let missing = transports;
  await waitUntil(
    `event #${id} in every panel`,
    async () => {
      missing = await page.evaluate(
        ([names, eventId]) =>
          names.filter((name) => !document.querySelector(`lab-playground section.lab-panel[data-transport="${name}"] li[data-event-id="${eventId}"]`)),
        [transports, id],
      );
      return missing.length === 0;
    },
    timeoutMs,
  ).catch((error) => {
    throw new Error(`${error.message}; missing in: ${missing.join(", ")}`);
  });
}

/** The event ids each panel shows, `{transport: [ids...]}` sorted ascending. */
export function shownEventIds(page, transports = TRANSPORTS) {
  return page.evaluate(
    (names) =>
      Object.fromEntries(
        names.map((name) => [
          name,
          Array.from(document.querySelectorAll(`lab-playground section.lab-panel[data-transport="${name}"] li[data-event-id]`))
            .map((row) => Number(row.getAttribute("data-event-id")))
            .sort((a, b) => a - b),
        ]),
      ),
    transports,
  );
}

/** A panel's counter as shown (`events`, `requests`, `reconnects`, ...), or null. */
export function panelCounter(page, transport, name) {
  return page.evaluate(
    ([selector, wanted]) => {
      const pair = Array.from(document.querySelectorAll(`${selector} dl.lab-counters > div`)).find((item) => item.querySelector("dt")?.textContent === wanted);
      return pair ? pair.querySelector("dd")?.textContent ?? null : null;
    },
    [panelSelector(transport), name],
  );
}

/** The server's lab snapshot (`GET /api/lab`). */
export async function labSnapshot(page, base) {
  const answer = await page.request.get(`${base}/api/lab`);
  check(answer.status() === 200, `GET /api/lab answers 200, got ${answer.status()}`);
  return answer.json();
}
