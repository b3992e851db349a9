// The playground, as a learner uses it: all five panels connect, a message
// published through each transport shows up with the same id in all five,
// the Socket.IO wire inspector decodes the frames it saw, refusing WebSocket
// upgrades keeps Socket.IO on long-polling, and a simulated server restart
// costs every panel a reconnection but no event. The panels embedded in a
// chapter connect too. No unexpected console error anywhere.

import {
  TRANSPORTS,
  engineTransport,
  labSnapshot,
  openPlayground,
  panelCounter,
  panelSelector,
  publish,
  shownEventIds,
  waitForEventInPanels,
  waitUntilOpen,
} from "./lab.mjs";
import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);

/** What the browser logs when a WebSocket upgrade is refused (expected while blocking them). */
const WEBSOCKET_REFUSED = /WebSocket connection to .* failed/;
/**
 * What the browser logs for a request cut off by the simulated restart: a
 * network error, or the `503` a held long-poll is answered with.
 */
const REQUEST_CUT = /Failed to load resource: (net::ERR_|the server responded with a status of 503)/;

await runScenario("playground", shots, async (browser) => {
  const page = await openPlayground(browser, base);
  browser.step("all five panels are open");

  // Socket.IO starts on long-polling and upgrades to a WebSocket.
  await waitUntil("Socket.IO to upgrade to websocket", async () => (await engineTransport(page)) === "websocket");
  browser.step("Socket.IO upgraded from polling to websocket");

  // A message published through each transport reaches every panel, same id.
  for (const transport of TRANSPORTS) {
    const text = `hello through ${transport}`;
    const id = await publish(page, transport, text);
    await waitForEventInPanels(page, id);
    const texts = await page
      .locator(`lab-playground section.lab-panel li[data-event-id="${id}"] .lab-message`)
      .allTextContents();
    check(texts.length === TRANSPORTS.length && texts.every((shown) => shown === text), `event #${id} reads "${text}" in all panels, got ${JSON.stringify(texts)}`);
    browser.step(`published through ${transport}: event #${id} in all five panels`);
  }
  await browser.screenshot(page, "published-everywhere");
  browser.assertNoConsoleErrors("publishing");

  // The wire inspector shows Socket.IO's frames, decoded.
  const socketIo = page.locator(panelSelector("socketio"));
  await socketIo.locator("details.lab-wire > summary").click();
  const eventFrame = socketIo.locator('li.lab-frame[data-frame^="42/lab,[\\"event\\","]').first();
  await eventFrame.waitFor();
  const label = await eventFrame.locator(".lab-frame-label").textContent();
  const raw = await eventFrame.getAttribute("data-frame");
  const rawId = JSON.parse(raw.slice("42/lab,".length))[1].id;
  check(/^42 event\b/.test(label) && label.endsWith(`#${rawId}`), `the frame ${raw.slice(0, 40)}… is decoded as a Socket.IO event #${rawId}, got "${label}"`);
  const labels = await socketIo.locator("li.lab-frame .lab-frame-label").allTextContents();
  // The publish through Socket.IO above went out as an event with an ack id and came back as an ack.
  check(labels.includes('42 event "publish"'), `the inspector shows the publish going out, got ${JSON.stringify(labels.slice(0, 12))}`);
  check(labels.some((text) => /^43 ack \/lab #\d+$/.test(text)), `the inspector shows the publish's ack, got ${JSON.stringify(labels.slice(0, 12))}`);
  await browser.screenshot(socketIo, "socketio-wire-inspector");
  browser.step(`wire inspector: ${labels.length} Socket.IO frames, e.g. "${label}"`);

  // Refused upgrades: Socket.IO stays on long-polling and still delivers.
  await browser.whileExpecting([WEBSOCKET_REFUSED], async () => {
    await page.locator('lab-playground input[data-control="block-upgrades"]').check();
    await waitUntil("the server to block upgrades", async () => (await labSnapshot(page, base)).block_upgrades === true);
    await page.reload();
    const others = TRANSPORTS.filter((name) => name !== "websocket");
    await waitUntilOpen(page, others);
    await socketIo.locator("details.lab-wire > summary").click();
    await socketIo.locator("li.lab-frame.dir-note .lab-frame-label", { hasText: "upgrade refused" }).first().waitFor();
    await page.waitForTimeout(2000);
    check((await engineTransport(page)) === "polling", `with upgrades blocked Socket.IO stays on polling, got ${await engineTransport(page)}`);
    const websocketStatus = await page.locator(panelSelector("websocket")).getAttribute("data-status");
    check(websocketStatus !== "open", `with upgrades blocked the raw WebSocket panel cannot open, got ${websocketStatus}`);
    const id = await publish(page, "socketio", "sent over long-polling");
    await waitForEventInPanels(page, id, others);
    await browser.screenshot(page, "upgrades-blocked");
    browser.step(`upgrades blocked: Socket.IO on polling delivered #${id}, WebSocket panel ${websocketStatus}`);

    await page.locator('lab-playground input[data-control="block-upgrades"]').uncheck();
    await waitUntil("the server to allow upgrades", async () => (await labSnapshot(page, base)).block_upgrades === false);
  });
  await page.reload();
  await waitUntilOpen(page);
  await waitUntil("Socket.IO to upgrade again", async () => (await engineTransport(page)) === "websocket");
  browser.assertNoConsoleErrors("unblocking upgrades");
  browser.step("upgrades allowed again: every panel open, Socket.IO on websocket");

  // A simulated restart: every panel reconnects, and no event goes missing,
  // not even one published while the panels were reconnecting.
  await browser.whileExpecting([WEBSOCKET_REFUSED, REQUEST_CUT], async () => {
    await waitUntil("a few events before the restart", async () => Object.values(await shownEventIds(page)).every((ids) => ids.length >= 3));
    const before = (await labSnapshot(page, base)).last_id;
    const restarts = (await labSnapshot(page, base)).restarts;
    await page.locator("lab-playground .lab-button.is-danger").click();
    const published = await page.request.post(`${base}/api/publish`, { data: { text: "published during the restart", via: "polling" } });
    check(published.status() === 201, `POST /api/publish answers 201 during the restart, got ${published.status()}`);
    const { id } = await published.json();
    await waitUntil("the server to count the restart", async () => (await labSnapshot(page, base)).restarts > restarts);
    await waitUntilOpen(page);
    await waitForEventInPanels(page, id);
    await waitForEventInPanels(page, id + 2);
    const shown = await shownEventIds(page);
    for (const [transport, ids] of Object.entries(shown)) {
      const first = ids[0];
      const last = ids[ids.length - 1];
      check(first <= before, `${transport} still shows events from before the restart (first #${first}, restart after #${before})`);
      const gaps = [];
      for (let expected = first; expected <= last; expected += 1) {
        if (!ids.includes(expected)) {
          gaps.push(expected);
        }
      }
      check(gaps.length === 0, `${transport} lost no event across the restart, missing: ${gaps.join(", ")}`);
      const counted = [await panelCounter(page, transport, "missed"), await panelCounter(page, transport, "duplicates")];
      check(counted[0] === "0" && counted[1] === "0", `${transport} counts no missed or duplicate event with replay on, got ${counted.join(" / ")}`);
    }
    for (const transport of ["sse", "websocket", "socketio"]) {
      const reconnects = Number(await panelCounter(page, transport, "reconnects"));
      check(reconnects >= 1, `the restart closed the ${transport} connection and the panel reconnected (reconnects: ${reconnects})`);
    }
    await browser.screenshot(page, "after-restart");
    browser.step(`restart: every panel open again, none lost an event (#${before} -> #${id}, published mid-restart)`);
  });

  // How it looks in the dark theme and on a phone.
  await page.locator(".theme-toggle").click();
  await browser.screenshot(page, "dark");
  await page.setViewportSize({ width: 390, height: 844 });
  await waitUntilOpen(page);
  const phoneWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  check(phoneWidth <= 390, `the playground fits a 390px screen (page is ${phoneWidth}px wide)`);
  await browser.screenshot(page, "phone-dark");
  await page.locator(".theme-toggle").click();
  await page.close();
  browser.assertNoConsoleErrors("the playground");

  // The panels a chapter embeds connect as well.
  const chapter = await browser.newPage();
  await chapter.goto(`${base}/en/02-http-comet-websockets`);
  const embedded = chapter.locator("lab-panels section.lab-panel");
  await embedded.first().waitFor();
  const count = await embedded.count();
  await waitUntil(
    "the chapter's panels to be open",
    async () => (await embedded.evaluateAll((panels) => panels.map((panel) => panel.dataset.status))).every((status) => status === "open"),
    15_000,
  );
  await waitUntil("an event in every embedded panel", async () =>
    (await embedded.evaluateAll((panels) => panels.map((panel) => panel.querySelectorAll("li[data-event-id]").length))).every((rows) => rows > 0),
  );
  await browser.screenshot(chapter.locator("lab-panels").first(), "chapter-panels");
  await chapter.close();
  browser.step(`chapter 2: ${count} embedded panels open and receiving events`);
});
