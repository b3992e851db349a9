// The frame around the lessons, as a learner meets it: search results with
// the query's words marked and arrow keys that move through them, a
// language switch that keeps the section being read, a 404 page in the
// normal layout, copy buttons on code, and every kind of page at phone width
// without sideways scrolling. Screenshots of each.

import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);
const CHAPTER = "02-http-comet-websockets";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** What Chromium logs for a page that answers 404 on purpose. */
const EXPECTED_404 = [/no-such-chapter: Failed to load resource: the server responded with a status of 404/];

/** Lower case without accents, as the server's search folds words. */
const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** Fails if the page is wider than its window. */
async function checkNoSidewaysScroll(page, what) {
  const { width, viewport } = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  check(width <= viewport, `${what} fits a ${viewport}px window (page is ${width}px wide)`);
}

/** The heading ids a language-switch link lists for its language. */
async function anchorsOf(page, code) {
  const value = await page.locator(`.lang-switch a[hreflang="${code}"]`).getAttribute("data-anchors");
  return value ? value.split(" ") : [];
}

await runScenario("site", shots, async (browser) => {
  const page = await browser.newPage();
  await page.setViewportSize(DESKTOP);

  // Search as you type: matched words are marked, arrow keys choose, Enter follows.
  await page.goto(`${base}/en/`);
  const input = page.locator(".search-input");
  const results = page.locator(".search-results");
  await input.pressSequentially("websocket", { delay: 20 });
  await results.waitFor({ state: "visible" });
  await results.locator("a").first().waitFor();
  const marks = await results.locator("mark").allTextContents();
  check(marks.length > 0, "the dropdown marks the query's words");
  check(marks.every((text) => fold(text).includes("websocket")), `every mark is the query's word: ${marks.join(", ")}`);
  check((await input.getAttribute("aria-expanded")) === "true", "the search box says aria-expanded=true");
  const links = results.locator("a");
  const count = await links.count();
  check(count >= 2, `at least two results to move through (got ${count})`);
  await input.press("ArrowDown");
  check((await links.nth(0).getAttribute("aria-selected")) === "true", "ArrowDown chooses the first result");
  await input.press("ArrowDown");
  check((await links.nth(1).getAttribute("aria-selected")) === "true", "ArrowDown again chooses the second");
  check((await links.nth(0).getAttribute("aria-selected")) === "false", "only one result is chosen");
  await input.press("ArrowUp");
  check((await links.nth(0).getAttribute("aria-selected")) === "true", "ArrowUp goes back to the first");
  check((await input.getAttribute("aria-activedescendant")) === (await links.nth(0).getAttribute("id")), "the box points at the chosen result");
  await browser.screenshot(page, "search-dropdown-marked", { fullPage: false });
  const chosen = await links.nth(0).getAttribute("href");
  await input.press("Enter");
  const [chosenPath, chosenAnchor] = chosen.split("#");
  await page.waitForURL((url) => url.pathname === chosenPath && url.hash === `#${chosenAnchor}`);
  check((await page.locator(`[id="${decodeURIComponent(chosenAnchor)}"]`).count()) === 1, `Enter followed ${chosen} to an existing section`);
  browser.step(`dropdown: ${marks.length} marks, arrows choose, Enter followed ${chosen}`);

  // The result's anchor carries over to the other language.
  const spanishAfterSearch = await page.locator('.lang-switch a[hreflang="es"]').getAttribute("href");
  const englishIds = await anchorsOf(page, "en");
  const spanishIds = await anchorsOf(page, "es");
  const resultIndex = englishIds.indexOf(decodeURIComponent(chosenAnchor));
  if (resultIndex > 0) {
    check(spanishAfterSearch.endsWith(`#${spanishIds[resultIndex]}`), `after a search the switch goes to the same section: ${spanishAfterSearch}`);
  }

  // Escape closes the dropdown.
  await input.fill("");
  await input.pressSequentially("polling", { delay: 20 });
  await results.locator("a").first().waitFor();
  await input.press("Escape");
  await results.waitFor({ state: "hidden" });
  check((await input.getAttribute("aria-expanded")) === "false", "Escape closes the dropdown");
  browser.step("Escape closes the dropdown");

  // The search page marks words too, and switching language keeps the query.
  await page.goto(`${base}/en/search?q=long-polling`);
  const pageMarks = await page.locator(".search-page-results mark").allTextContents();
  check(pageMarks.length > 0 && pageMarks.every((text) => fold(text) === "long-polling"), `the search page marks "long-polling": ${pageMarks.slice(0, 5).join(", ")}`);
  const snippets = await page.locator(".search-page-results p").allTextContents();
  check(snippets.every((text) => text === text.trim() && !/\s[,.;:)]/.test(text)), "snippets have no stray spaces");
  await browser.screenshot(page, "search-page-marked");
  await page.locator('.lang-switch a[hreflang="es"]').click();
  await page.waitForURL((url) => url.pathname === "/es/search");
  check(new URL(page.url()).searchParams.get("q") === "long-polling", `the query survives the switch: ${page.url()}`);
  check((await input.inputValue()) === "long-polling", "the Spanish search box shows the query");
  check((await page.locator(".search-page-results li").count()) > 0, "Spanish results for long-polling");
  browser.step("search page: marks, no stray spaces, ?q= kept across languages");

  // The language switch keeps the section being read.
  await page.goto(`${base}/en/${CHAPTER}`);
  const english = await anchorsOf(page, "en");
  const spanish = await anchorsOf(page, "es");
  check(english.length > 3 && english.length === spanish.length, `both languages list the same number of headings (${english.length}, ${spanish.length})`);
  const index = 3;
  await page.goto(`${base}/en/${CHAPTER}#${english[index]}`);
  const toSpanish = await page.locator('.lang-switch a[hreflang="es"]').getAttribute("href");
  check(toSpanish === `/es/${CHAPTER}#${spanish[index]}`, `the switch goes to /es/${CHAPTER}#${spanish[index]}, got ${toSpanish}`);
  const tocTarget = await page.locator(".toc a").nth(2).getAttribute("href");
  await page.locator(".toc a").nth(2).click();
  const tocIndex = english.indexOf(decodeURIComponent(tocTarget.slice(1)));
  await waitUntil("the switch to follow the table of contents", async () =>
    (await page.locator('.lang-switch a[hreflang="es"]').getAttribute("href")) === `/es/${CHAPTER}#${spanish[tocIndex]}`);
  await page.locator('.lang-switch a[hreflang="es"]').click();
  await page.waitForURL((url) => url.pathname === `/es/${CHAPTER}`);
  const landed = decodeURIComponent(new URL(page.url()).hash.slice(1));
  check(landed === spanish[tocIndex], `landed on the same section in Spanish: #${landed}`);
  const levels = await page.evaluate((id) => document.getElementById(id)?.tagName, landed);
  check(levels && /^H[1-6]$/.test(levels), `#${landed} is a heading of the Spanish page`);
  const back = await page.locator('.lang-switch a[hreflang="en"]').getAttribute("href");
  check(back === `/en/${CHAPTER}#${english[tocIndex]}`, `and the way back keeps it too: ${back}`);
  await browser.screenshot(page, "switch-kept-section", { fullPage: false });
  browser.step(`language switch keeps section ${tocIndex}: #${english[tocIndex]} <-> #${landed}`);

  check((await page.locator(".skip-link").textContent()) === "Saltar a la lección", "on a chapter the skip link goes to the lesson");

  // Copy buttons: every code block has one, it copies the code and says so.
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  await page.goto(`${base}/en/${CHAPTER}`);
  const blocks = await page.locator("pre.code").count();
  const buttons = await page.locator(".code-block > .copy-button").count();
  check(blocks > 0 && blocks === buttons, `every code block has a copy button (${buttons}/${blocks})`);
  const block = page.locator(".code-block").first();
  await block.scrollIntoViewIfNeeded();
  const button = block.locator(".copy-button");
  check((await button.textContent()) === "Copy", "the button says Copy");
  await button.click();
  await waitUntil("the button to say Copied", async () => (await button.textContent()) === "Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const code = await block.locator("pre.code code").textContent();
  check(copied === code.replace(/\n$/, ""), "the clipboard holds the code");
  await browser.screenshot(block, "copy-button-copied");
  await page.goto(`${base}/es/${CHAPTER}`);
  const spanishButton = page.locator(".copy-button").first();
  check((await spanishButton.textContent()) === "Copiar", "in Spanish the button says Copiar");
  await spanishButton.click();
  await waitUntil("the button to say Copiado", async () => (await spanishButton.textContent()) === "Copiado");
  browser.step(`copy buttons on ${blocks} code blocks copy the code (Copied / Copiado)`);

  // The 404 page is a normal page: top bar, sidebar, nothing squeezed.
  const missing = await browser.whileExpecting(EXPECTED_404, () => page.goto(`${base}/en/no-such-chapter`));
  check(missing.status() === 404, "an unknown page answers 404");
  await page.locator(".topbar").waitFor();
  check(await page.locator("#sidebar .chapter-list").isVisible(), "the 404 page shows the chapter list");
  const bodyWidth = await page.evaluate(() => document.body.getBoundingClientRect().width);
  check(bodyWidth >= DESKTOP.width - 20, `the 404 page uses the whole window (body is ${bodyWidth}px)`);
  await checkNoSidewaysScroll(page, "the 404 page");
  check((await page.locator(".skip-link").textContent()) === "Skip to content", "the skip link says where it goes");
  await browser.screenshot(page, "not-found-desktop");
  browser.step("404: normal layout, full width");

  // Exercises: the legend explains the statuses, Check says it runs cargo.
  await page.goto(`${base}/en/exercises`);
  const legend = await page.locator(".status-legend dt").allTextContents();
  check(legend.includes("not checked yet") && legend.includes("not started"), `the legend explains the statuses: ${legend.join(", ")}`);
  await browser.screenshot(page.locator(".status-legend"), "exercises-legend");
  browser.step("exercises page: legend");

  // Phone width: every kind of page fits; the placeholder fits its box;
  // wide tables show a scroll cue.
  await page.setViewportSize(PHONE);
  const phonePages = [
    ["home", "/en/"],
    ["chapter", `/en/${CHAPTER}`],
    ["search", "/en/search?q=websocket"],
    ["not-found", "/en/no-such-chapter"],
    ["exercises", "/en/exercises"],
    ["home-es", "/es/"],
    ["chapter-es", `/es/${CHAPTER}`],
    ["search-es", "/es/search?q=conexion"],
    ["not-found-es", "/es/no-such-chapter"],
    ["exercises-es", "/es/exercises"],
  ];
  for (const [label, path] of phonePages) {
    await browser.whileExpecting(EXPECTED_404, () => page.goto(`${base}${path}`));
    await checkNoSidewaysScroll(page, `${path} on a phone`);
    const fits = await page.evaluate(() => {
      const box = document.querySelector(".search-input");
      const style = getComputedStyle(box, "::placeholder");
      const context = document.createElement("canvas").getContext("2d");
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = box.clientWidth - parseFloat(getComputedStyle(box).paddingLeft) - parseFloat(getComputedStyle(box).paddingRight);
      return { text: box.placeholder, need: context.measureText(box.placeholder).width, room };
    });
    check(fits.need <= fits.room, `${path}: the placeholder "${fits.text}" fits (${Math.ceil(fits.need)} of ${Math.floor(fits.room)}px)`);
    if (!label.endsWith("-es") || label === "home-es") {
      await browser.screenshot(page, `phone-${label}`, { fullPage: label !== "chapter" });
    }
  }
  await page.goto(`${base}/en/${CHAPTER}`);
  const wide = await page.evaluate(() => {
    const tables = [...document.querySelectorAll(".lesson table")];
    const table = tables.find((candidate) => candidate.scrollWidth > candidate.clientWidth);
    if (!table) {
      return null;
    }
    table.id ||= "wide-table";
    return { id: table.id, background: getComputedStyle(table).backgroundImage };
  });
  check(wide, "chapter 2 has a table wider than a phone");
  check(wide.background.includes("radial-gradient"), "a wide table draws a scroll cue");
  await page.locator(`[id="${wide.id}"]`).scrollIntoViewIfNeeded();
  await browser.screenshot(page.locator(`[id="${wide.id}"]`), "phone-wide-table-cue");
  browser.step(`phone: ${phonePages.length} pages fit, placeholders fit, wide tables show a cue`);
});
