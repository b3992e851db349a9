// Text is text: a message with HTML in it, published through each of the
// five transports, shows as the same literal characters in every panel and
// in the wire inspector, and no script in it runs. The same holds for the
// course's search box and search page.

import { TRANSPORTS, openPlayground, panelSelector, publish, waitForEventInPanels } from "./lab.mjs";
import { check, runScenario, scenarioArgs } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);

/** Sets `window.__xss` if a browser ever treats it as markup. */
const PAYLOAD = `<img src=x onerror="window.__xss=1">`;

/** Fails if the payload ran or became an element anywhere on the page. */
async function checkNothingRan(page, where) {
  const ran = await page.evaluate(() => window.__xss);
  check(ran === undefined, `no script ran on ${where} (window.__xss is ${ran})`);
  const injected = await page.locator('img[src="x"]').count();
  check(injected === 0, `no <img src=x> element on ${where}, found ${injected}`);
}

await runScenario("xss", shots, async (browser) => {
  const page = await openPlayground(browser, base);

  for (const transport of TRANSPORTS) {
    const id = await publish(page, transport, PAYLOAD);
    await waitForEventInPanels(page, id);
    const shown = await page
      .locator(`lab-playground section.lab-panel li[data-event-id="${id}"] .lab-message`)
      .allTextContents();
    check(shown.length === TRANSPORTS.length && shown.every((text) => text === PAYLOAD), `event #${id} shows the HTML as text in all panels, got ${JSON.stringify(shown)}`);
    browser.step(`published through ${transport}: #${id} shown as text in all five panels`);
  }
  const socketIo = page.locator(panelSelector("socketio"));
  await socketIo.locator("details.lab-wire > summary").click();
  const rawFrames = await socketIo.locator("li.lab-frame .lab-frame-raw").allTextContents();
  check(rawFrames.some((raw) => raw.includes(JSON.stringify(PAYLOAD).slice(1, -1))), "the wire inspector shows the message's JSON as text");
  await checkNothingRan(page, "the playground");
  await browser.screenshot(page, "playground-html-as-text");
  await browser.screenshot(socketIo, "socketio-panel-html-as-text");
  browser.assertNoConsoleErrors("the playground");

  // The course's search: the live dropdown and the search page.
  const search = await browser.newPage();
  await search.goto(`${base}/en/`);
  await search.locator(".search-input").fill(PAYLOAD);
  await search.locator(".search-results").waitFor({ state: "visible" });
  await checkNothingRan(search, "the search dropdown");
  await search.goto(`${base}/en/search?q=${encodeURIComponent(PAYLOAD)}`);
  check((await search.locator(".search-input").inputValue()) === PAYLOAD, "the search page keeps the query as typed");
  check((await search.locator("main").textContent()).includes(`“${PAYLOAD}”`), "the search page repeats the query as text");
  await checkNothingRan(search, "the search page");
  await browser.screenshot(search, "search-page-html-as-text");
  browser.assertNoConsoleErrors("the search");
  browser.step("search box and search page show the HTML as text");
});
