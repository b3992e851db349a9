// The chapters after Socket.IO (4 to 6), in both languages, as a learner
// opens them: each renders its live element (the rooms panel, or panels
// with the lab's fault controls) in place of the static fallback and ends
// with self-check questions; chapter 5's "Replay missed events" switch
// reaches the server and every panel counts missed events; chapter 3's
// guided steps tick themselves as the learner blocks upgrades, restarts and
// sees Socket.IO fall back to long-polling and come back; the shared-lab
// banner appears when a lever moved and "Reset lab" puts it back; no page
// logs a console error.

import { labSnapshot } from "./lab.mjs";
import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);

/** What the browser logs while upgrades are blocked, or requests cut by a restart. */
// A restart ends Engine.IO sessions: a poll still under way gets 400 "Session ID unknown".
const EXPECTED_WHILE_GUIDED = [/WebSocket connection to .* failed/, /Failed to load resource: (net::ERR_|the server responded with a status of (400|503))/];

await runScenario("chapters", shots, async (browser) => {
  // Chapter 3's guided steps, done as the text says.
  await browser.whileExpecting(EXPECTED_WHILE_GUIDED, async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/en/03-socket-io`);
    const embed = page.locator('article.lesson lab-panels[guide="socketio-fallback"]');
    const guide = embed.locator(".lab-guide");
    await guide.waitFor();
    const done = async () => Number(await guide.getAttribute("data-done"));
    await embed.locator('input[data-control="block-upgrades"]').check();
    await waitUntil("step 1 (block upgrades) to tick", async () => (await done()) >= 1);
    const banner = embed.locator(".lab-banner");
    await waitUntil("the shared-lab banner to say upgrades are blocked", async () => (await banner.isVisible()) && /blocked/.test((await banner.textContent()) ?? ""));
    await embed.locator(".lab-button.is-danger").click();
    await waitUntil("Socket.IO to fall back to long-polling (step 3)", async () => (await done()) >= 3, 20_000);
    await browser.screenshot(embed, "guide-fell-back");
    await embed.locator('input[data-control="block-upgrades"]').uncheck();
    await waitUntil("step 4 (block off) to tick", async () => (await done()) >= 4);
    await embed.locator(".lab-button.is-danger").click();
    await waitUntil("the upgrade to return (every step done)", async () => (await guide.getAttribute("data-complete")) === "true", 20_000);
    browser.step("en/03-socket-io: the guided steps ticked themselves: blocked, restarted, fell back to polling, unblocked, upgraded again");
    // Reset lab: a moved lever is announced and put back.
    await page.request.post(`${base}/api/lab/faults`, { data: { latency_ms: 200 } });
    await waitUntil("the banner to announce the added latency", async () => (await banner.isVisible()) && /200 ms/.test((await banner.textContent()) ?? ""));
    await banner.locator('button[data-action="reset-lab"]').click();
    await waitUntil("Reset lab to put every lever back", async () => (await labSnapshot(page, base)).changed.length === 0);
    await waitUntil("the banner to go away", async () => !(await banner.isVisible()));
    browser.step("the shared-lab banner announced the added latency; Reset lab put every lever back");
    await page.close();
  });

  // The chapters after Socket.IO, in both languages.
  for (const lang of ["en", "es"]) {
    for (const chapter of ["04-events-rooms", "05-delivery", "06-production"]) {
      const lesson = await browser.newPage();
      await lesson.goto(`${base}/${lang}/${chapter}`);
      await lesson.locator(`article.lesson[data-chapter="${chapter}"] h1`).waitFor();
      const live = await lesson.locator("article.lesson lab-rooms .lab-rooms, article.lesson lab-panels .lab-embed").count();
      check(live >= 1, `${lang}/${chapter} shows a live element, found ${live}`);
      const fallbacks = await lesson.locator("article.lesson .live-fallback").count();
      check(fallbacks === 0, `${lang}/${chapter}: every live element replaced its fallback, ${fallbacks} left`);
      const checks = await lesson.locator("article.lesson lab-quiz form[data-question]").count();
      check(checks >= 6, `${lang}/${chapter} ends with a quiz of at least six questions, found ${checks}`);
      if (chapter === "05-delivery") {
        const replay = lesson.locator('article.lesson lab-panels input[data-control="replay"]').first();
        await replay.waitFor();
        await replay.uncheck();
        await waitUntil("the server to stop replaying", async () => (await labSnapshot(lesson, base)).replay === false);
        await replay.check();
        await waitUntil("the server to replay again", async () => (await labSnapshot(lesson, base)).replay === true);
        const missed = await lesson.locator("article.lesson lab-panels dl.lab-counters dt", { hasText: lang === "en" ? "missed" : "perdidos" }).count();
        check(missed >= 5, `${lang}/${chapter}: every panel counts missed events, found ${missed}`);
        browser.step(`${lang}/${chapter}: the replay switch reaches the server; panels count missed events`);
      }
      await browser.screenshot(lesson, `${lang}-${chapter}`, { fullPage: false });
      browser.assertNoConsoleErrors(`${lang}/${chapter}`);
      browser.step(`${lang}/${chapter}: rendered with ${live} live element(s) and ${checks} questions`);
      await lesson.close();
    }
  }
});
