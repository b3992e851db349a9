//! A Socket.IO client spoken by hand: raw Engine.IO v4 long-polling
//! requests (the way every Socket.IO connection starts), so tests see the
//! exact packets.

use std::time::Duration;

use serde_json::Value;

use super::TestServer;

/// An Engine.IO session on HTTP long-polling.
pub(crate) struct Session {
    client: reqwest::Client,
    url: String,
    /// Packets received but not looked at yet.
    inbox: Vec<String>,
}

impl Session {
    /// The handshake: `GET /socket.io/?EIO=4&transport=polling` → `0{"sid":...}`.
    pub(crate) async fn open(server: &TestServer) -> (Session, String) {
        let client = reqwest::Client::new();
        let base = server.url("/socket.io/?EIO=4&transport=polling");
        let open = client.get(&base).send().await.expect("handshake");
        assert_eq!(open.status(), 200);
        let text = open.text().await.expect("text");
        let handshake: Value =
            serde_json::from_str(text.strip_prefix('0').expect("an open packet")).expect("JSON");
        let sid = handshake["sid"].as_str().expect("sid").to_string();
        let url = format!("{base}&sid={sid}");
        (
            Session {
                client,
                url,
                inbox: Vec::new(),
            },
            sid,
        )
    }

    pub(crate) async fn send(&self, packet: &str) {
        let answer = self
            .client
            .post(&self.url)
            .body(packet.to_string())
            .send()
            .await
            .expect("post");
        assert_eq!(answer.status(), 200, "posting {packet}");
    }

    /// The next packet, polling when the inbox is empty; Engine.IO pings
    /// (`2`) are answered (`3`) and skipped.
    pub(crate) async fn next(&mut self) -> String {
        loop {
            let packet = self.next_raw().await;
            if packet == "2" {
                self.send("3").await;
            } else {
                return packet;
            }
        }
    }

    /// The first packet that `wanted` accepts; packets before it stay in
    /// the inbox for later calls (pings are answered and skipped).
    pub(crate) async fn next_matching(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        loop {
            if let Some(index) = self.inbox.iter().position(|packet| wanted(packet)) {
                return self.inbox.remove(index);
            }
            for packet in self.poll().await {
                if packet == "2" {
                    self.send("3").await;
                } else {
                    self.inbox.push(packet);
                }
            }
        }
    }

    pub(crate) async fn next_raw(&mut self) -> String {
        while self.inbox.is_empty() {
            let packets = self.poll().await;
            self.inbox.extend(packets);
        }
        self.inbox.remove(0)
    }

    /// One polling request: the packets of its response, in order.
    pub(crate) async fn poll(&self) -> Vec<String> {
        let poll = tokio::time::timeout(Duration::from_secs(10), self.client.get(&self.url).send())
            .await
            .expect("a poll answer in time")
            .expect("poll");
        let body = poll.text().await.expect("text");
        // A polling response joins packets with the record separator.
        body.split('\u{1e}').map(str::to_string).collect()
    }
}
