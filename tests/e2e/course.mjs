// A learner reads the course: opens the home page, a chapter in English,
// switches to Spanish and lands on the same chapter, searches from the top
// bar and follows a result, flips the colour theme (which survives a reload),
// and does the same on a phone-sized screen with the menu. No page may log a
// console error. Screenshots of every step, desktop and phone, light and dark.

import { check, runScenario, scenarioArgs } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);
const CHAPTER = "01-real-time-apps";
const SEARCH_QUERY = "polling";
const PHONE = { width: 390, height: 844 };

const themeOf = (page) => page.evaluate(() => document.documentElement.getAttribute("data-theme"));

/** Clicks the theme button and checks that `html[data-theme]` flipped. */
async function toggleTheme(browser, page) {
  const before = await themeOf(page);
  await page.locator(".theme-toggle").click();
  const after = await themeOf(page);
  check(before === "light" || before === "dark", `html[data-theme] is light or dark, got ${before}`);
  check(after === (before === "dark" ? "light" : "dark"), `theme flips from ${before}, got ${after}`);
  browser.step(`theme toggle: ${before} -> ${after}`);
  return after;
}

/** Fails if the page is wider than the screen (sideways scrolling on a phone). */
async function checkNoSidewaysScroll(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= PHONE.width, `${what} fits a ${PHONE.width}px screen (page is ${width}px wide)`);
}

await runScenario("course", shots, async (browser) => {
  const page = await browser.newPage();

  // Home: the root redirects to the English home page, which lists the chapters.
  await page.goto(`${base}/`);
  check(new URL(page.url()).pathname === "/en/", `/ redirects to /en/, got ${page.url()}`);
  check((await page.title()).includes("Realtime Lab"), `home title names Realtime Lab, got "${await page.title()}"`);
  const cards = await page.locator(".chapter-card").count();
  check(cards >= 1, `home lists chapters (found ${cards})`);
  await browser.screenshot(page, "home-en-light");
  browser.assertNoConsoleErrors("the home page");
  browser.step(`home page lists ${cards} chapters`);

  // A chapter in English, opened from its card.
  await page.locator(`.chapter-card[data-chapter="${CHAPTER}"] a`).click();
  await page.waitForURL(`${base}/en/${CHAPTER}`);
  await page.locator(`article.lesson[data-chapter="${CHAPTER}"] h1`).waitFor();
  const currentNav = await page.locator(`.chapter-list a[aria-current="page"]`).getAttribute("data-chapter");
  check(currentNav === CHAPTER, `sidebar marks ${CHAPTER} as current, got ${currentNav}`);
  await browser.screenshot(page, "chapter-en-light");
  browser.assertNoConsoleErrors("the English chapter");
  browser.step(`chapter ${CHAPTER} in English`);

  // The language switch keeps the learner on the same chapter.
  await page.locator('.lang-switch a[hreflang="es"]').click();
  // The switch may carry the section being read (#anchor): same chapter either way.
  await page.waitForURL((url) => url.pathname === `/es/${CHAPTER}`);
  check((await page.getAttribute("html", "lang")) === "es", "the Spanish page says html[lang=es]");
  await page.locator(`article.lesson[data-chapter="${CHAPTER}"] h1`).waitFor();
  const englishLink = await page.locator('.lang-switch a[hreflang="en"]').getAttribute("href");
  check(englishLink.split("#")[0] === `/en/${CHAPTER}`, `the switch back points to /en/${CHAPTER}, got ${englishLink}`);
  await browser.screenshot(page, "chapter-es-light");
  browser.assertNoConsoleErrors("the Spanish chapter");
  browser.step(`language switch: /en/${CHAPTER} -> /es/${CHAPTER}`);

  // Search as you type: a dropdown of results that link into chapters.
  await page.locator(".search-input").pressSequentially(SEARCH_QUERY, { delay: 20 });
  const results = page.locator(".search-results");
  await results.waitFor({ state: "visible" });
  const firstHit = results.locator('a[href^="/es/"]').first();
  await firstHit.waitFor();
  const hits = await results.locator("a").count();
  const href = await firstHit.getAttribute("href");
  await browser.screenshot(page, "search-es", { fullPage: false });
  await firstHit.click();
  const [path, anchor] = href.split("#");
  await page.waitForURL((url) => url.pathname === path);
  await page.locator("article.lesson").waitFor();
  if (anchor) {
    check((await page.locator(`[id="${decodeURIComponent(anchor)}"]`).count()) === 1, `the result's anchor #${anchor} exists on ${path}`);
  }
  browser.assertNoConsoleErrors("the search");
  browser.step(`search "${SEARCH_QUERY}": ${hits} results, followed ${href}`);

  // Every page the top bar and the sidebar link to opens, in both languages.
  const linked = new Set();
  for (const lang of ["en", "es"]) {
    await page.goto(`${base}/${lang}/`);
    const hrefs = await page.locator(".topbar a[href^='/'], .sidebar a[href^='/']").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    hrefs.forEach((href) => linked.add(href.split("#")[0]));
  }
  for (const href of linked) {
    const answer = await page.goto(`${base}${href}`);
    check(answer.status() === 200, `${href}, linked from the navigation, answers 200, got ${answer.status()}`);
    browser.assertNoConsoleErrors(href);
    if (href.endsWith("/exercises")) {
      await browser.screenshot(page, `exercises-${href.split("/")[1]}`);
    }
  }
  browser.step(`all ${linked.size} pages linked from the navigation open: ${[...linked].join(" ")}`);

  // The theme toggle flips html[data-theme], and the choice survives a reload.
  await page.goto(`${base}/en/${CHAPTER}`);
  check((await themeOf(page)) === "light", "a light-preferring browser starts in the light theme");
  await toggleTheme(browser, page);
  await browser.screenshot(page, "chapter-en-dark");
  await page.reload();
  check((await themeOf(page)) === "dark", "the dark theme survives a reload");
  await page.goto(`${base}/en/`);
  check((await themeOf(page)) === "dark", "the dark theme carries to other pages");
  await browser.screenshot(page, "home-en-dark");
  await toggleTheme(browser, page);
  browser.assertNoConsoleErrors("the theme toggle");

  // Phone width: pages fit the screen, the menu opens the chapter list.
  await page.setViewportSize(PHONE);
  await page.goto(`${base}/en/`);
  await checkNoSidewaysScroll(page, "the home page");
  await browser.screenshot(page, "phone-home-light");
  await page.goto(`${base}/en/${CHAPTER}`);
  await checkNoSidewaysScroll(page, `chapter ${CHAPTER}`);
  await browser.screenshot(page, "phone-chapter-light", { fullPage: false });
  const menu = page.locator(".menu-toggle");
  await menu.click();
  check((await menu.getAttribute("aria-expanded")) === "true", "the menu button says aria-expanded=true");
  await page.locator(`#sidebar .chapter-list a[data-chapter="${CHAPTER}"]`).waitFor({ state: "visible" });
  await browser.screenshot(page, "phone-menu-open", { fullPage: false });
  await menu.click();
  await toggleTheme(browser, page);
  await browser.screenshot(page, "phone-chapter-dark", { fullPage: false });
  await page.goto(`${base}/es/`);
  await checkNoSidewaysScroll(page, "the Spanish home page");
  await browser.screenshot(page, "phone-home-es-dark");
  const slugs = await page.locator(".chapter-list a[data-chapter]").evaluateAll((links) => links.map((link) => link.dataset.chapter));
  for (const lang of ["en", "es"]) {
    for (const slug of slugs) {
      await page.goto(`${base}/${lang}/${slug}`);
      await checkNoSidewaysScroll(page, `/${lang}/${slug}`);
    }
  }
  browser.assertNoConsoleErrors("the phone pages");
  browser.step(`phone width: home and all ${slugs.length} chapters fit in both languages, menu opens, dark theme`);
});
