// The chapters after Socket.IO (4 to 6), in both languages, as a learner
// opens them: each renders its live element (the rooms panel, or panels
// with the lab's fault controls) in place of the static fallback and ends
// with self-check questions; chapter 5's "Replay missed events" switch
// reaches the server and every panel counts missed events; no page logs a
// console error.

import { labSnapshot } from "./lab.mjs";
import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);

await runScenario("chapters", shots, async (browser) => {
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
