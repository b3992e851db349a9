//! The namespaces the official Socket.IO v5 protocol test suite talks to,
//! registered only in conformance mode (`realtime-lab serve --conformance`).
//!
//! The suite connects to `/` and `/custom`; on connection each emits `auth`
//! with the client's handshake `auth`. On `/`, `message` is echoed back as
//! `message-back` with the same arguments, and `message-with-ack` is
//! acknowledged with its own arguments — any number of them, of any type,
//! binary included, exactly as they came ([`Args`]). The playground's `/lab`
//! stays as it is, so the same server can be checked by the suite and by
//! the course.

use std::fmt;

use bytes::Bytes;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, SerializeTuple, Serializer};
use serde::{Deserialize, Serialize};
use socketioxide::extract::{Data, TryData};

use super::adapter::{AckSender, SocketIo, SocketRef};

/// Adds `/` and `/custom` to `io`.
pub(crate) async fn register(io: &SocketIo) -> Result<(), String> {
    io.ns(
        "/",
        |socket: SocketRef, TryData(auth): TryData<Arg>| async move {
            emit(&socket, "auth", &auth.unwrap_or(Arg::Null));
            socket.on(
                "message",
                |socket: SocketRef, Data(args): Data<Args>| async move {
                    emit(&socket, "message-back", &args);
                },
            );
            socket.on(
                "message-with-ack",
                |Data(args): Data<Args>, ack: AckSender| async move {
                    if let Err(error) = ack.send(&args) {
                        tracing::debug!(%error, "conformance: could not acknowledge");
                    }
                },
            );
        },
    )
    .await
    .map_err(|error| error.to_string())?;
    io.ns(
        "/custom",
        |socket: SocketRef, TryData(auth): TryData<Arg>| async move {
            emit(&socket, "auth", &auth.unwrap_or(Arg::Null));
        },
    )
    .await
    .map_err(|error| error.to_string())
}

fn emit(socket: &SocketRef, event: &str, data: &impl Serialize) {
    if let Err(error) = socket.emit(event, data) {
        tracing::debug!(%error, event, "conformance: could not emit");
    }
}

/// Every argument of an event. socketioxide spreads a *tuple* into separate
/// arguments (and collects them back into one), so `Args` reads and writes
/// itself as a tuple of any length.
#[derive(Debug, Clone)]
struct Args(Vec<Arg>);

impl Serialize for Args {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut tuple = serializer.serialize_tuple(self.0.len())?;
        for arg in &self.0 {
            tuple.serialize_element(arg)?;
        }
        tuple.end()
    }
}

impl<'de> Deserialize<'de> for Args {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArgsVisitor;
        impl<'de> Visitor<'de> for ArgsVisitor {
            type Value = Args;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("event arguments")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Args, A::Error> {
                let mut args = Vec::new();
                while let Some(arg) = seq.next_element()? {
                    args.push(arg);
                }
                Ok(Args(args))
            }
        }
        deserializer.deserialize_tuple(usize::MAX, ArgsVisitor)
    }
}

/// One argument of any type, binary attachments included, kept as it came.
#[derive(Debug, Clone)]
enum Arg {
    Null,
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Text(String),
    Binary(Bytes),
    List(Vec<Arg>),
    Object(Vec<(String, Arg)>),
}

impl Serialize for Arg {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Null => serializer.serialize_unit(),
            Arg::Bool(value) => serializer.serialize_bool(*value),
            Arg::Signed(value) => serializer.serialize_i64(*value),
            Arg::Unsigned(value) => serializer.serialize_u64(*value),
            Arg::Float(value) => serializer.serialize_f64(*value),
            Arg::Text(value) => serializer.serialize_str(value),
            Arg::Binary(value) => serializer.serialize_bytes(value),
            Arg::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Arg::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (key, value) in fields {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Arg {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ArgVisitor)
    }
}

struct ArgVisitor;

impl<'de> Visitor<'de> for ArgVisitor {
    type Value = Arg;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any Socket.IO argument")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Arg, E> {
        Ok(Arg::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Arg, E> {
        Ok(Arg::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Arg, D::Error> {
        Arg::deserialize(inner)
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Arg, E> {
        Ok(Arg::Bool(value))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Arg, E> {
        Ok(Arg::Signed(value))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Arg, E> {
        Ok(Arg::Unsigned(value))
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Arg, E> {
        Ok(Arg::Float(value))
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Arg, E> {
        Ok(Arg::Text(value.to_owned()))
    }
    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Arg, E> {
        Ok(Arg::Binary(Bytes::copy_from_slice(value)))
    }
    fn visit_byte_buf<E: de::Error>(self, value: Vec<u8>) -> Result<Arg, E> {
        Ok(Arg::Binary(Bytes::from(value)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Arg, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Arg::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Arg, A::Error> {
        let mut fields = Vec::new();
        while let Some((key, value)) = map.next_entry()? {
            fields.push((key, value));
        }
        Ok(Arg::Object(fields))
    }
}
