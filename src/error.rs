//! The one error answer of every JSON endpoint: a status code and
//! `{"error": "..."}` saying what to fix.
//!
//! Handlers return [`ApiError`]; the extractors [`ApiQuery`] and [`ApiJson`]
//! parse the query string or body at the edge and refuse bad input with the
//! same type, so no handler parses text by hand.

use axum::extract::rejection::{BytesRejection, JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The body of every error answer: `{"error": "what is wrong"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ErrorBody {
    /// A sentence the user can act on.
    pub(crate) error: String,
}

/// Why a request was refused.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// The request is malformed: `400`.
    #[error("{0}")]
    BadRequest(String),
    /// The body or message is too large: `413`.
    #[error("{0}")]
    TooLarge(String),
    /// The lab refused this on purpose (blocked upgrades): `403`.
    #[error("{0}")]
    Refused(String),
    /// A WebSocket handshake for another protocol version: `426`, with
    /// `Sec-WebSocket-Version: 13` saying which one this server speaks.
    #[error("unsupported Sec-WebSocket-Version: this server speaks version 13 (RFC 6455)")]
    UnsupportedWebSocketVersion,
    /// One client asks too much (connections, publishing): `429`, with
    /// `Retry-After`.
    #[error("{0}")]
    TooManyRequests(String),
    /// The server is full: `503`, with `Retry-After`.
    #[error("{0}")]
    Unavailable(String),
    /// The lab closed this connection (drop, restart) or the server is
    /// shutting down: `503`, the client should ask again.
    #[error("the connection was closed by the lab or the server is stopping; ask again")]
    Closed,
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Refused(_) => StatusCode::FORBIDDEN,
            ApiError::UnsupportedWebSocketVersion => StatusCode::UPGRADE_REQUIRED,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Closed => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.to_string(),
        };
        let mut response = (self.status(), Json(body)).into_response();
        let headers = response.headers_mut();
        match self {
            ApiError::UnsupportedWebSocketVersion => {
                headers.insert(
                    axum::http::header::SEC_WEBSOCKET_VERSION,
                    axum::http::HeaderValue::from_static("13"),
                );
            }
            ApiError::TooManyRequests(_) | ApiError::Unavailable(_) => {
                headers.insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static("1"),
                );
            }
            _ => {}
        }
        response
    }
}

/// A rejection by one of axum's extractors: 413 stays 413, the rest is 400.
fn from_rejection(status: StatusCode, text: String) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge(text)
    } else {
        ApiError::BadRequest(text)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        from_rejection(rejection.status(), rejection.body_text())
    }
}

/// A query string parsed into `T`, or a `400` [`ApiError`] saying why not.
#[derive(Debug)]
pub(crate) struct ApiQuery<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(value))
    }
}

/// A JSON body parsed into `T`, or a `400`/`413` [`ApiError`] saying why not.
#[derive(Debug)]
pub(crate) struct ApiJson<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<T>::from_request(request, state).await?;
        Ok(ApiJson(value))
    }
}
