//! # Exercise 16: check the Origin before the upgrade
//!
//! Chapter 6, "Origin checks and cross-site WebSocket hijacking". Browsers
//! do not apply CORS to WebSockets: a page on `https://evil.example` can
//! open `new WebSocket("wss://your.app/ws")`, and the browser may send
//! your site's cookies along (those that `SameSite` does not hold back). If
//! the server trusts those cookies, the other site now talks to your server
//! as your user. What the browser does add is an `Origin` header naming
//! the page's origin (scheme, host and port), which a script cannot forge.
//! So the server checks it **before** upgrading:
//! once it has answered `101 Switching Protocols`, the other page already
//! holds an open socket.
//!
//! Your task: write [`router`] with `GET /ws`, a WebSocket that echoes
//! every text and binary message back, behind an origin check:
//!
//! - `Origin` equal to one of `policy.allowed`: upgrade and echo.
//! - Any other `Origin`: answer `403 Forbidden` with a short text that
//!   names the refused origin, e.g. `origin https://evil.example is not
//!   allowed`. Compare whole origins: `http://localhost:3000.evil.example`
//!   *starts with* an allowed origin and is still someone else.
//! - No `Origin` header: browsers always send one, so its absence means a
//!   non-browser client (curl, a native app, another server). Upgrade only
//!   if `policy.allow_missing`; otherwise `403` with a text that says the
//!   Origin header is missing.
//! - An `Origin` that is not valid text: `403` (never a panic: the header
//!   is whatever the client sent).
//!
//! In the handler, take axum's `WebSocketUpgrade` and the request's
//! `HeaderMap`; return the refusal before calling `on_upgrade`.

use axum::Router;

/// Which pages may open the WebSocket.
#[derive(Clone, Debug, Default)]
pub struct OriginPolicy {
    /// The allowed origins, exactly as browsers send them:
    /// `scheme://host[:port]`, e.g. `http://localhost:3000`.
    pub allowed: Vec<String>,
    /// Whether a request without an `Origin` header (not from a browser)
    /// may upgrade.
    pub allow_missing: bool,
}

/// A router with `GET /ws`: an echoing WebSocket for allowed origins only.
pub fn router(policy: OriginPolicy) -> Router {
    todo!("route GET /ws to a handler that checks the Origin header, then upgrades and echoes")
}
