// The quizzes, as a learner takes them, against a server with the default
// settings. Every "predict, then observe" question of every chapter is run
// with its answer key as the prediction: the page's observation must lie
// in the accepted range (or be the right outcome) and the prediction be
// judged right, so no quiz marks a correct prediction wrong. Then, in
// English and in Spanish, one question answered right and one wrong: the
// verdicts, the explanations of the picked options, the score, the score
// surviving a reload, the home page showing it, and Retry clearing it.

import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);

const CHAPTERS = ["01-real-time-apps", "02-http-comet-websockets", "03-socket-io", "04-events-rooms", "05-delivery", "06-production"];
/** Publishes in quick succession: run alone, once the publishing bucket is full again. */
const BURST_CHAPTER = "06-production";

/** Runs every predict question of one chapter page with its answer key; returns a line per question. */
async function runPredictions(page, chapter) {
  const lines = [];
  const forms = page.locator("lab-quiz form[data-predict]");
  const count = await forms.count();
  check(count >= 2, `${chapter} has at least two predict questions, found ${count}`);
  for (let index = 0; index < count; index += 1) {
    const form = forms.nth(index);
    const question = await form.getAttribute("data-question");
    const experiment = await form.getAttribute("data-predict");
    const accept = await form.getAttribute("data-accept");
    let expected;
    if (accept) {
      const [low] = accept.split(",").map(Number);
      await form.locator('input[type="number"]').fill(String(low));
      expected = accept;
    } else {
      const right = form.locator('input[data-correct="true"]');
      expected = await right.getAttribute("value");
      await right.check();
    }
    await form.locator("button.quiz-check").click();
    await waitUntil(`${chapter} ${question} (${experiment}) to finish`, async () => {
      const state = await form.getAttribute("data-state");
      return state === "right" || state === "wrong";
    }, 25_000);
    const observed = await form.getAttribute("data-observed");
    const verdict = await form.locator("output.quiz-verdict").textContent();
    if (accept) {
      const [low, high] = accept.split(",").map(Number);
      check(Number(observed) >= low && Number(observed) <= high, `${chapter} ${question}: ${experiment} observed ${observed}, the key accepts ${accept} (${verdict})`);
    } else {
      check(observed === expected, `${chapter} ${question}: ${experiment} observed "${observed}", the key says "${expected}" (${verdict})`);
    }
    check((await form.getAttribute("data-state")) === "right", `${chapter} ${question}: the key as prediction is judged right (${verdict})`);
    lines.push(`${question}: ${verdict}`);
  }
  return lines;
}

/** Opens a chapter at its quiz. */
async function openQuiz(browser, lang, chapter) {
  const page = await browser.newPage();
  await page.goto(`${base}/${lang}/${chapter}`);
  await page.locator("lab-quiz.is-live").waitFor();
  return page;
}

await runScenario("quizzes", shots, async (browser) => {
  // Every prediction, chapter pages side by side (the burst one alone, last).
  const parallel = CHAPTERS.filter((chapter) => chapter !== BURST_CHAPTER);
  const pages = await Promise.all(parallel.map((chapter) => openQuiz(browser, "en", chapter)));
  const results = await Promise.all(pages.map((page, index) => runPredictions(page, parallel[index])));
  for (const [index, lines] of results.entries()) {
    for (const line of lines) {
      browser.step(`${parallel[index]} ${line}`);
    }
  }
  await browser.screenshot(pages[1].locator("lab-quiz"), "predictions-ran");
  for (const page of pages) {
    await page.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 2500)); // the publishing bucket refills
  // The burst's refusals are what the question is about: the browser logs each 429.
  await browser.whileExpecting([/status of 429 \(Too Many Requests\)/], async () => {
    const burst = await openQuiz(browser, "en", BURST_CHAPTER);
    for (const line of await runPredictions(burst, BURST_CHAPTER)) {
      browser.step(`${BURST_CHAPTER} ${line}`);
    }
    await burst.close();
  });
  browser.assertNoConsoleErrors("running every prediction");

  // One right and one wrong answer, in each language.
  for (const lang of ["en", "es"]) {
    const page = await openQuiz(browser, lang, "01-real-time-apps");
    const quiz = page.locator("lab-quiz");
    await quiz.locator(".quiz-retry").click();
    const choices = quiz.locator('form[data-kind="choice"]');
    const first = choices.nth(0);
    const second = choices.nth(1);
    await first.locator('input[data-correct="true"]').first().check();
    await first.locator("button.quiz-check").click();
    await waitUntil("the first verdict", async () => (await first.getAttribute("data-state")) === "right");
    const wrong = second.locator('input[data-correct="false"]').first();
    await wrong.check();
    await second.locator("button.quiz-check").click();
    await waitUntil("the second verdict", async () => (await second.getAttribute("data-state")) === "wrong");
    const rightText = (await first.locator("output.quiz-verdict").textContent()) ?? "";
    const wrongText = (await second.locator("output.quiz-verdict").textContent()) ?? "";
    const words = lang === "en" ? ["Right", "Not quite"] : ["Correcto", "No del todo"];
    check(rightText.includes(words[0]) && wrongText.includes(words[1]), `${lang}: verdicts read "${rightText}" and "${wrongText}"`);
    const whyOfPick = wrong.locator("xpath=ancestor::li").locator(".quiz-why");
    check(await whyOfPick.isVisible(), `${lang}: the picked wrong option explains its misconception`);
    const whyOfRight = second.locator('li:has(input[data-correct="true"]) .quiz-why').first();
    check(await whyOfRight.isVisible(), `${lang}: the right option's explanation is shown too`);
    const hiddenWhys = await second.locator("li:not(.is-picked):not(.is-right) .quiz-why:visible").count();
    check(hiddenWhys === 0, `${lang}: options neither picked nor right keep their explanation hidden, ${hiddenWhys} shown`);
    const score = (await quiz.locator("output.quiz-score-value").textContent()) ?? "";
    check(score.startsWith("1 / "), `${lang}: the score is 1 right, got "${score}"`);
    await browser.screenshot(second, `${lang}-wrong-answer`);
    await page.reload();
    await page.locator("lab-quiz.is-live").waitFor();
    const restored = (await page.locator("lab-quiz output.quiz-score-value").textContent()) ?? "";
    check(restored === score, `${lang}: the score survives a reload ("${restored}")`);
    await page.goto(`${base}/${lang}/`);
    const badge = page.locator('.chapter-card[data-chapter="01-real-time-apps"] .quiz-score-badge');
    await badge.waitFor();
    const badgeText = (await badge.textContent()) ?? "";
    check(badgeText.includes(score.replace(/ /g, "")) || badgeText.includes(score), `${lang}: the home page shows the quiz score ${score}, got "${badgeText}"`);
    await browser.screenshot(page, `${lang}-home-with-score`, { fullPage: false });
    browser.step(`${lang}: "${rightText}" / "${wrongText}", score ${score}, kept across a reload and on the home page ("${badgeText}")`);
    // Retry clears the chapter's answers.
    await page.goto(`${base}/${lang}/01-real-time-apps`);
    await page.locator("lab-quiz.is-live").waitFor();
    await page.locator("lab-quiz .quiz-retry").click();
    const cleared = (await page.locator("lab-quiz output.quiz-score-value").textContent()) ?? "";
    check(cleared.startsWith("0 / "), `${lang}: Retry resets the score, got "${cleared}"`);
    browser.assertNoConsoleErrors(`${lang} quiz`);
    await page.close();
  }
});
