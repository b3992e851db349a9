// The real socket.io-client side of exercise 9's grader.
//
// Usage: SOCKET_IO_CLIENT=<path to node_modules/socket.io-client> node chat_client.cjs <url>
// Prints one JSON line describing what the three clients saw; the Rust
// grader checks it and explains any difference.
"use strict";

const { io } = require(process.env.SOCKET_IO_CLIENT);

const url = process.argv[2];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(name) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { reconnection: false, forceNew: true, timeout: 3000 });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", (error) => reject(new Error(`${name} could not connect: ${error.message}`)));
  });
}

async function ask(socket, event, data) {
  try {
    return await socket.timeout(2000).emitWithAck(event, data);
  } catch (error) {
    return `no acknowledgement within 2 s (${error.message})`;
  }
}

async function main() {
  const report = {};
  const ana = await connect("ana");
  const ben = await connect("ben");
  const cai = await connect("cai");
  const inbox = { ana: [], ben: [], cai: [] };
  for (const [name, socket] of [["ana", ana], ["ben", ben], ["cai", cai]]) {
    socket.on("message", (message) => inbox[name].push(message));
  }
  report.anaId = ana.id;
  report.joinAna = await ask(ana, "join", "rust");
  report.joinBen = await ask(ben, "join", "rust");
  report.joinCai = await ask(cai, "join", "js");
  report.sendAna = await ask(ana, "message", { room: "rust", text: "hola" });
  await sleep(300);
  report.inboxAfterFirst = structuredClone(inbox);
  report.leaveBen = await ask(ben, "leave", "rust");
  report.sendAfterLeave = await ask(ana, "message", { room: "rust", text: "still there?" });
  await sleep(300);
  report.inboxAtEnd = inbox;
  for (const socket of [ana, ben, cai]) socket.disconnect();
  console.log(JSON.stringify(report));
}

main().catch((error) => {
  console.log(JSON.stringify({ error: error.message }));
  process.exit(1);
});
