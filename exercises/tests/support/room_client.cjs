// The real socket.io-client side of exercise 12's grader.
//
// Usage: SOCKET_IO_CLIENT=<path to node_modules/socket.io-client> node room_client.cjs <url>
// Prints one JSON line describing what the clients saw; the Rust grader
// checks it and explains any difference.
//
// No sleeps: to know that a socket received everything it was going to
// receive, it makes one acknowledged round trip of its own ("settle"). The
// server queues packets to one socket in order, so a broadcast emitted
// before the sender's ack reaches this socket before its own ack comes back.
"use strict";

const { io } = require(process.env.SOCKET_IO_CLIENT);

const url = process.argv[2];

function open(auth) {
  const options = { reconnection: false, forceNew: true, timeout: 3000 };
  if (auth !== undefined) options.auth = auth;
  return io(url, options);
}

// Resolves with "connected" or with the connect_error message.
function tryConnect(auth) {
  return new Promise((resolve) => {
    const socket = open(auth);
    socket.on("connect", () => {
      socket.disconnect();
      resolve("connected");
    });
    socket.on("connect_error", (error) => {
      socket.close();
      resolve(`connect_error: ${error.message}`);
    });
  });
}

function connect(name) {
  return new Promise((resolve, reject) => {
    const socket = open({ token: "s3cret" });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", (error) =>
      reject(new Error(`${name} (with the right token) could not connect: ${error.message}`)),
    );
  });
}

async function ask(socket, event, data, ms = 2000) {
  try {
    return await socket.timeout(ms).emitWithAck(event, data);
  } catch (error) {
    return `no acknowledgement within ${ms / 1000} s (${error.message})`;
  }
}

// Every socket is already in the room named after its own id, so joining
// it changes nothing: a harmless acknowledged round trip.
function settle(sockets) {
  return Promise.all(sockets.map((socket) => ask(socket, "join", socket.id, 1000)));
}

// Kept outside main() so a failure still reports the steps done before it.
const report = {};

async function main() {
  report.noAuth = await tryConnect(undefined);
  report.wrongToken = await tryConnect({ token: "open-sesame" });
  report.numberToken = await tryConnect({ token: 42 });

  const names = ["ana", "ben", "cai", "dan"];
  const sockets = {};
  for (const name of names) sockets[name] = await connect(name);
  const all = Object.values(sockets);
  let inbox = {};
  const clear = () => {
    inbox = Object.fromEntries(names.map((name) => [name, []]));
  };
  clear();
  for (const name of names) {
    sockets[name].onAny((event, ...args) => inbox[name].push([event, ...args]));
  }
  const { ana, ben, cai } = sockets;
  report.ids = Object.fromEntries(names.map((name) => [name, sockets[name].id]));

  report.joinAna = await ask(ana, "join", "red");
  report.joinBen = await ask(ben, "join", "red");
  report.joinCai = await ask(cai, "join", "blue");

  report.shoutAna = await ask(ana, "shout", { room: "red", text: "hi red" });
  await settle(all);
  report.afterShout = inbox;
  clear();

  report.announceCai = await ask(cai, "announce", { except: "red", text: "not for red" });
  await settle(all);
  report.afterAnnounceCai = inbox;
  clear();

  report.announceAna = await ask(ana, "announce", { except: "red", text: "from red" });
  await settle(all);
  report.afterAnnounceAna = inbox;

  for (const socket of all) socket.disconnect();
  console.log(JSON.stringify(report));
}

main().catch((error) => {
  console.log(JSON.stringify({ ...report, error: error.message }));
  process.exit(1);
});
