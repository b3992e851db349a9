//! The event log shared by every instance on one Redis (`--redis`).
//!
//! One process keeps its log in memory ([`Hub`]). Several instances behind
//! one address must agree on one log, or a client that moves from instance
//! A to instance B would present a cursor that means nothing there. The
//! design keeps what the transports rely on and moves only the source of
//! truth:
//!
//! * **Ids come from Redis.** One Lua script (atomic on the Redis server)
//!   checks the client's message id for a retry, takes the next number of
//!   a counter (`INCR`) and appends the event to a stream (`XADD` with entry
//!   id `<n>-0`, trimmed to about [`CAPACITY`] entries). Ids stay
//!   consecutive and strictly increasing across the cluster, and the JSON
//!   is still encoded once: the script only puts the id in front.
//! * **Every instance mirrors the stream** into its own [`Hub`] with one
//!   follower task (`XREAD BLOCK` from its newest id, on a connection of its
//!   own, since a blocking read would hold up anything else sharing it).
//!   Every transport keeps reading the local ring by cursor and waking on
//!   its watch channel, exactly as with one process: `since`, `reset`,
//!   `skipped` mean the same on every instance.
//! * **A publisher reads its own write**: [`Hub::publish`] returns once the
//!   local mirror holds the new id, so a client acknowledged with id N can
//!   ask any instance for `since=N` at once.
//!
//! Why a stream and not pub/sub: a subscriber that blinks misses pub/sub
//! messages for good, while a stream read resumes from an id. A follower
//! that lost Redis for a while catches up from its newest id, and an
//! instance that starts late fills its ring with the stream's history.
//!
//! If Redis goes away, publishing fails with a clear error (the ack says
//! so), the mirror keeps serving what it holds, lessons keep working, and
//! the follower retries every half second. When Redis comes back, even
//! empty, the counter continues above the newest id any caller has seen
//! (the script's `floor`), so ids never go back.
//!
//! The ticker runs once for the cluster: the instance holding a short lease
//! in Redis ticks ([`SharedLog::ticker_turn`]), and the rate set on any
//! instance is the cluster's rate.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::streams::{StreamReadOptions, StreamReadReply};
use redis::{AsyncCommands, IntoConnectionInfo, RedisResult};
use tokio_util::sync::CancellationToken;

use super::event_log::CAPACITY;
use super::{EventId, Hub};

/// Keys, all under one prefix.
const COUNTER: &str = "realtime-lab:last-id";
const STREAM: &str = "realtime-lab:events";
const MESSAGE_IDS: &str = "realtime-lab:message:";
const TICKER_LEASE: &str = "realtime-lab:ticker";
const TICKER_RATE: &str = "realtime-lab:ticker-rate";
const INSTANCES: &str = "realtime-lab:instance:";

/// How long a client's message id is remembered for retries.
const MESSAGE_ID_SECONDS: u64 = 600;
/// How long one blocking read waits for news before asking again.
const BLOCK: Duration = Duration::from_secs(5);
/// How long the ticker's lease lasts without renewal.
const LEASE: Duration = Duration::from_secs(3);
/// How long the follower waits before reconnecting after an error.
const RETRY: Duration = Duration::from_millis(500);

// ANCHOR: append_script
/// Appends one event, atomically. KEYS: counter, stream, and the client's
/// message id key if any. ARGV: the event JSON after its opening `{`, the
/// stream's length, the message id's lifetime, and the floor (the newest
/// id the caller has seen: the counter never goes below it).
const APPEND: &str = r#"
if #KEYS == 3 then
  local seen = redis.call('GET', KEYS[3])
  if seen then return tonumber(seen) end
end
local floor = tonumber(ARGV[4])
if tonumber(redis.call('GET', KEYS[1]) or '0') < floor then
  redis.call('SET', KEYS[1], ARGV[4])
end
local id = redis.call('INCR', KEYS[1])
local text = string.format('%d', id)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], text .. '-0',
  'json', '{"id":' .. text .. ',' .. ARGV[1])
if #KEYS == 3 then redis.call('SET', KEYS[3], text, 'EX', ARGV[3]) end
return id
"#;
// ANCHOR_END: append_script

/// Takes or renews the ticker's lease: 1 when this instance holds it.
const LEASE_SCRIPT: &str = r#"
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
"#;

/// Redis could not be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SharedLogError {
    /// The URL is not a Redis URL.
    #[error("{url} is not a Redis URL (like redis://127.0.0.1:6379): {reason}")]
    BadUrl {
        /// As given.
        url: String,
        /// What the client library said.
        reason: String,
    },
    /// Redis did not answer.
    #[error("the shared event log on {url} is unreachable: {reason}")]
    Unreachable {
        /// The Redis URL.
        url: String,
        /// What the client library said.
        reason: String,
    },
}

/// The log on Redis, and this instance's name in the cluster.
pub(crate) struct SharedLog {
    url: String,
    client: redis::Client,
    connection: ConnectionManager,
    append: redis::Script,
    lease: redis::Script,
    /// A random name: who holds the ticker's lease.
    instance: String,
    /// False while the follower cannot read Redis.
    connected: AtomicBool,
}

/// A client for `url` that speaks RESP3 (pub/sub needs it) whatever the
/// URL says.
pub(crate) fn redis_client(url: &str) -> Result<redis::Client, SharedLogError> {
    let bad = |error: redis::RedisError| SharedLogError::BadUrl {
        url: url.to_owned(),
        reason: error.to_string(),
    };
    let info = url.into_connection_info().map_err(bad)?;
    let settings = info
        .redis_settings()
        .clone()
        .set_protocol(redis::ProtocolVersion::RESP3);
    redis::Client::open(info.set_redis_settings(settings)).map_err(bad)
}

impl SharedLog {
    /// Connects to the Redis at `url`; fails at once when it does not answer.
    pub(crate) async fn connect(url: &str) -> Result<SharedLog, SharedLogError> {
        let client = redis_client(url)?;
        let unreachable = |error: redis::RedisError| SharedLogError::Unreachable {
            url: url.to_owned(),
            reason: error.to_string(),
        };
        let config = ConnectionManagerConfig::new()
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500))
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(Duration::from_secs(2)));
        let mut connection = ConnectionManager::new_with_config(client.clone(), config)
            .await
            .map_err(unreachable)?;
        let _: String = redis::cmd("PING")
            .query_async(&mut connection)
            .await
            .map_err(unreachable)?;
        Ok(SharedLog {
            url: url.to_owned(),
            client,
            connection,
            append: redis::Script::new(APPEND),
            lease: redis::Script::new(LEASE_SCRIPT),
            instance: format!("{:016x}", rand_u64()),
            connected: AtomicBool::new(true),
        })
    }

    /// The Redis URL.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The Redis client (for the Socket.IO adapter's own connection).
    pub(crate) fn client(&self) -> &redis::Client {
        &self.client
    }

    /// Whether the follower reads Redis right now.
    pub(crate) fn connected(&self) -> bool {
        self.connected.load(Ordering::Relaxed)
    }

    fn unreachable(&self, error: &redis::RedisError) -> SharedLogError {
        SharedLogError::Unreachable {
            url: self.url.clone(),
            reason: error.to_string(),
        }
    }

    /// Appends an event given as its JSON after the opening `{` (the script
    /// puts `{"id":N,` in front); with `key`, a retry gets the first id.
    pub(crate) async fn append(
        &self,
        json_tail: &str,
        key: Option<&str>,
        floor: EventId,
    ) -> Result<EventId, SharedLogError> {
        let mut invocation = self.append.key(COUNTER);
        invocation.key(STREAM);
        if let Some(key) = key {
            invocation.key(format!("{MESSAGE_IDS}{key}"));
        }
        invocation
            .arg(json_tail)
            .arg(CAPACITY)
            .arg(MESSAGE_ID_SECONDS)
            .arg(floor.0);
        let id: u64 = invocation
            .invoke_async(&mut self.connection.clone())
            .await
            .map_err(|error| self.unreachable(&error))?;
        Ok(EventId(id))
    }

    /// Mirrors the stream into `hub` until `shutdown`: the one way events
    /// enter an instance's ring in a cluster.
    pub(crate) async fn follow(self: Arc<Self>, hub: Arc<Hub>, shutdown: CancellationToken) {
        loop {
            let result = tokio::select! {
                result = self.follow_once(&hub) => result,
                () = shutdown.cancelled() => return,
            };
            if let Err(error) = result {
                if self.connected.swap(false, Ordering::Relaxed) {
                    tracing::warn!(url = %self.url, %error, "lost the shared event log; retrying");
                }
            }
            tokio::select! {
                () = tokio::time::sleep(RETRY) => {}
                () = shutdown.cancelled() => return,
            }
        }
    }

    /// Reads the stream on a connection of its own until an error.
    async fn follow_once(&self, hub: &Hub) -> RedisResult<()> {
        let config = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(BLOCK + Duration::from_secs(2)));
        let mut connection = self
            .client
            .get_multiplexed_async_connection_with_config(&config)
            .await?;
        let options = StreamReadOptions::default()
            .block(usize::try_from(BLOCK.as_millis()).unwrap_or(5000))
            .count(CAPACITY);
        loop {
            let from = format!("{}-0", hub.last_id().0);
            let reply: Option<StreamReadReply> = connection
                .xread_options(&[STREAM], &[from], &options)
                .await?;
            if !self.connected.swap(true, Ordering::Relaxed) {
                tracing::info!(url = %self.url, "the shared event log is back");
            }
            let Some(reply) = reply else {
                continue; // no news within BLOCK: ask again
            };
            let mut events = Vec::new();
            for key in reply.keys {
                for entry in key.ids {
                    let id = entry
                        .id
                        .split_once('-')
                        .and_then(|(id, _)| id.parse::<u64>().ok());
                    let json: Option<String> = entry.get("json");
                    if let (Some(id), Some(json)) = (id, json) {
                        events.push((EventId(id), json));
                    }
                }
            }
            hub.mirror(events);
        }
    }

    /// The ticker's turn: takes or renews this instance's lease (true when
    /// it holds it), publishes `new_rate` if the rate was changed here, and
    /// returns the cluster's rate.
    pub(crate) async fn ticker_turn(
        &self,
        new_rate: Option<f64>,
    ) -> Result<(bool, Option<f64>), SharedLogError> {
        let mut connection = self.connection.clone();
        let unreachable = |error: redis::RedisError| self.unreachable(&error);
        if let Some(rate) = new_rate {
            let _: () = connection
                .set(TICKER_RATE, rate)
                .await
                .map_err(unreachable)?;
        }
        let held: i64 = self
            .lease
            .key(TICKER_LEASE)
            .arg(&self.instance)
            .arg(u64::try_from(LEASE.as_millis()).unwrap_or(3000))
            .invoke_async(&mut connection)
            .await
            .map_err(unreachable)?;
        let rate: Option<f64> = connection.get(TICKER_RATE).await.map_err(unreachable)?;
        Ok((held == 1, rate))
    }
}

/// An instance of the cluster, as it announced itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Instance {
    /// Where browsers reach it.
    pub url: String,
    /// True for the instance that answers.
    pub here: bool,
}

impl SharedLog {
    /// Says that this instance is alive and reachable at `url` (for
    /// [`LEASE`]; call it every second).
    pub(crate) async fn announce(&self, url: &str) -> Result<(), SharedLogError> {
        let lifetime = u64::try_from(LEASE.as_millis()).unwrap_or(3000);
        let _: () = self
            .connection
            .clone()
            .pset_ex(format!("{INSTANCES}{}", self.instance), url, lifetime)
            .await
            .map_err(|error| self.unreachable(&error))?;
        Ok(())
    }

    /// The instances that announced themselves lately, sorted by URL.
    pub(crate) async fn instances(&self) -> Result<Vec<Instance>, SharedLogError> {
        let mut connection = self.connection.clone();
        let keys: Vec<String> = connection
            .keys(format!("{INSTANCES}*"))
            .await
            .map_err(|error| self.unreachable(&error))?;
        let mut instances = Vec::new();
        for key in keys {
            let url: Option<String> = connection
                .get(&key)
                .await
                .map_err(|error| self.unreachable(&error))?;
            if let Some(url) = url {
                let here = key.ends_with(&self.instance);
                instances.push(Instance { url, here });
            }
        }
        instances.sort_by(|a, b| a.url.cmp(&b.url));
        Ok(instances)
    }
}

/// A random number for the instance's name (no extra crate: the standard
/// library's randomly seeded hasher).
fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(u64::from(std::process::id()));
    hasher.finish()
}
