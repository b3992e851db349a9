// Shared helpers of the browser tests: start Debian's Chromium the way this
// machine needs it, watch every page for console errors, take screenshots,
// and keep every wait bounded so a broken page fails in seconds, not hangs.
//
// Each scenario script is run as `node <scenario>.mjs <base-url> <screenshot-dir>`
// by tests/e2e_browser.rs; it exits 0 when every check passed, 1 otherwise.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { chromium } from "playwright-core";

/** Where Debian installs Chromium (override with CHROMIUM_PATH). */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** The flags this machine's closed network needs (see the project's issue). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** How long one wait may take before the step fails. */
export const STEP_TIMEOUT_MS = 10_000;

/** The whole script must finish within this. */
const SCRIPT_DEADLINE_MS = 60_000;

/** Reads `<base-url> <screenshot-dir>` from the command line. */
export function scenarioArgs(scriptUrl) {
  const [base, shots] = process.argv.slice(2);
  if (!base || !shots) {
    console.error(`usage: node ${basename(new URL(scriptUrl).pathname)} <base-url> <screenshot-dir>`);
    process.exit(2);
  }
  mkdirSync(shots, { recursive: true });
  return { base: base.replace(/\/$/, ""), shots };
}

/** Fails the check with `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

/**
 * Runs one scenario: starts Chromium with a fresh profile, hands `body` a
 * `Browser` helper, and always closes the browser and removes the profile.
 * Prints each step, and on failure the error and the console errors seen.
 */
export async function runScenario(name, shots, body) {
  const deadline = setTimeout(() => {
    console.error(`${name}: still running after ${SCRIPT_DEADLINE_MS / 1000} s, giving up`);
    process.exit(1);
  }, SCRIPT_DEADLINE_MS);
  deadline.unref();
  const profile = mkdtempSync(join(tmpdir(), "realtime-lab-e2e-"));
  let context;
  let exitCode = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 800 },
      colorScheme: "light",
      locale: "en-US",
      timeout: 20_000,
    });
    const browser = new Browser(name, context, shots);
    await body(browser);
    browser.assertNoConsoleErrors("the end");
    console.log(`${name}: all checks passed (${browser.shotCount} screenshots in ${shots})`);
  } catch (error) {
    exitCode = 1;
    console.error(`${name}: FAILED: ${error && error.stack ? error.stack : error}`);
  } finally {
    clearTimeout(deadline);
    if (context) {
      await context.close().catch(() => {});
    }
    rmSync(profile, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

/** The browser of one scenario: pages, console errors, screenshots. */
export class Browser {
  constructor(name, context, shots) {
    this.name = name;
    this.context = context;
    this.shots = shots;
    this.shotCount = 0;
    this.consoleErrors = [];
    this.allowed = [];
  }

  /** A new tab whose console errors and uncaught exceptions are recorded. */
  async newPage() {
    const page = await this.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    page.on("console", (message) => {
      if (message.type() === "error") {
        const source = message.location().url;
        const where = source && source !== page.url() ? ` (${source})` : "";
        this.record(`console error on ${page.url()}: ${message.text()}${where}`);
      }
    });
    page.on("pageerror", (error) => this.record(`uncaught exception on ${page.url()}: ${error.message}`));
    return page;
  }

  record(text) {
    if (!this.allowed.some((pattern) => pattern.test(text))) {
      this.consoleErrors.push(text);
    }
  }

  /**
   * Runs `body` while console errors matching `patterns` are expected (a
   * refused WebSocket upgrade logs one on purpose); any other error still counts.
   */
  async whileExpecting(patterns, body) {
    const before = this.allowed;
    this.allowed = [...before, ...patterns];
    try {
      return await body();
    } finally {
      this.allowed = before;
    }
  }

  /** Fails if any unexpected console error or page exception was seen so far. */
  assertNoConsoleErrors(where) {
    if (this.consoleErrors.length > 0) {
      throw new Error(`console errors by ${where}:\n  ${this.consoleErrors.join("\n  ")}`);
    }
  }

  /** Logs a passed step. */
  step(text) {
    console.log(`${this.name}: ok: ${text}`);
  }

  /**
   * Saves a screenshot as `<scenario>-NN-<label>.png`: of the whole page
   * (`fullPage: false` for the viewport only), or of one element when
   * `target` is a locator.
   */
  async screenshot(target, label, options = {}) {
    this.shotCount += 1;
    const file = join(this.shots, `${this.name}-${String(this.shotCount).padStart(2, "0")}-${label}.png`);
    // Full-page shots start from the top, or the sticky top bar is drawn
    // where the page happened to be scrolled to.
    if (typeof target.goto === "function") {
      const fullPage = options.fullPage ?? true;
      if (fullPage) {
        await target.evaluate(() => window.scrollTo(0, 0));
      }
      await target.screenshot({ path: file, timeout: STEP_TIMEOUT_MS, fullPage });
      return file;
    }
    // One element: a clip of the full page rather than an element screenshot,
    // which would scroll and draw the sticky top bar over the element.
    const page = target.page();
    await page.evaluate(() => window.scrollTo(0, 0));
    const clip = await target.boundingBox({ timeout: STEP_TIMEOUT_MS });
    await page.screenshot({ path: file, timeout: STEP_TIMEOUT_MS, fullPage: true, clip });
    return file;
  }
}

/** Polls `probe` until it returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function waitUntil(what, probe, timeoutMs = STEP_TIMEOUT_MS, everyMs = 100) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) {
      return last;
    }
    if (Date.now() > until) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
