// Every measurement of BENCHMARKS.md §5, §7 and §8 back to back, as one
// command: the side-by-side comparison with the Node.js reference, the
// throughput runs at 1,000 and 500 events/s, 10,000 mixed connections, and
// the lesson page next to nginx. Each script prints its own Markdown tables
// (medians of 3 runs, ratios measured in the same run); this one prints them
// one after the other under a heading, and stops at the first that fails.
//
// usage: node benches/node/all.mjs     (about 25 minutes on 2 cores)
//
// It builds nothing: target/release/realtime-lab (`cargo build --release`),
// playground/node_modules (`npm ci` in playground/) and nginx must be there;
// each script says what is missing.

import { spawnSync } from "node:child_process";
import { join } from "node:path";

import { ROOT } from "./harness.mjs";

const STEPS = [
  ["§5 Side by side with the Node.js reference", "compare.mjs", []],
  ["§5 Throughput, raw WebSocket at 1,000 events/s", "compare.mjs",
    ["--rate", "1000", "--clients", "200", "--seconds", "5", "--transports", "websocket"]],
  ["§5 Throughput at 500 events/s", "compare.mjs",
    ["--rate", "500", "--clients", "200", "--seconds", "5", "--transports", "socketio,websocket"]],
  ["§7 10,000 mixed connections", "mixed.mjs", []],
  ["§8 Lesson pages next to nginx", "pages.mjs", []],
];

for (const [title, script, args] of STEPS) {
  console.log(`\n## ${title}\n\n\`node benches/node/${script} ${args.join(" ")}\`\n`);
  console.error(`all.mjs: ${title}…`);
  const { status } = spawnSync(process.execPath, [join(ROOT, "benches/node", script), ...args], {
    stdio: "inherit",
  });
  if (status !== 0) {
    console.error(`all.mjs: ${script} failed (exit ${status}); stopping`);
    process.exit(status ?? 1);
  }
}
