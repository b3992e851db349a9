//! Grader for exercise 16: a WebSocket that checks `Origin` before the
//! upgrade. A real WebSocket client (tokio-tungstenite) sends handshakes
//! with the Origin a browser on another site would send, with lookalikes,
//! with none, and with bytes that are not text.

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use exercises::ex16_origin_check::{router, OriginPolicy};
use futures_util::{SinkExt, StreamExt};
use support::Grader;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{Error, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Client = WebSocketStream<MaybeTlsStream<TcpStream>>;

fn grader() -> Grader {
    Grader::new(
        "ex16",
        "Origin check on the upgrade",
        "ex16_origin_check.rs",
    )
}

const APP: &str = "http://localhost:3000";
const OTHER_APP: &str = "https://app.example";

async fn start(g: &Grader, allow_missing: bool) -> SocketAddr {
    let policy = OriginPolicy {
        allowed: vec![APP.to_owned(), OTHER_APP.to_owned()],
        allow_missing,
    };
    let app = g.run(|| router(policy));
    support::serve(app).await
}

/// How a handshake ended: a socket, or an HTTP refusal (status and body).
enum Handshake {
    Upgraded(Box<Client>),
    Refused(u16, String),
}

fn describe(origin: Option<&[u8]>) -> String {
    match origin {
        Some(bytes) => format!("Origin: {}", String::from_utf8_lossy(bytes)),
        None => "no Origin header".to_owned(),
    }
}

async fn handshake(g: &Grader, addr: SocketAddr, origin: Option<&[u8]>) -> Handshake {
    let mut request = format!("ws://{addr}/ws")
        .into_client_request()
        .expect("a valid WebSocket URL");
    if let Some(origin) = origin {
        let value = HeaderValue::from_bytes(origin).expect("a header value the client can send");
        request.headers_mut().insert("origin", value);
    }
    let check = format!("the WebSocket handshake with {}", describe(origin));
    let result = g
        .within(
            Duration::from_secs(5),
            &check,
            tokio_tungstenite::connect_async(request),
            "answer every GET /ws: upgrade, or refuse with a 403",
        )
        .await;
    match result {
        Ok((client, _)) => Handshake::Upgraded(Box::new(client)),
        Err(Error::Http(response)) => {
            let body = response
                .body()
                .as_deref()
                .map(String::from_utf8_lossy)
                .unwrap_or_default()
                .into_owned();
            Handshake::Refused(response.status().as_u16(), body)
        }
        Err(error) => g.fail(
            &check,
            "101 Switching Protocols or an HTTP refusal",
            error,
            "route GET /ws to your handler; a panic there (an unwrap on the header?) drops the connection",
        ),
    }
}

async fn expect_echo(g: &Grader, client: &mut Client, who: &str) {
    for sent in [
        Message::text("hello from an allowed page"),
        Message::binary(vec![1, 2, 3]),
    ] {
        if let Err(error) = client.send(sent.clone()).await {
            g.fail(
                &format!("{who}: sending a message"),
                "the connection open",
                error,
                "keep the socket's loop running until the client leaves",
            );
        }
        let received = g
            .within(
                Duration::from_secs(3),
                &format!("{who}: waiting for the echo"),
                async {
                    loop {
                        match client.next().await {
                            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                            Some(Ok(message)) => return Some(message),
                            _ => return None,
                        }
                    }
                },
                "send every text and binary message straight back",
            )
            .await;
        g.eq(
            &format!("{who}: the echo of {sent:?}"),
            Some(sent),
            received,
            "echo the message unchanged: a text stays text, binary stays binary",
        );
    }
}

async fn expect_refused(g: &Grader, addr: SocketAddr, origin: Option<&[u8]>, hint: &str) -> String {
    match handshake(g, addr, origin).await {
        Handshake::Refused(403, body) => body,
        Handshake::Refused(status, body) => g.fail(
            &format!("the answer to an upgrade with {}", describe(origin)),
            "403 Forbidden",
            format!("{status} {body}"),
            "refuse with StatusCode::FORBIDDEN and a short text",
        ),
        Handshake::Upgraded(_) => g.fail(
            &format!("the answer to an upgrade with {}", describe(origin)),
            "403 Forbidden",
            "101 Switching Protocols: the page got a socket",
            hint,
        ),
    }
}

#[tokio::test]
async fn allowed_origins_get_an_echoing_socket() {
    let g = grader();
    let addr = start(&g, false).await;
    for origin in [APP, OTHER_APP] {
        match handshake(&g, addr, Some(origin.as_bytes())).await {
            Handshake::Upgraded(mut client) => {
                expect_echo(&g, &mut client, &format!("a page from {origin}")).await;
            }
            Handshake::Refused(status, body) => g.fail(
                &format!("the upgrade with Origin: {origin} (allowed)"),
                "101 Switching Protocols",
                format!("{status} {body}"),
                "an Origin equal to one of policy.allowed is accepted: upgrade.on_upgrade(...)",
            ),
        }
    }
}

#[tokio::test]
async fn another_site_is_refused_before_the_upgrade() {
    let g = grader();
    let addr = start(&g, false).await;
    let origin = "https://evil.example";
    let body = expect_refused(
        &g,
        addr,
        Some(origin.as_bytes()),
        "check the Origin before on_upgrade: once you answer 101, the other site's page holds an open socket",
    )
    .await;
    g.that(
        body.contains(origin),
        "the text of the 403 for Origin: https://evil.example",
        format!("a message naming {origin}"),
        format!("{body:?}"),
        "say which origin was refused, e.g. format!(\"origin {origin} is not allowed\"): it is what someone debugging will search for",
    );
}

#[tokio::test]
async fn lookalike_origins_are_refused() {
    let g = grader();
    let addr = start(&g, false).await;
    let lookalikes = [
        (
            "http://localhost:3000.evil.example",
            "it starts with an allowed origin but is another host: compare whole origins, not prefixes",
        ),
        (
            "http://evil.example/http://localhost:3000",
            "it contains an allowed origin: compare with ==, not contains()",
        ),
        (
            "http://localhost:3001",
            "another port is another origin",
        ),
        (
            "null",
            "sandboxed pages and local files send Origin: null; it is not in the list",
        ),
    ];
    for (origin, hint) in lookalikes {
        expect_refused(&g, addr, Some(origin.as_bytes()), hint).await;
    }
}

#[tokio::test]
async fn a_missing_origin_is_refused_unless_allowed() {
    let g = grader();
    let strict = start(&g, false).await;
    let body = expect_refused(
        &g,
        strict,
        None,
        "no Origin and allow_missing false: refuse with 403",
    )
    .await;
    g.that(
        body.to_lowercase().contains("origin"),
        "the text of the 403 for a request without Origin",
        "a message that mentions the missing Origin header",
        format!("{body:?}"),
        "say what is wrong, e.g. \"the Origin header is missing\"",
    );
    let lenient = start(&g, true).await;
    match handshake(&g, lenient, None).await {
        Handshake::Upgraded(mut client) => {
            expect_echo(&g, &mut client, "a client without Origin (allow_missing)").await;
        }
        Handshake::Refused(status, body) => g.fail(
            "the upgrade without Origin when policy.allow_missing is true",
            "101 Switching Protocols",
            format!("{status} {body}"),
            "a missing header is allowed when the policy says so: non-browser clients send none",
        ),
    }
}

#[tokio::test]
async fn an_origin_that_is_not_text_is_refused_without_a_panic() {
    let g = grader();
    let addr = start(&g, true).await;
    expect_refused(
        &g,
        addr,
        Some(b"http://\xffevil.example"),
        "HeaderValue::to_str fails on bytes that are not visible ASCII: treat that as a refusal",
    )
    .await;
}
