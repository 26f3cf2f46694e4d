//! The engine off the main thread: a Web Worker (`static/engine-worker.js` loads this same wasm
//! bundle into it) downloads, verifies, decodes and indexes the catalogue and answers queries, so the
//! page never stalls while the citizen types. The page keeps only what it renders: the signed manifest,
//! the code lists and each answer.
//!
//! - `host.rs` runs in the worker: it owns the catalogues (`gloo-worker` carries the messages).
//! - `client.rs` runs in the page: one worker per page, and an async call per request.
//!
//! Messages cross as JavaScript values (`serde-wasm-bindgen`). The manifest, the code lists and service
//! records cross in their catalogue encodings, each as one byte array: the page decodes those far
//! faster than a tree of JavaScript objects, and the bundle needs no second (de)serializer for the
//! largest types, only for the small messages and the `Answer`.

mod client;
mod download;
mod host;

pub(crate) use client::{CatalogueInfo, engine};
pub(crate) use download::CATALOGUE_DIR;
pub(crate) use host::EngineWorker;
pub use host::{running_in_worker, serve};

use engine::Answer;
use engine::catalogue::{Coverage, Selection};
use engine::query::Query;
use engine::verify::Freshness;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::loader::{LoadFailure, Progress};

/// A catalogue the worker holds, as the page names it.
pub(crate) type CatalogueId = u32;

/// Which request a reply answers: the page may have several in flight.
pub(crate) type RequestId = u32;

#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum Request {
    /// Answered with `Ready` as soon as the worker runs: the page's check that it started.
    Hello,
    /// Download, verify and load the newest catalogue for `selection`, saving it on the device.
    Download {
        selection: Selection,
        accepted: Acceptance,
    },
    /// Load the catalogue saved on the device for `selection` (or for its language without a
    /// municipality), verified again like a download.
    LoadSaved {
        selection: Selection,
        accepted: Acceptance,
    },
    /// Move a held catalogue to `selection` by fetching only the shards it lacks.
    AddShards {
        catalogue: CatalogueId,
        selection: Selection,
    },
    Recommend {
        catalogue: CatalogueId,
        query: Box<Query>,
    },
    /// The records of these services, in the catalogue's language (for "My list").
    Services {
        catalogue: CatalogueId,
        ids: Vec<String>,
    },
    /// Drop every held catalogue but this one: the page shows no other.
    KeepOnly { catalogue: CatalogueId },
}

/// What a catalogue is checked against besides the built-in keys, as the page knows it.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub(crate) struct Acceptance {
    /// The highest catalogue version accepted before on this device (rollbacks are refused).
    pub(crate) version: Option<u64>,
    /// The page's clock, Unix seconds: expiry is judged by the time the citizen's page shows.
    pub(crate) now: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum Reply {
    Ready,
    /// Bytes received so far of a download; more replies follow.
    Progress(Progress),
    Loaded(CatalogueSummary),
    Failed(LoadFailure),
    NothingSaved,
    Answer(Answer),
    /// The query failed validation against the code lists; the engine's own message.
    QueryRefused(String),
    /// `engine::format::encode_shard_of` of the services found.
    Services(Bytes),
    /// The page named a catalogue the worker no longer holds.
    UnknownCatalogue,
}

/// A loaded catalogue as the page receives it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct CatalogueSummary {
    pub(crate) id: CatalogueId,
    /// `engine::format::encode_manifest` of the verified manifest.
    pub(crate) manifest: Bytes,
    pub(crate) freshness: Freshness,
    pub(crate) coverage: Coverage,
    /// `engine::format::encode_codes` of the code lists.
    pub(crate) codes: Bytes,
}

/// Bytes that cross to the other thread as one `Uint8Array` rather than an array of numbers.
#[derive(Debug)]
pub(crate) struct Bytes(pub(crate) Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Bytes, D::Error> {
        struct BytesVisitor;
        impl serde::de::Visitor<'_> for BytesVisitor {
            type Value = Bytes;
            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a byte array")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(bytes.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(bytes))
            }
        }
        deserializer.deserialize_byte_buf(BytesVisitor)
    }
}

/// `gloo-worker`'s message encoding: plain JavaScript values made by `serde-wasm-bindgen`, so byte
/// arrays stay typed arrays and the engine's tagged enums (`Why`) round-trip. A message that cannot be
/// encoded is a bug on one side of this module; it panics, as gloo's own codec does.
pub(crate) struct JsValueCodec;

impl gloo_worker::Codec for JsValueCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        match serde_wasm_bindgen::to_value(&input) {
            Ok(value) => value,
            Err(err) => panic!("engine worker message cannot be encoded: {err}"),
        }
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        match serde_wasm_bindgen::from_value(input) {
            Ok(value) => value,
            Err(err) => panic!("engine worker message cannot be decoded: {err}"),
        }
    }
}
