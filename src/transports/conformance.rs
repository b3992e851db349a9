//! The namespaces the official Socket.IO v5 protocol test suite talks to,
//! registered only in conformance mode (`realtime-lab serve --conformance`).
//!
//! The suite connects to `/` and `/custom`; on connection each emits `auth`
//! with the client's handshake `auth`. On `/`, `message` is echoed back as
//! `message-back` with the same arguments, and `message-with-ack` is
//! acknowledged with its own arguments. The playground's `/lab` stays as it
//! is, so the same server can be checked by the suite and by the course.

use serde_json::Value;
use socketioxide::extract::{AckSender, Data, SocketRef, TryData};
use socketioxide::SocketIo;

/// Adds `/` and `/custom` to `io`.
pub(crate) fn register(io: &SocketIo) {
    io.ns(
        "/",
        |socket: SocketRef, TryData(auth): TryData<Value>| async move {
            echo_auth(&socket, auth);
            socket.on(
                "message",
                |socket: SocketRef, Data(args): Data<Value>| async move {
                    emit(&socket, "message-back", &args);
                },
            );
            socket.on(
                "message-with-ack",
                |Data(args): Data<Value>, ack: AckSender| async move {
                    if let Err(error) = ack.send(&args) {
                        tracing::debug!(%error, "conformance: could not acknowledge");
                    }
                },
            );
        },
    );
    io.ns(
        "/custom",
        |socket: SocketRef, TryData(auth): TryData<Value>| async move {
            echo_auth(&socket, auth);
        },
    );
}

fn echo_auth<E>(socket: &SocketRef, auth: Result<Value, E>) {
    emit(socket, "auth", &auth.unwrap_or(Value::Null));
}

fn emit(socket: &SocketRef, event: &str, data: &Value) {
    if let Err(error) = socket.emit(event, data) {
        tracing::debug!(%error, event, "conformance: could not emit");
    }
}
