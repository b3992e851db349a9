//! Limits that hold under load: how many connections a server keeps open,
//! per client address and in all, and how fast a client may publish.
//!
//! Every held connection (a long-poll, an SSE stream, a WebSocket, a
//! Socket.IO socket) takes a [`Held`] guard from [`Admission`] when it
//! starts and gives it back when it ends, however it ends. Over a limit the
//! answer says so plainly: `429 Too Many Requests` for one client's excess,
//! `503 Service Unavailable` when the whole server is full (both with a JSON
//! reason and `Retry-After`), WebSocket close code 1013 ("try again
//! later"), a Socket.IO `connect_error`. Publishing is metered by a token
//! bucket per client address. The course's pages are never limited here:
//! a full playground still serves its lessons.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::error::ApiError;

/// The limits; the defaults suit a classroom on one machine.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Held connections one client address may have open.
    pub connections_per_client: usize,
    /// Held connections the whole server keeps open.
    pub connections: usize,
    /// Messages one client address may publish per second, on average.
    pub publish_per_second: f64,
    /// How many messages a client may publish at once above that rate.
    pub publish_burst: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections_per_client: 256,
            connections: 10_000,
            publish_per_second: 20.0,
            publish_burst: 40.0,
        }
    }
}

/// Why a connection or a publish was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum LimitError {
    /// This client address already holds its share.
    #[error(
        "too many open connections from your address (the limit is {0}); close some and try again"
    )]
    TooManyFromClient(usize),
    /// The server holds as many connections as it will.
    #[error("the server is full ({0} open connections); try again in a moment")]
    ServerFull(usize),
    /// This client address publishes faster than allowed.
    #[error("publishing too fast: at most {0} messages per second from one address")]
    PublishingTooFast(f64),
}

impl From<LimitError> for ApiError {
    fn from(error: LimitError) -> Self {
        match error {
            LimitError::ServerFull(_) => ApiError::Unavailable(error.to_string()),
            LimitError::TooManyFromClient(_) | LimitError::PublishingTooFast(_) => {
                ApiError::TooManyRequests(error.to_string())
            }
        }
    }
}

/// The client's IP address, from the connection (unspecified when the
/// request did not come over a socket, as in router tests).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientAddr(pub(crate) IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr::of(parts))
    }
}

impl ClientAddr {
    /// The address in a request's extensions.
    pub(crate) fn of(parts: &Parts) -> ClientAddr {
        ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip()),
        )
    }
}

/// Counts held connections and publishing rates against the [`Limits`].
#[derive(Debug)]
pub(crate) struct Admission {
    limits: Limits,
    /// A std `Mutex`: held to update a count or a bucket, never across an
    /// `.await`.
    state: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
    buckets: HashMap<IpAddr, Bucket>,
}

/// A token bucket: `tokens` refill at the publishing rate up to the burst.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    refilled_at: Instant,
}

impl Admission {
    /// Admission under `limits`.
    pub(crate) fn new(limits: Limits) -> Self {
        Admission {
            limits,
            state: Mutex::new(Counts::default()),
        }
    }

    /// Admits one more held connection from `client`, until the guard drops.
    pub(crate) fn hold(self: &Arc<Self>, client: ClientAddr) -> Result<Held, LimitError> {
        let mut counts = self.lock();
        if counts.total >= self.limits.connections {
            return Err(LimitError::ServerFull(self.limits.connections));
        }
        let mine = counts.per_client.entry(client.0).or_insert(0);
        if *mine >= self.limits.connections_per_client {
            return Err(LimitError::TooManyFromClient(
                self.limits.connections_per_client,
            ));
        }
        *mine += 1;
        counts.total += 1;
        Ok(Held {
            admission: Arc::clone(self),
            client: client.0,
        })
    }

    // ANCHOR: bucket
    /// Takes one publishing token from `client`'s bucket.
    pub(crate) fn publish(&self, client: ClientAddr) -> Result<(), LimitError> {
        let now = Instant::now();
        let mut counts = self.lock();
        let burst = self.limits.publish_burst;
        let bucket = counts.buckets.entry(client.0).or_insert(Bucket {
            tokens: burst,
            refilled_at: now,
        });
        let elapsed = now.duration_since(bucket.refilled_at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.limits.publish_per_second).min(burst);
        bucket.refilled_at = now;
        if bucket.tokens < 1.0 {
            return Err(LimitError::PublishingTooFast(
                self.limits.publish_per_second,
            ));
        }
        bucket.tokens -= 1.0;
        // Forget full buckets of quiet clients now and then, so the map
        // stays as small as the set of active publishers.
        if counts.buckets.len() > 4096 {
            counts.buckets.retain(|_, bucket| bucket.tokens < burst);
        }
        Ok(())
    }
    // ANCHOR_END: bucket

    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One admitted connection; dropping it (however the connection ends)
/// frees its place.
#[derive(Debug)]
pub(crate) struct Held {
    admission: Arc<Admission>,
    client: IpAddr,
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut counts = self.admission.lock();
        counts.total = counts.total.saturating_sub(1);
        if let Some(mine) = counts.per_client.get_mut(&self.client) {
            *mine = mine.saturating_sub(1);
            if *mine == 0 {
                counts.per_client.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(last: u8) -> ClientAddr {
        ClientAddr(IpAddr::V4(Ipv4Addr::new(10, 0, 0, last)))
    }

    #[test]
    fn connections_are_limited_per_client_and_in_all_and_freed_on_drop() {
        let admission = Arc::new(Admission::new(Limits {
            connections_per_client: 2,
            connections: 3,
            ..Limits::default()
        }));
        let first = admission.hold(client(1)).expect("1 of 2");
        let _second = admission.hold(client(1)).expect("2 of 2");
        assert_eq!(
            admission.hold(client(1)).map(|_| ()),
            Err(LimitError::TooManyFromClient(2))
        );
        let _other = admission.hold(client(2)).expect("another client");
        assert_eq!(
            admission.hold(client(3)).map(|_| ()),
            Err(LimitError::ServerFull(3))
        );
        drop(first);
        assert!(
            admission.hold(client(1)).is_ok(),
            "a closed connection frees its place"
        );
    }

    #[test]
    fn publishing_has_a_burst_then_the_rate() {
        let admission = Admission::new(Limits {
            publish_per_second: 1.0,
            publish_burst: 3.0,
            ..Limits::default()
        });
        for _ in 0..3 {
            assert!(admission.publish(client(1)).is_ok());
        }
        assert!(admission.publish(client(1)).is_err(), "the burst is spent");
        assert!(
            admission.publish(client(2)).is_ok(),
            "other clients have their own"
        );
    }
}
