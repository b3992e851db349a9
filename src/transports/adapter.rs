//! Socket.IO's adapter: how a broadcast reaches sockets on other instances.
//!
//! An adapter decides which sockets a broadcast (`io.to("chat").emit(...)`)
//! goes to. socketioxide's default keeps rooms in memory, so a broadcast
//! reaches only this process. With several instances behind one address,
//! a socket on instance A and a socket on instance B may share a room: the
//! broadcast must cross. The maintained `socketioxide-redis` adapter does
//! that with Redis pub/sub: each instance subscribes to its namespaces'
//! request channels, publishes every broadcast there (msgpack), and each
//! instance delivers it to its own members. Counting sockets across the
//! cluster (`fetch_sockets`) is a request every instance answers.
//!
//! This server always uses that adapter, with one of two drivers:
//!
//! * [`LabDriver::Local`], the default: nothing leaves the process (no
//!   other instance listens), so a broadcast reaches the local sockets
//!   only, as with socketioxide's in-memory adapter;
//! * [`LabDriver::Redis`] with `--redis`: pub/sub on a `ConnectionManager`,
//!   which reconnects and subscribes again by itself after Redis restarts
//!   (the crate's own driver holds one connection and gives up). A PING
//!   every second notices a lost Redis even while nobody broadcasts.
//!
//! One adapter type for both keeps every handler free of generics; the
//! local driver costs one msgpack encoding per broadcast that is not
//! `.local()`, and the hub-driven pushes are all local.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, FromRedisValue, PushInfo, PushKind, RedisResult};
use socketioxide::adapter::Emitter;
use socketioxide_redis::drivers::{ChanItem, Driver, MessageStream};
use socketioxide_redis::{CustomRedisAdapter, RedisAdapterConfig, RedisAdapterCtr};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The adapter every namespace of this server uses.
pub(crate) type LabAdapter = CustomRedisAdapter<Emitter, LabDriver>;
/// socketioxide's handles, on this server's adapter (the handlers read as
/// in socketioxide's examples: `SocketRef`, `AckSender`, `SocketIo`).
pub(crate) type SocketRef = socketioxide::extract::SocketRef<LabAdapter>;
/// An acknowledgement to send, on this server's adapter.
pub(crate) type AckSender = socketioxide::extract::AckSender<LabAdapter>;
/// The Socket.IO server handle, on this server's adapter.
pub(crate) type SocketIo = socketioxide::SocketIo<LabAdapter>;

/// How often an idle Redis connection is checked.
const HEARTBEAT: Duration = Duration::from_secs(1);

/// Where broadcasts go besides this process.
#[derive(Clone)]
pub(crate) enum LabDriver {
    /// Nowhere: a single instance.
    Local(LocalChannels),
    /// Redis pub/sub, shared by every instance on the same Redis.
    Redis(RedisDriver),
}

/// The local driver's subscriptions: kept open, never written to.
#[derive(Clone, Default)]
pub(crate) struct LocalChannels(Arc<Mutex<Vec<mpsc::Sender<ChanItem>>>>);

/// Channel name → the adapter's receiver for it.
type Handlers = Arc<RwLock<HashMap<String, mpsc::Sender<ChanItem>>>>;

/// Pub/sub on a reconnecting connection.
#[derive(Clone)]
pub(crate) struct RedisDriver {
    handlers: Handlers,
    connection: ConnectionManager,
}

impl LabDriver {
    /// The adapter's constructor for this driver.
    pub(crate) fn into_ctr(self) -> RedisAdapterCtr<LabDriver> {
        RedisAdapterCtr::new_with_driver(
            self,
            RedisAdapterConfig::new().with_prefix("realtime-lab"),
        )
    }
}

impl RedisDriver {
    /// Connects to Redis (the client must speak RESP3: pub/sub messages
    /// arrive as pushes). The heartbeat task stops with `shutdown`.
    pub(crate) async fn connect(
        client: redis::Client,
        shutdown: CancellationToken,
    ) -> RedisResult<RedisDriver> {
        let handlers: Handlers = Arc::default();
        let routes = Arc::clone(&handlers);
        let config = ConnectionManagerConfig::new()
            .set_push_sender(move |push: PushInfo| {
                route(push, &routes);
                Ok::<(), Infallible>(())
            })
            .set_automatic_resubscription()
            // While Redis is down, fail in about half a second instead of
            // holding every broadcast for long.
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500))
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(Duration::from_secs(2)));
        let connection = ConnectionManager::new_with_config(client, config).await?;
        let mut heartbeat = connection.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = tokio::time::sleep(HEARTBEAT) => {}
                    () = shutdown.cancelled() => return,
                }
                let _: RedisResult<String> = redis::cmd("PING").query_async(&mut heartbeat).await;
            }
        });
        Ok(RedisDriver {
            handlers,
            connection,
        })
    }
}

/// Hands a pub/sub message to the adapter's receiver for its channel.
fn route(push: PushInfo, handlers: &Handlers) {
    if !matches!(push.kind, PushKind::Message | PushKind::SMessage) || push.data.len() < 2 {
        return; // subscription confirmations, disconnections, ...
    }
    let mut data = push.data.into_iter();
    let (Some(channel), Some(payload)) = (data.next(), data.next()) else {
        return;
    };
    let (Ok(channel), Ok(payload)) = (
        String::from_redis_value(channel),
        Vec::<u8>::from_redis_value(payload),
    ) else {
        return;
    };
    let handlers = handlers
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(sender) = handlers.get(&channel) {
        if let Err(error) = sender.try_send((channel, payload)) {
            tracing::warn!(%error, "a Socket.IO adapter message was dropped");
        }
    }
}

impl Driver for LabDriver {
    type Error = redis::RedisError;

    async fn publish(&self, channel: String, value: Vec<u8>) -> Result<(), Self::Error> {
        match self {
            LabDriver::Local(_) => Ok(()),
            LabDriver::Redis(driver) => {
                let _: redis::Value = driver.connection.clone().publish(channel, value).await?;
                Ok(())
            }
        }
    }

    async fn subscribe(
        &self,
        channel: String,
        size: usize,
    ) -> Result<MessageStream<ChanItem>, Self::Error> {
        let (sender, receiver) = mpsc::channel(size.max(1));
        match self {
            LabDriver::Local(channels) => {
                channels
                    .0
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(sender);
            }
            LabDriver::Redis(driver) => {
                // Listen first: a message may come right after SUBSCRIBE.
                driver
                    .handlers
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(channel.clone(), sender);
                driver.connection.clone().subscribe(channel).await?;
            }
        }
        Ok(MessageStream::new(receiver))
    }

    async fn unsubscribe(&self, channel: String) -> Result<(), Self::Error> {
        match self {
            LabDriver::Local(_) => Ok(()),
            LabDriver::Redis(driver) => {
                driver
                    .handlers
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .remove(&channel);
                driver.connection.clone().unsubscribe(channel).await
            }
        }
    }

    async fn num_serv(&self, channel: &str) -> Result<u16, Self::Error> {
        match self {
            // Only this instance.
            LabDriver::Local(_) => Ok(1),
            LabDriver::Redis(driver) => {
                let (_, count): (String, u16) = redis::cmd("PUBSUB")
                    .arg("NUMSUB")
                    .arg(channel)
                    .query_async(&mut driver.connection.clone())
                    .await?;
                Ok(count)
            }
        }
    }
}
