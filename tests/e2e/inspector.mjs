// The learner's tools around the panels: the wide wire inspector (its
// pinned handshake survives a fast ticker, Pause freezes it, filters hide
// ticker events and Socket.IO's pings/pongs, each frame is split into its
// parts, a sequence diagram draws every transport), the legend and tooltips,
// the connection meter that sums every tab of the browser, and the compact
// phone layout (tabs, no sideways scroll, long messages wrapping).

import { engineTransport, openPlayground, panelSelector, publish, waitUntilOpen } from "./lab.mjs";
import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);

/** Sets the server's ticker (events per second). */
async function setTicker(page, rate) {
  const answer = await page.request.post(`${base}/api/lab/ticker`, { data: { rate } });
  check(answer.status() === 200, `POST /api/lab/ticker {"rate": ${rate}} answers 200, got ${answer.status()}`);
}

/** Opens a panel's wide inspector and returns the drawer. */
async function openWide(page, transport) {
  const panel = page.locator(panelSelector(transport));
  const details = panel.locator("details.lab-wire");
  if ((await details.getAttribute("open")) === null) {
    await details.locator("summary").click();
  }
  await panel.locator(`button[data-open-inspector="${transport}"]`).click();
  const drawer = page.locator(`aside.lab-drawer[data-inspector="${transport}"]`);
  await drawer.waitFor();
  return drawer;
}

/** The `data-frame` of each row of a drawer list ("pinned" or "latest"). */
function rowsOf(drawer, list) {
  const selector = list === "pinned" ? "ol.lab-wide-list.is-pinned li.lab-wide-frame" : "ol.lab-wide-list.is-latest li.lab-wide-frame";
  return drawer.locator(selector).evaluateAll((rows) => rows.map((row) => row.dataset.frame));
}

/** The meter's numbers on a page: this tab's and the whole browser's. */
function meterOf(page) {
  return page.locator("lab-playground .lab-meter").evaluate((meter) => ({
    http: Number(meter.dataset.http),
    tabs: Number(meter.dataset.tabs),
    totalHttp: Number(meter.dataset.totalHttp),
    websocket: Number(meter.dataset.websocket),
    totalWebsocket: Number(meter.dataset.totalWebsocket),
    queued: Number(meter.dataset.queued),
    stall: meter.querySelector(".lab-meter-stall")?.textContent ?? "",
  }));
}

await runScenario("inspector", shots, async (browser) => {
  const page = await openPlayground(browser, base);
  await waitUntil("Socket.IO to upgrade to websocket", async () => (await engineTransport(page)) === "websocket");
  browser.step("playground open, Socket.IO on websocket");

  // The wide inspector opens on Socket.IO's traffic with its handshake pinned.
  let drawer = await openWide(page, "socketio");
  await waitUntil("the Socket.IO handshake to be pinned", async () => {
    const pinned = await rowsOf(drawer, "pinned");
    return pinned.some((raw) => raw.startsWith("0{")) && pinned.some((raw) => raw.startsWith("40/lab,")) && pinned.includes("5");
  });
  const openParts = await drawer
    .locator('ol.is-pinned li[data-frame^="0{"] .lab-part')
    .evaluateAll((parts) => parts.map((part) => part.dataset.part));
  check(openParts[0] === "eio-type" && openParts.includes("payload"), `the open packet is split into Engine.IO type and payload, got ${JSON.stringify(openParts)}`);

  // Many frames later (50 events a second), the handshake is still on top.
  await setTicker(page, 50);
  const wireCount = page.locator(`${panelSelector("socketio")} .lab-wire-count`);
  await waitUntil("more than 200 Socket.IO frames", async () => Number(await wireCount.textContent()) > 200, 15_000);
  const pinnedAfter = await rowsOf(drawer, "pinned");
  check(pinnedAfter.some((raw) => raw.startsWith("0{")) && pinnedAfter.includes("2probe") && pinnedAfter.includes("5"), `after ${await wireCount.textContent()} frames the handshake is still pinned: ${JSON.stringify(pinnedAfter.map((raw) => raw.slice(0, 12)))}`);
  const smallPinned = await page.locator(`${panelSelector("socketio")} ol.lab-wire-pinned li[data-frame^="0{"]`).count();
  check(smallPinned === 1, `the panel's own inspector pins the open packet too (found ${smallPinned})`);
  const eventParts = await drawer
    .locator('ol.is-latest li[data-frame^="42/lab,"]')
    .first()
    .locator(".lab-part")
    .evaluateAll((parts) => parts.map((part) => [part.dataset.part, part.querySelector("code").textContent]));
  check(
    JSON.stringify(eventParts.slice(0, 3)) === JSON.stringify([["eio-type", "4"], ["sio-type", "2"], ["namespace", "/lab,"]]) && eventParts[3]?.[0] === "payload",
    `a Socket.IO event reads Engine.IO 4, Socket.IO 2, namespace /lab, payload: got ${JSON.stringify(eventParts).slice(0, 160)}`,
  );
  await browser.screenshot(page, "wide-inspector-fast-ticker", { fullPage: false });
  browser.step(`handshake pinned after ${await wireCount.textContent()} frames; frames annotated part by part`);

  // Pause freezes the list while the panel keeps counting; Resume catches up.
  const newest = () => drawer.locator("ol.is-latest li.lab-wide-frame").first().getAttribute("data-seq");
  await drawer.locator('button[data-action="pause"]').click();
  const frozen = await newest();
  const countBefore = Number(await wireCount.textContent());
  await page.waitForTimeout(1000);
  check((await newest()) === frozen, "while paused the newest row stays the same");
  check(Number(await wireCount.textContent()) > countBefore, "while paused the panel still counts frames");
  check(/paused/.test(await drawer.locator(".lab-drawer-count").textContent()), "the drawer says it is paused");
  await drawer.locator('button[data-action="pause"]').click();
  await waitUntil("the resumed inspector to show newer frames", async () => Number(await newest()) > Number(frozen));
  browser.step("pause freezes the wide inspector, resume catches up");

  // Filter: ticker events hidden, then shown again.
  await drawer.locator('input[data-filter="ticks"]').check();
  await page.waitForTimeout(400);
  const withTicks = (await rowsOf(drawer, "latest")).filter((raw) => raw.includes('"kind":"tick"')).length;
  check(withTicks === 0, `hiding ticker events leaves none in the list, found ${withTicks}`);
  await drawer.locator('input[data-filter="ticks"]').uncheck();
  await waitUntil("ticker events to show again", async () => (await rowsOf(drawer, "latest")).some((raw) => raw.includes('"kind":"tick"')));
  await setTicker(page, 2);
  browser.step("the ticker-events filter hides and shows them");

  // The sequence diagram of each transport, from the frames seen.
  check((await drawer.locator("svg.lab-sequence-svg g.lab-seq-arrow").count()) > 5, "the Socket.IO diagram draws arrows");
  check((await drawer.locator("svg.lab-sequence-svg line.lab-seq-upgrade").count()) === 1, "the Socket.IO diagram marks the upgrade");
  await drawer.locator('button[data-action="close"]').click();
  await drawer.waitFor({ state: "detached" });
  drawer = await openWide(page, "long-polling");
  await waitUntil("the long-polling diagram to show held requests", async () => (await drawer.locator("svg.lab-sequence-svg rect.lab-seq-held").count()) >= 2);
  check((await drawer.locator("svg g.lab-seq-arrow.kind-http-request").count()) >= 2, "long-polling draws its requests");
  const requestParts = await drawer.locator('ol.is-latest li[data-kind="http-request"]').first().locator(".lab-part").evaluateAll((parts) => parts.map((part) => part.dataset.part));
  check(JSON.stringify(requestParts) === JSON.stringify(["method", "path", "query"]), `an HTTP request reads method, path, query, got ${JSON.stringify(requestParts)}`);
  await browser.screenshot(page, "sequence-long-polling", { fullPage: false });
  await drawer.locator('button[data-action="close"]').click();
  drawer = await openWide(page, "sse");
  await waitUntil("the SSE diagram to show one stream", async () => (await drawer.locator("svg.lab-sequence-svg rect.lab-seq-stream").count()) === 1);
  await browser.screenshot(page, "sequence-sse", { fullPage: false });
  await drawer.locator('button[data-action="close"]').click();
  browser.step("sequence diagrams: Socket.IO upgrade, long-polling held requests, one SSE stream");

  // The legend, the tooltips and a truthful request column.
  const legend = page.locator("lab-playground details.lab-legend");
  await legend.locator("summary").click();
  const legendText = await legend.textContent();
  for (const term of ["★", "p95", "payload", "overhead", "reconnecting", "websocket"]) {
    check(legendText.includes(term), `the legend explains "${term}"`);
  }
  const untitled = await page.locator("lab-playground dl.lab-counters > div").evaluateAll((items) => items.filter((item) => !item.title).length);
  check(untitled === 0, `every counter has a tooltip (${untitled} without)`);
  const headings = await page.locator("lab-playground table.lab-compare thead th[title]").allTextContents();
  check(headings.includes("Requests, last 60 s"), `the request column says what it counts, got ${JSON.stringify(headings)}`);
  const heads = await page.locator("lab-playground section.lab-panel .lab-panel-head").evaluateAll((items) =>
    items.map((head) => Math.abs(head.querySelector(".lab-panel-title").getBoundingClientRect().top - head.querySelector(".lab-badges").getBoundingClientRect().top)),
  );
  check(heads.every((offset) => offset < 6), `titles and badges line up in every panel header, offsets ${JSON.stringify(heads)}`);
  await browser.screenshot(legend, "legend");
  browser.step("legend, tooltips and the 'last 60 s' column");

  // The connection meter counts every tab of the browser.
  await setTicker(page, 0);
  const others = [await browser.newPage(), await browser.newPage()];
  for (const other of others) {
    await other.goto(`${base}/en/playground`);
    await other.locator("lab-playground .lab-meter").waitFor();
  }
  const pages = [page, ...others];
  let last = [];
  await waitUntil(
    "every page's meter to sum the three tabs",
    async () => {
      last = await Promise.all(pages.map(meterOf));
      const sum = last.reduce((total, meter) => total + meter.http, 0);
      return last.every((meter) => meter.tabs === 3 && meter.totalHttp === sum && meter.totalHttp >= 4);
    },
    15_000,
  ).catch((error) => {
    throw new Error(`${error.message}; meters: ${JSON.stringify(last)}`);
  });
  // Each playground holds a long-poll and an SSE stream: three tabs fill the six.
  check(last[0].totalHttp >= 6, `three playgrounds hold at least 6 HTTP connections, got ${last[0].totalHttp}`);
  check(last.every((meter) => meter.queued === meter.totalHttp - 6), `the requests beyond 6 are shown as queued: ${JSON.stringify(last.map((meter) => meter.queued))}`);
  check(last.every((meter) => meter.stall.includes("6")), "at the limit every meter explains the stall");
  await browser.screenshot(others[1].locator("lab-playground .lab-side"), "meter-three-tabs");
  browser.step(`three tabs: each meter shows ${last[0].totalHttp} HTTP / ${last[0].totalWebsocket} WebSocket for the browser (this tab ${last.map((meter) => meter.http).join(" + ")} HTTP, ${last.map((meter) => meter.websocket).join(" + ")} WebSocket), queued ${last[0].queued}`);
  for (const other of others) {
    await other.close();
  }
  await waitUntil("the meter to forget the closed tabs", async () => (await meterOf(page)).tabs === 1);
  await setTicker(page, 2);
  browser.step("closed tabs are forgotten");

  // A hidden tab pauses its panels, unless "keep running when hidden" is on.
  const hide = (hidden) =>
    page.evaluate((value) => {
      if (value) {
        Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      } else {
        delete document.visibilityState;
      }
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  const allStatuses = () => page.locator("lab-playground section.lab-panel").evaluateAll((panels) => panels.map((panel) => panel.dataset.status));
  await hide(true);
  await waitUntil("a hidden tab's panels to pause", async () => (await allStatuses()).every((status) => status === "paused"));
  await page.locator('lab-playground input[data-control="keep-running"]').check();
  await waitUntilOpen(page);
  browser.step("hidden: panels pause; 'keep running when hidden' reconnects them while still hidden");
  await page.locator('lab-playground input[data-control="keep-running"]').uncheck();
  await hide(false);
  await waitUntilOpen(page);

  // Faults say what they did: dropping polling has nothing to drop; a dropped
  // SSE stream says the lab dropped it, and the note clears once it is back.
  await page.locator('lab-playground button[data-drop="polling"]').click();
  await waitUntil("the drop of polling to be explained", async () => /nothing to drop/.test(await page.locator("lab-playground .lab-control-status").textContent()));
  const sseNote = page.locator(`${panelSelector("sse")} .lab-note`);
  await browser.whileExpecting([/Failed to load resource: net::ERR_/], async () => {
    await page.locator('lab-playground button[data-drop="sse"]').click();
    await waitUntil("the SSE panel to say the lab dropped it", async () => /the lab dropped the SSE stream/.test(await sseNote.textContent()));
    await waitUntilOpen(page, ["sse"]);
    await waitUntil("the note to clear once SSE is back", async () => (await sseNote.textContent()) === "");
  });
  const agree = await page.evaluate((selector) => {
    const panel = document.querySelector(selector);
    const row = document.querySelector('lab-playground table.lab-compare tr[data-transport="sse"]');
    const counter = Array.from(panel.querySelectorAll("dl.lab-counters > div")).find((item) => item.querySelector("dt").textContent === "reconnects");
    return { panel: [panel.dataset.status, counter.querySelector("dd").textContent], table: [row.dataset.status, row.dataset.reconnects] };
  }, panelSelector("sse"));
  check(JSON.stringify(agree.panel) === JSON.stringify(agree.table) && agree.panel[1] !== "0", `the SSE panel and the table agree: ${JSON.stringify(agree)}`);
  browser.step(`drop: polling explained, SSE dropped by the lab and back (panel and table: ${agree.panel.join(", ")} reconnect)`);

  // A phone: tabs instead of a tall column, no sideways scroll, long text wraps.
  await page.setViewportSize({ width: 390, height: 844 });
  await waitUntilOpen(page);
  const tabs = page.locator("lab-playground .lab-panel-tabs");
  check(await tabs.isVisible(), "on a phone the panels come with tabs");
  const visiblePanels = () =>
    page.locator("lab-playground section.lab-panel").evaluateAll((panels) => panels.filter((panel) => panel.offsetParent !== null).map((panel) => panel.dataset.transport));
  check(JSON.stringify(await visiblePanels()) === JSON.stringify(["polling"]), `one panel at a time, got ${JSON.stringify(await visiblePanels())}`);
  await tabs.locator('button[data-tab="sse"]').click();
  check(JSON.stringify(await visiblePanels()) === JSON.stringify(["sse"]), `the SSE tab shows the SSE panel, got ${JSON.stringify(await visiblePanels())}`);
  const tableTop = await page.locator("lab-playground table.lab-compare").first().evaluate((table) => table.getBoundingClientRect().top);
  const panelTop = await page.locator(panelSelector("sse")).evaluate((panel) => panel.getBoundingClientRect().top);
  check(tableTop < panelTop, "the comparison table comes above the panels");
  const text = `A long message to read on a phone: ${"realtime ".repeat(12)}${"x".repeat(60)}`;
  const id = await publish(page, "websocket", text);
  const row = page.locator(`${panelSelector("sse")} li[data-event-id="${id}"]`);
  await row.waitFor();
  const shape = await row.evaluate((item) => ({
    text: item.querySelector(".lab-event-text").getBoundingClientRect().height,
    id: item.querySelector(".lab-event-id").getBoundingClientRect().height,
    via: item.querySelector(".lab-via").getBoundingClientRect().right,
    viaText: item.querySelector(".lab-via").textContent,
  }));
  check(shape.text > shape.id * 2, `the long message wraps onto several lines (${shape.text}px vs a ${shape.id}px line)`);
  check(shape.via <= 390 && shape.viaText.includes("websocket"), `its transport shows without hovering (${shape.viaText}, right edge ${shape.via}px)`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `no sideways scroll at 390px (page is ${width}px wide)`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await browser.screenshot(page, "phone", { fullPage: false });
  await row.scrollIntoViewIfNeeded();
  await browser.screenshot(page.locator(panelSelector("sse")), "phone-sse-panel");
  browser.step(`phone: tabs, one panel at a time, table first, message #${id} wraps, page ${width}px wide`);

  // Socket.IO's heartbeats (every 25 s): hidden and shown by the filter.
  await tabs.locator('button[data-tab="socketio"]').click();
  drawer = await openWide(page, "socketio");
  const heartbeats = async () => (await rowsOf(drawer, "latest")).filter((raw) => raw === "2" || raw === "3").length;
  await waitUntil("a ping/pong from the server", async () => (await heartbeats()) > 0, 30_000);
  await drawer.locator('input[data-filter="heartbeats"]').check();
  await page.waitForTimeout(300);
  check((await heartbeats()) === 0, "hiding pings/pongs removes them from the list");
  await drawer.locator('input[data-filter="heartbeats"]').uncheck();
  await waitUntil("pings/pongs to show again", async () => (await heartbeats()) > 0);
  const widthWithDrawer = await page.evaluate(() => document.documentElement.scrollWidth);
  check(widthWithDrawer <= 390, `the wide inspector fits the phone (${widthWithDrawer}px)`);
  await browser.screenshot(page, "phone-inspector", { fullPage: false });
  browser.step("the pings/pongs filter hides and shows Socket.IO's heartbeats");
});
