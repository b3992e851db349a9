// Two instances on one Redis, as the playground's cluster view shows them:
// both instances are listed, each card's client is connected to its own
// instance; a message published through the second instance reaches both
// cards with the same id (one log). Then the second instance is stopped:
// its card's client moves to the first instance with its cursor, and a
// message published meanwhile still reaches it: nothing missed.
//
// The harness (tests/it/e2e_browser.rs) starts the second instance as a
// process of its own and passes CLUSTER_PEER_URL and CLUSTER_PEER_PID.

import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);
const peerUrl = process.env.CLUSTER_PEER_URL;
const peerPid = Number(process.env.CLUSTER_PEER_PID);
check(Boolean(peerUrl) && peerPid > 0, "the harness passes the second instance's URL and process id");

const card = (url) => `lab-cluster section.lab-cluster-card[data-instance="${url}"]`;

/** Publishes `text` through a card; returns once its list shows a new id. */
async function publishThrough(page, url, text) {
  const before = await page.locator(`${card(url)} li[data-event-id]`).first().getAttribute("data-event-id").catch(() => null);
  await page.locator(`${card(url)} form input`).fill(text);
  await page.locator(`${card(url)} form button`).click();
  let newest = null;
  await waitUntil(`the message through ${url} to come back`, async () => {
    newest = await page.locator(`${card(url)} li[data-event-id]`).first().getAttribute("data-event-id").catch(() => null);
    return newest !== null && newest !== before;
  });
  return Number(newest);
}

await runScenario("cluster", shots, async (browser) => {
  const page = await browser.newPage();
  await page.goto(`${base}/en/playground#cluster`);
  await waitUntil("both instances to be listed", async () => (await page.locator("lab-cluster .lab-cluster").getAttribute("data-instances")) === "2", 15_000);
  for (const url of [base, peerUrl]) {
    await waitUntil(`the client of ${url} to connect`, async () => (await page.locator(card(url)).getAttribute("data-status")) === "open", 15_000);
  }
  browser.step(`two instances on one Redis: ${base} and ${peerUrl}`);

  // One log: published through the second instance, seen by both clients.
  const id = await publishThrough(page, peerUrl, "through the second instance");
  await page.locator(`${card(base)} li[data-event-id="${id}"]`).waitFor();
  browser.step(`event #${id}, published through ${peerUrl}, reached the clients of both instances`);
  await browser.screenshot(page.locator("lab-cluster"), "two-instances");

  // The second instance stops; its client moves with its cursor.
  await browser.whileExpecting([/WebSocket connection to .* failed/], async () => {
    process.kill(peerPid, "SIGTERM");
    const during = await publishThrough(page, base, "published while the second instance stops");
    await waitUntil("the second card's client to move to the first instance", async () => (await page.locator(card(peerUrl)).getAttribute("data-connected-to")) === base && (await page.locator(card(peerUrl)).getAttribute("data-status")) === "open", 15_000);
    await page.locator(`${card(peerUrl)} li[data-event-id="${during}"]`).waitFor();
    const after = await publishThrough(page, base, "after the move");
    await page.locator(`${card(peerUrl)} li[data-event-id="${after}"]`).waitFor();
    const missed = await page.locator(card(peerUrl)).getAttribute("data-missed");
    check(missed === "0", `the moved client missed nothing, its card says missed ${missed}`);
    const note = await page.locator(`${card(peerUrl)} .lab-note`).textContent();
    check(/moved to/.test(note ?? ""), `the card says where its client went: "${note}"`);
    await browser.screenshot(page.locator("lab-cluster"), "client-moved");
    browser.step(`the second instance stopped; its client moved to ${base} ("${note}") and got #${during} and #${after}, missed 0`);
  });
});
