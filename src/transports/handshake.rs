//! Checking a WebSocket opening handshake before answering `101`.
//!
//! RFC 6455 §4.2.1 lists what a server must find in the client's request:
//! `GET`, `Upgrade: websocket`, a `Connection` header with the `Upgrade`
//! token, `Sec-WebSocket-Version: 13`, and a `Sec-WebSocket-Key` that is
//! 16 random bytes in base64 (24 characters). A request missing any of them
//! is not a WebSocket handshake and must not be switched: `400`, or `426`
//! with `Sec-WebSocket-Version: 13` when only the version is wrong. Both
//! `/ws` and Socket.IO's `/socket.io/?transport=websocket` are checked
//! here, so the lab's "block upgrades" fault cannot be slipped past with an
//! odd header either.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Whether `request` asks for Engine.IO's WebSocket transport.
pub(crate) fn wants_engine_io_websocket(request: &Request) -> bool {
    request
        .uri()
        .query()
        .is_some_and(|query| query.split('&').any(|pair| pair == "transport=websocket"))
}

// ANCHOR: accept
/// Checks the opening handshake of a WebSocket request.
pub(crate) fn check(method: &Method, headers: &HeaderMap) -> Result<(), ApiError> {
    let bad = |what: &str| {
        Err(ApiError::BadRequest(format!(
            "not a WebSocket handshake: {what}"
        )))
    };
    if method != Method::GET {
        return bad("the method must be GET");
    }
    let has = |name: header::HeaderName, wanted: &str| {
        headers.get_all(name).iter().any(|value| {
            value
                .to_str()
                .unwrap_or_default()
                .split(',')
                .any(|token| token.trim().eq_ignore_ascii_case(wanted))
        })
    };
    if !has(header::UPGRADE, "websocket") {
        return bad("the Upgrade header must be \"websocket\"");
    }
    if !has(header::CONNECTION, "upgrade") {
        return bad("the Connection header must contain \"Upgrade\"");
    }
    if headers
        .get(header::SEC_WEBSOCKET_VERSION)
        .map(|v| v.as_bytes())
        != Some(b"13")
    {
        return Err(ApiError::UnsupportedWebSocketVersion);
    }
    let key = headers
        .get(header::SEC_WEBSOCKET_KEY)
        .map(|value| value.as_bytes())
        .unwrap_or_default();
    if !is_websocket_key(key) {
        return bad("Sec-WebSocket-Key must be 16 bytes in base64 (24 characters)");
    }
    Ok(())
}
// ANCHOR_END: accept

/// 16 bytes in base64: 22 base64 characters and `==`.
fn is_websocket_key(key: &[u8]) -> bool {
    key.len() == 24
        && key.ends_with(b"==")
        && key[..22]
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || *byte == b'+' || *byte == b'/')
}

/// Middleware on `/socket.io/`: refuses a malformed WebSocket handshake
/// before socketioxide sees it.
pub(crate) async fn check_socketio_upgrade(request: Request, next: Next) -> Response {
    if wants_engine_io_websocket(&request) && request.method() == Method::GET {
        if let Err(error) = check(request.method(), request.headers()) {
            return error.into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn handshake() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        headers.insert(
            header::CONNECTION,
            HeaderValue::from_static("keep-alive, Upgrade"),
        );
        headers.insert(
            header::SEC_WEBSOCKET_VERSION,
            HeaderValue::from_static("13"),
        );
        headers.insert(
            header::SEC_WEBSOCKET_KEY,
            HeaderValue::from_static("dGhlIHNhbXBsZSBub25jZQ=="),
        );
        headers
    }

    #[test]
    fn a_proper_handshake_passes_and_each_flaw_is_named() {
        assert!(check(&Method::GET, &handshake()).is_ok());
        assert!(check(&Method::POST, &handshake()).is_err());
        let flawed: [(header::HeaderName, &str, &str); 5] = [
            (header::UPGRADE, "h2c", "Upgrade"),
            (header::CONNECTION, "keep-alive", "Connection"),
            (header::SEC_WEBSOCKET_KEY, "c2hvcnQ=", "Sec-WebSocket-Key"),
            (
                header::SEC_WEBSOCKET_KEY,
                "dGhlIHNhbXBsZSBub25jZQ!!",
                "Sec-WebSocket-Key",
            ),
            (header::SEC_WEBSOCKET_VERSION, "8", "version"),
        ];
        for (name, value, named) in flawed {
            let mut headers = handshake();
            headers.insert(name, HeaderValue::from_static(value));
            let error = check(&Method::GET, &headers).expect_err(value);
            assert!(error.to_string().contains(named), "{value}: {error}");
        }
    }
}
