// Reading Socket.IO's wire format, for the wire inspector. Socket.IO rides
// on Engine.IO: every Engine.IO packet starts with one digit for its type
// (0 open, 1 close, 2 ping, 3 pong, 4 message, 5 upgrade, 6 noop). A
// message (4) carries a Socket.IO packet, which starts with its own digit
// (0 connect, 1 disconnect, 2 event, 3 ack, 4 connect error), then the
// namespace (`/lab,`), an optional ack id, and JSON. So `42/lab,["event",{…}]`
// is "an Engine.IO message holding a Socket.IO event named `event`".

/** Engine.IO packet type names, as the client library reports them, to their digit. */
const ENGINE_TYPE_DIGITS: Record<string, string> = {
  open: "0",
  close: "1",
  ping: "2",
  pong: "3",
  message: "4",
  upgrade: "5",
  noop: "6",
};

const SOCKET_IO_TYPES: Record<string, string> = {
  "0": "connect",
  "1": "disconnect",
  "2": "event",
  "3": "ack",
  "4": "connect error",
  "5": "binary event",
  "6": "binary ack",
};

/** A decoded Engine.IO packet. */
export interface DecodedPacket {
  /** A short reading, e.g. `ping`, `40 connect /lab`, `42 event "event"`. */
  label: string;
  /** For a Socket.IO event: its name. */
  eventName?: string;
  /** For a Socket.IO event: its first argument. */
  firstArgument?: unknown;
}

/** Rebuilds the raw text of a packet the client library hands over decoded. */
export function rawPacket(type: string, data: unknown): string {
  const digit = ENGINE_TYPE_DIGITS[type] ?? "?";
  return typeof data === "string" ? `${digit}${data}` : digit;
}

/** Explains a raw Engine.IO packet. */
export function decodePacket(raw: string): DecodedPacket {
  switch (raw) {
    case "2probe":
      return { label: "ping probe" };
    case "3probe":
      return { label: "pong probe" };
    case "2":
      return { label: "ping" };
    case "3":
      return { label: "pong" };
    case "5":
      return { label: "upgrade" };
    case "6":
      return { label: "noop" };
    case "1":
      return { label: "close" };
  }
  if (raw.startsWith("0")) {
    return { label: "open (handshake)" };
  }
  if (raw.startsWith("4")) {
    return decodeSocketIo(raw.slice(1));
  }
  return { label: "?" };
}

function decodeSocketIo(text: string): DecodedPacket {
  const type = text.charAt(0);
  const name = SOCKET_IO_TYPES[type] ?? "?";
  let rest = text.slice(1);
  let namespace = "/";
  if (rest.startsWith("/")) {
    const comma = rest.indexOf(",");
    namespace = comma === -1 ? rest : rest.slice(0, comma);
    rest = comma === -1 ? "" : rest.slice(comma + 1);
  }
  const ackId = /^\d+/.exec(rest)?.[0] ?? "";
  rest = rest.slice(ackId.length);
  const prefix = `4${type} ${name}`;
  if (type !== "2") {
    return { label: `${prefix} ${namespace}${ackId ? ` #${ackId}` : ""}` };
  }
  let args: unknown;
  try {
    args = JSON.parse(rest) as unknown;
  } catch {
    return { label: prefix };
  }
  if (!Array.isArray(args) || typeof args[0] !== "string") {
    return { label: prefix };
  }
  return { label: `${prefix} "${args[0]}"`, eventName: args[0], firstArgument: args[1] };
}
