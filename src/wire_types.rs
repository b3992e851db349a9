//! The browser's wire types and the Rust structs agree, field for field.
//!
//! `playground/src/types.ts` marks every interface that mirrors a Rust type
//! with `// wire: <RustType>`. This test reads those field lists and
//! compares them with the JSON the Rust side really produces, so renaming a
//! field on one side fails `cargo test` until the other side follows.

use std::collections::{BTreeMap, BTreeSet};

use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Serialize;
use serde_json::Value;

use crate::error::{ApiError, ErrorBody};
use crate::grade::{ExerciseId, Status};
use crate::hub::{EventId, EventKind, Hub, Transport};
use crate::lab::{Lab, LabSettings};
use crate::transports::hooks::Hooks;
use crate::transports::meter::Meter;
use crate::transports::polling::batch_response;
use crate::transports::publish::PublishAck;
use crate::transports::websocket::WebSocketAck;
use crate::transports::{ResetNotice, SkipNotice};
use crate::web::grading::{Done, OutputLine};

/// `interface name → field names` for every `// wire:` interface of types.ts.
fn typescript_wire_types() -> BTreeMap<String, BTreeSet<String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/playground/src/types.ts");
    let text = std::fs::read_to_string(path).expect("playground/src/types.ts is readable");
    let mut types = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(rust_name) = line.trim().strip_prefix("// wire: ") else {
            continue;
        };
        let header = lines.next().unwrap_or_default();
        assert!(
            header.starts_with("export interface ") && header.trim_end().ends_with('{'),
            "types.ts: `// wire: {rust_name}` must be followed by `export interface X {{`, found {header:?}"
        );
        let mut fields = BTreeSet::new();
        for field in lines.by_ref() {
            let field = field.trim();
            if field == "}" {
                break;
            }
            if field.starts_with("/*") || field.starts_with('*') || field.starts_with("//") {
                continue;
            }
            let name = field.split(':').next().unwrap_or_default();
            fields.insert(name.trim_end_matches('?').to_owned());
        }
        types.insert(rust_name.to_owned(), fields);
    }
    types
}

/// The top-level keys of each JSON sample (several samples: their union,
/// for types whose fields are optional).
fn keys(samples: &[Value]) -> BTreeSet<String> {
    samples
        .iter()
        .flat_map(|sample| {
            sample
                .as_object()
                .unwrap_or_else(|| panic!("{sample} is not a JSON object"))
                .keys()
                .cloned()
        })
        .collect()
}

fn json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).expect("wire types encode")
}

#[tokio::test]
async fn typescript_interfaces_match_the_rust_json() {
    let hub = Hub::new();
    hub.append(EventKind::Message {
        text: "hi".into(),
        via: Transport::Sse,
    });
    let batch = hub.since(EventId(0));
    let event: Value = serde_json::from_str(batch.events[0].json_text()).expect("event JSON");
    let response = batch_response(&batch, &Meter::default());
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a batch body");
    let batch_json: Value = serde_json::from_slice(&body).expect("batch JSON");
    let hooks = std::sync::Arc::new(Hooks::new(
        tokio_util::sync::CancellationToken::new(),
        crate::transports::limits::Limits::default(),
    ));
    let (lab, _rate) = Lab::new(&LabSettings::default(), hooks);
    let snapshot = json(&lab.snapshot(&hub));
    let stats = snapshot["transports"]["sse"].clone();
    let published = PublishAck::Published { id: EventId(1) };
    let refused = PublishAck::refused("too long");
    let error_response = ApiError::BadRequest("bad".into()).into_response();
    assert_eq!(error_response.status(), StatusCode::BAD_REQUEST);
    let error_body = axum::body::to_bytes(error_response.into_body(), usize::MAX)
        .await
        .expect("an error body");
    let error_json: Value = serde_json::from_slice(&error_body).expect("error JSON");
    assert_eq!(
        error_json,
        json(&ErrorBody {
            error: "bad".into()
        })
    );
    let exercise: ExerciseId = "ex03".parse().expect("a valid id");

    let rust: BTreeMap<&str, BTreeSet<String>> = BTreeMap::from([
        ("Event", keys(&[event])),
        ("EventBatch", keys(&[batch_json])),
        ("TransportStats", keys(&[stats])),
        ("LabSnapshot", keys(&[snapshot])),
        (
            "ClusterStatus",
            keys(&[json(&crate::lab::ClusterStatus {
                redis: "redis://127.0.0.1:6379".into(),
                connected: true,
                ticker_here: false,
            })]),
        ),
        ("PublishAck", keys(&[json(&published), json(&refused)])),
        (
            "WebSocketAck",
            keys(&[
                json(&WebSocketAck {
                    ack: Value::from(7),
                    result: published,
                }),
                json(&WebSocketAck {
                    ack: Value::Null,
                    result: refused,
                }),
            ]),
        ),
        ("ErrorBody", keys(&[error_json])),
        ("ResetNotice", keys(&[json(&ResetNotice::new(EventId(3)))])),
        (
            "SkipNotice",
            keys(&[json(&SkipNotice {
                skipped: 2,
                last_id: EventId(3),
            })]),
        ),
        (
            "OutputLine",
            keys(&[json(&OutputLine {
                exercise,
                line: "test result: ok",
            })]),
        ),
        (
            "Done",
            keys(&[
                json(&Done::graded(exercise, Status::Passed)),
                json(&Done::refused(None, "unknown exercise".into())),
            ]),
        ),
    ]);
    let typescript = typescript_wire_types();
    let named: BTreeSet<&str> = typescript.keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = rust.keys().copied().collect();
    assert_eq!(
        named, expected,
        "types.ts marks exactly these Rust wire types"
    );
    for (name, fields) in &rust {
        assert_eq!(
            &typescript[*name], fields,
            "types.ts `// wire: {name}` differs from the JSON Rust sends"
        );
    }
}
