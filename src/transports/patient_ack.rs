//! Socket.IO acknowledgements that are never dropped.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use socketioxide::handler::{FromMessageParts, Value};
use socketioxide::{SendError, SocketError};

use super::adapter::{AckSender, LabAdapter};

/// A socket of this server's adapter.
type Socket = socketioxide::socket::Socket<LabAdapter>;

/// How long an acknowledgement waits for room in a full send buffer.
const RETRY_ACK_WHEN_FULL: Duration = Duration::from_millis(10);

/// An acknowledgement that waits for room instead of being dropped.
///
/// socketioxide's [`AckSender`] gives up when the socket's send buffer is
/// full (a burst of publishes on one socket fills it with acks). This
/// extractor keeps the socket and the ack id, and makes a fresh
/// `AckSender` for each try until the ack fits or the socket is gone.
pub(crate) struct PatientAck {
    socket: Arc<Socket>,
    ack_id: Option<i64>,
}

impl FromMessageParts<LabAdapter> for PatientAck {
    type Error = std::convert::Infallible;

    fn from_message_parts(
        socket: &Arc<Socket>,
        _: &mut Value,
        ack_id: &Option<i64>,
    ) -> Result<Self, Self::Error> {
        Ok(PatientAck {
            socket: Arc::clone(socket),
            ack_id: *ack_id,
        })
    }
}

impl PatientAck {
    /// Sends `answer` as the acknowledgement, waiting for room as long as
    /// the socket lives.
    pub(crate) async fn send(self, answer: &impl serde::Serialize) {
        loop {
            let Ok(sender) = AckSender::from_message_parts(
                &self.socket,
                &mut Value::Bytes(Bytes::new()),
                &self.ack_id,
            );
            match sender.send(answer) {
                Err(SendError::Socket(SocketError::InternalChannelFull)) => {
                    tokio::time::sleep(RETRY_ACK_WHEN_FULL).await;
                }
                Err(error) => {
                    tracing::debug!(%error, "could not acknowledge a Socket.IO publish");
                    return;
                }
                Ok(()) => return,
            }
        }
    }
}
