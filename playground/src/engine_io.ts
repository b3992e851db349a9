// Reading Socket.IO's wire format, for the wire inspector. Socket.IO rides
// on Engine.IO: every Engine.IO packet starts with one digit for its type
// (0 open, 1 close, 2 ping, 3 pong, 4 message, 5 upgrade, 6 noop). A
// message (4) carries a Socket.IO packet, which starts with its own digit
// (0 connect, 1 disconnect, 2 event, 3 ack, 4 connect error), then the
// namespace (`/lab,`), an optional ack id, and JSON. So `42/lab,["event",{…}]`
// is "an Engine.IO message holding a Socket.IO event named `event`".
//
// The parsing is not ours: engine.io-parser reads the Engine.IO layer and
// socket.io-parser's `Decoder` the Socket.IO one — the same code the client
// library runs on every packet it receives. This module only turns what they
// read into a short label.

import { decodePacket as decodeEnginePacket, encodePacket, type Packet as EnginePacket } from "engine.io-parser";
import { Decoder, PacketType, type Packet as SocketIoPacket } from "socket.io-parser";

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
export function rawPacket(packet: EnginePacket): string {
  let raw = "";
  // Text is encoded at once, before `encodePacket` returns; binary data
  // (which this server never sends) is passed through as it is.
  encodePacket(packet, true, (encoded: unknown) => {
    raw = typeof encoded === "string" ? encoded : String(encoded);
  });
  return raw;
}

/** Explains a raw Engine.IO packet. */
export function decodePacket(raw: string): DecodedPacket {
  const packet = decodeEnginePacket(raw);
  switch (packet.type) {
    case "open":
      return { label: "open (handshake)" };
    case "message":
      return typeof packet.data === "string" ? explainSocketIo(packet.data) : { label: "?" };
    case "error":
      return { label: "?" };
    default:
      // close, ping, pong, upgrade, noop; the upgrade's probe is `ping probe`.
      return { label: typeof packet.data === "string" ? `${packet.type} ${packet.data}` : packet.type };
  }
}

/** Labels the Socket.IO packet inside an Engine.IO message. */
function explainSocketIo(text: string): DecodedPacket {
  let packet: SocketIoPacket | null;
  try {
    packet = decodeSocketIo(text);
  } catch (error) {
    // The library's reason, e.g. "invalid payload" or "unknown packet type 9".
    return { label: `? ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!packet) {
    return { label: "?" };
  }
  // `4` (Engine.IO message), the Socket.IO digit, and its name: CONNECT_ERROR reads "connect error".
  const prefix = `4${packet.type} ${PacketType[packet.type].toLowerCase().replace("_", " ")}`;
  if (packet.type === PacketType.EVENT) {
    const [name, firstArgument] = packet.data as unknown[];
    if (typeof name === "string") {
      return { label: `${prefix} "${name}"`, eventName: name, firstArgument };
    }
    return { label: prefix };
  }
  const ackId = packet.id === undefined ? "" : ` #${packet.id}`;
  const reason = packet.type === PacketType.CONNECT_ERROR ? connectErrorMessage(packet.data) : "";
  return { label: `${prefix} ${packet.nsp}${ackId}${reason ? `: ${reason}` : ""}` };
}

/**
 * Decodes one Socket.IO packet with the library's own `Decoder`; throws
 * what the library throws at a packet it rejects. Null for a binary event,
 * which waits for attachments this server never sends (hence a fresh
 * decoder per packet: such a wait would block the next one).
 */
function decodeSocketIo(text: string): SocketIoPacket | null {
  const decoder = new Decoder();
  let decoded: SocketIoPacket | null = null;
  // `add` emits `decoded` before it returns.
  decoder.on("decoded", (packet: SocketIoPacket) => {
    decoded = packet;
  });
  try {
    decoder.add(text);
  } finally {
    decoder.destroy();
  }
  return decoded;
}

/** The reason of a connect error: `{"message": …}` (or a bare string, from old servers). */
function connectErrorMessage(data: unknown): string {
  if (typeof data === "string") {
    return data;
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const message = (data as { message: unknown }).message;
    return typeof message === "string" ? message : "";
  }
  return "";
}
