// Rooms and the chapters after Socket.IO, as a learner uses them: on the
// playground page the rooms panel's three sockets connect to `/rooms`; with
// A in tick-even, B in tick-odd and C in both, each gets exactly the ticks
// of its rooms; a chat message from A reaches B (in chat) and not C; a
// wrong token is refused with the server's `connect_error` and the right
// one accepted. No console error.

import { check, runScenario, scenarioArgs, waitUntil } from "./lib.mjs";

const { base, shots } = scenarioArgs(import.meta.url);

const card = (name) => `lab-rooms section.lab-room-card[data-socket="${name}"]`;

/** `{room: [tick ids]}` of the ticks a card lists. */
function ticksShown(page, name) {
  return page.evaluate((selector) => {
    const ticks = { "tick-even": [], "tick-odd": [] };
    for (const line of document.querySelectorAll(`${selector} li.lab-room-line`)) {
      const room = line.dataset.room;
      const who = line.querySelector(".lab-event-id")?.textContent ?? "";
      if (room in ticks && who.startsWith("#")) {
        ticks[room].push(Number(who.slice(1)));
      }
    }
    return ticks;
  }, card(name));
}

/** Ticks (or unticks) a room on a card and waits for the acknowledgement. */
async function setRoom(page, name, room, member) {
  const box = page.locator(`${card(name)} input[data-room="${room}"]`);
  const result = page.locator(`${card(name)} output.lab-room-result`);
  await result.evaluate((output) => {
    output.textContent = "";
  });
  await (member ? box.check() : box.uncheck());
  await waitUntil(`socket ${name} to be acknowledged in ${room}`, async () => ((await result.textContent()) ?? "").includes(room));
  check((await result.getAttribute("data-tone")) === "ok", `joining ${room} on ${name} succeeded: ${await result.textContent()}`);
}

await runScenario("rooms", shots, async (browser) => {
  const page = await browser.newPage();
  await page.goto(`${base}/en/playground`);
  await page.locator("lab-rooms .lab-rooms").waitFor();
  check((await page.locator("lab-rooms .live-fallback").count()) === 0, "the rooms panel replaced its fallback text");
  for (const name of ["A", "B", "C"]) {
    await waitUntil(`socket ${name} to connect to /rooms`, async () => (await page.locator(card(name)).getAttribute("data-status")) === "open", 15_000);
  }
  browser.step("three sockets connected to /rooms with the lab's token");

  // Ticks go to the room of their id's parity.
  await setRoom(page, "A", "tick-even", true);
  await setRoom(page, "B", "tick-odd", true);
  await setRoom(page, "C", "tick-even", true);
  await setRoom(page, "C", "tick-odd", true);
  await waitUntil(
    "each socket to receive ticks",
    async () => {
      const [a, b, c] = await Promise.all(["A", "B", "C"].map((name) => ticksShown(page, name)));
      return a["tick-even"].length >= 2 && b["tick-odd"].length >= 2 && c["tick-even"].length >= 1 && c["tick-odd"].length >= 1;
    },
    15_000,
  );
  const [a, b, c] = await Promise.all(["A", "B", "C"].map((name) => ticksShown(page, name)));
  check(a["tick-odd"].length === 0 && a["tick-even"].every((id) => id % 2 === 0), `A (tick-even only) got only even ids: ${JSON.stringify(a)}`);
  check(b["tick-even"].length === 0 && b["tick-odd"].every((id) => id % 2 === 1), `B (tick-odd only) got only odd ids: ${JSON.stringify(b)}`);
  check(c["tick-even"].length > 0 && c["tick-odd"].length > 0, `C (both rooms) got even and odd ids: ${JSON.stringify(c)}`);
  browser.step(`ticks by room: A even ${a["tick-even"].length}, B odd ${b["tick-odd"].length}, C both`);

  // Chat: A and B are in chat, C is not.
  await setRoom(page, "A", "chat", true);
  await setRoom(page, "B", "chat", true);
  const message = "hello from A";
  await page.locator(`${card("A")} form.lab-room-say input`).fill(message);
  await page.locator(`${card("A")} form.lab-room-say button`).click();
  const aResult = page.locator(`${card("A")} output.lab-room-result`);
  await waitUntil("A's chat message to be acknowledged", async () => /reached 1 other/.test((await aResult.textContent()) ?? ""));
  await page.locator(`${card("B")} li.lab-room-line[data-room="chat"]`, { hasText: message }).waitFor();
  const cChat = await page.locator(`${card("C")} li.lab-room-line[data-room="chat"]`).count();
  check(cChat === 0, `C, outside the chat room, got no chat line (found ${cChat})`);
  const aChat = await page.locator(`${card("A")} li.lab-room-line[data-room="chat"]`).count();
  check(aChat === 0, `A does not get its own message back (socket.to excludes the sender), found ${aChat}`);
  browser.step(`chat: "${await aResult.textContent()}", B got it, C and A did not`);

  // An acknowledgement's round trip.
  await page.locator(`${card("C")} button[data-action="echo"]`).click();
  const cResult = page.locator(`${card("C")} output.lab-room-result`);
  await waitUntil("the echo to be acknowledged", async () => /echo acknowledged in \d/.test((await cResult.textContent()) ?? ""));
  browser.step(`echo: ${await cResult.textContent()}`);

  // Authentication on connect: wrong token refused, right token accepted.
  const outcome = page.locator("lab-rooms .lab-room-token output");
  await page.locator('lab-rooms input[data-field="token"]').fill("wrong-token");
  await page.locator("lab-rooms .lab-room-token button").click();
  await waitUntil("the wrong token to be refused", async () => (await outcome.getAttribute("data-outcome")) === "refused");
  const refusal = (await outcome.textContent()) ?? "";
  check(refusal.includes("connect_error: invalid token"), `the refusal shows the server's reason, got "${refusal}"`);
  await browser.screenshot(page.locator("lab-rooms"), "rooms-panel");
  await page.locator('lab-rooms input[data-field="token"]').fill("open-sesame");
  await page.locator("lab-rooms .lab-room-token button").click();
  await waitUntil("the right token to be accepted", async () => (await outcome.getAttribute("data-outcome")) === "accepted");
  browser.step(`token: "${refusal}", then accepted`);
  browser.assertNoConsoleErrors("the rooms panel");
  await page.close();
});
