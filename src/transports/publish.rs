//! Publishing: the way from a learner back into the hub.
//!
//! Every transport accepts a message `{"text": "..."}` and they all go
//! through [`publish`], which checks it once: 1 to 4,096 bytes of text after
//! trimming. Nothing invalid ever reaches the hub, so nothing invalid is
//! ever sent to anyone.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

use super::limits::ClientAddr;
use super::TransportState;
use crate::error::ApiError;
use crate::hub::{EventId, EventKind, Hub, SharedLogError, Transport};

/// The longest message, in bytes of UTF-8 after trimming.
pub(crate) const MAX_TEXT_BYTES: usize = 4096;

/// The longest client message id, in bytes.
pub(crate) const MAX_MESSAGE_ID_BYTES: usize = 64;

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PublishError {
    /// Nothing left after trimming.
    #[error("text is empty")]
    Empty,
    /// Longer than [`MAX_TEXT_BYTES`].
    #[error("text is {0} bytes long; the limit is {MAX_TEXT_BYTES}")]
    TooLong(usize),
    /// An empty or overlong `message_id`.
    #[error("message_id must be 1 to {MAX_MESSAGE_ID_BYTES} bytes long")]
    BadMessageId,
    /// The shared log on Redis cannot be reached (a cluster only).
    #[error("{0}; nothing was published, try again")]
    LogUnavailable(String),
}

impl From<PublishError> for ApiError {
    fn from(error: PublishError) -> Self {
        match error {
            PublishError::Empty | PublishError::BadMessageId => {
                ApiError::BadRequest(error.to_string())
            }
            PublishError::TooLong(_) => ApiError::TooLarge(error.to_string()),
            PublishError::LogUnavailable(_) => ApiError::Unavailable(error.to_string()),
        }
    }
}

/// What became of a published message, the same on every transport:
/// `{"id": N}` or `{"error": "..."}`. HTTP sends it as the body (with
/// `201` or the error's status), a WebSocket inside an `{"ack": ref, ...}`
/// frame, Socket.IO as the acknowledgement's argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum PublishAck {
    /// Appended to the hub with this id.
    Published {
        /// The new event's id.
        id: EventId,
    },
    /// Refused; nothing was appended.
    Refused {
        /// Why, in a sentence the user can act on.
        error: String,
    },
}

impl PublishAck {
    /// A refusal for `reason`.
    pub(crate) fn refused(reason: impl Into<String>) -> Self {
        PublishAck::Refused {
            error: reason.into(),
        }
    }
}

impl From<Result<EventId, PublishError>> for PublishAck {
    fn from(result: Result<EventId, PublishError>) -> Self {
        match result {
            Ok(id) => PublishAck::Published { id },
            Err(error) => PublishAck::refused(error.to_string()),
        }
    }
}

// ANCHOR: dedupe
/// Checks `text` and appends it to the hub as a message sent `via` a
/// transport.
///
/// `message_id` is the client's own id for the message (at most
/// [`MAX_MESSAGE_ID_BYTES`]): publishing again with an id the hub has seen
/// recently answers the first event's id and appends nothing, so a client
/// that retries after a lost acknowledgement never publishes twice.
pub(crate) async fn publish(
    hub: &Hub,
    text: &str,
    via: Transport,
    message_id: Option<&str>,
) -> Result<EventId, PublishError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PublishError::Empty);
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(PublishError::TooLong(text.len()));
    }
    if message_id.is_some_and(|id| id.is_empty() || id.len() > MAX_MESSAGE_ID_BYTES) {
        return Err(PublishError::BadMessageId);
    }
    let kind = EventKind::Message {
        text: text.to_string(),
        via,
    };
    hub.publish(kind, message_id)
        .await
        .map_err(|error: SharedLogError| PublishError::LogUnavailable(error.to_string()))
}
// ANCHOR_END: dedupe

/// The body of `POST /api/publish`.
#[derive(Debug, Deserialize)]
struct HttpMessage {
    text: String,
    via: Transport,
    #[serde(default)]
    message_id: Option<String>,
}

/// `POST /api/publish` `{"text":"hi","via":"polling","message_id":"m-1"}`
/// (`message_id` optional) → `201 {"id": N}`.
///
/// Only the HTTP transports publish this way; WebSocket and Socket.IO
/// publish on their own connection.
pub(crate) async fn publish_over_http(
    State(state): State<TransportState>,
    client: ClientAddr,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<PublishAck>), ApiError> {
    let body = body?;
    // A body much longer than the longest message is refused unread.
    if body.len() > 4 * MAX_TEXT_BYTES {
        return Err(ApiError::TooLarge(format!(
            "the body is {} bytes long; a message is at most {MAX_TEXT_BYTES} bytes",
            body.len()
        )));
    }
    let body = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadRequest("the body is not UTF-8".to_string()))?;
    let message: HttpMessage = serde_json::from_str(body).map_err(|error| {
        ApiError::BadRequest(format!(
            r#"expected {{"text": "...", "via": "polling" | "long-polling" | "sse"}}: {error}"#
        ))
    })?;
    if !matches!(
        message.via,
        Transport::Polling | Transport::LongPolling | Transport::Sse
    ) {
        return Err(ApiError::BadRequest(
            "via must be polling, long-polling or sse; WebSocket and Socket.IO publish on their own connection".to_string(),
        ));
    }
    state.hooks.admission().publish(client)?;
    let id = publish(
        &state.hub,
        &message.text,
        message.via,
        message.message_id.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(PublishAck::Published { id })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn text_is_trimmed_and_checked() {
        let hub = Hub::new();
        assert_eq!(
            publish(&hub, "   ", Transport::Sse, None).await,
            Err(PublishError::Empty)
        );
        let long = "é".repeat(MAX_TEXT_BYTES / 2 + 1);
        assert_eq!(
            publish(&hub, &long, Transport::Sse, None).await,
            Err(PublishError::TooLong(MAX_TEXT_BYTES + 2))
        );
        assert_eq!(hub.last_id(), EventId(0));
        let exactly = format!("  {}  ", "a".repeat(MAX_TEXT_BYTES));
        assert_eq!(
            publish(&hub, &exactly, Transport::Sse, None).await,
            Ok(EventId(1))
        );
    }

    #[tokio::test]
    async fn a_retry_with_the_same_message_id_is_not_published_twice() {
        let hub = Hub::new();
        let first = publish(&hub, "hi", Transport::Socketio, Some("m-1")).await;
        let retry = publish(&hub, "hi", Transport::Socketio, Some("m-1")).await;
        let other = publish(&hub, "hi", Transport::Socketio, Some("m-2")).await;
        assert_eq!(first, Ok(EventId(1)));
        assert_eq!(retry, Ok(EventId(1)), "the retry gets the first id");
        assert_eq!(other, Ok(EventId(2)));
        assert_eq!(hub.last_id(), EventId(2));
        let long = "x".repeat(MAX_MESSAGE_ID_BYTES + 1);
        assert_eq!(
            publish(&hub, "hi", Transport::Sse, Some(&long)).await,
            Err(PublishError::BadMessageId)
        );
    }
}
