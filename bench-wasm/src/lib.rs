//! The engine exported to JavaScript, for the browser benchmark (`cargo xtask bench browser`).
//!
//! The engine must stay free of wasm-bindgen (a tidy test checks it), and the app's wasm carries the
//! whole Yew UI, so the benchmark page gets this thin entry instead: [`files_to_fetch`] names the files
//! of the app's first selection in one language (no municipality: the codes, national + local shards),
//! [`BenchCatalogue::load`] makes the app's calls in the app's order (`verify_manifest`, then
//! `Catalogue::load_selection_owned`, which checks every file's hash, decodes and indexes, and frees each
//! file's bytes once decoded, as the app's engine worker does), and
//! [`BenchCatalogue::recommend`] takes the query JSON and gives the answer JSON, as `aurora recommend`
//! does. Nothing here ranks, filters or decodes by itself.

use std::collections::BTreeMap;

use engine::catalogue::Selection;
use engine::format::{Lang, decode_manifest};
use engine::query::decode_query;
use engine::verify::{FreshnessPolicy, TrustStore, VerifyContext, verify_manifest};
use engine::{Catalogue, RankConfig, recommend};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// The app's first selection in `lang` (`fi`, `sv`, `en`) when no municipality is chosen.
fn first_selection(lang: &str) -> Result<Selection, JsError> {
    let lang = Lang::from_code(lang).ok_or_else(|| {
        JsError::new(&format!("unknown language {lang:?}, expected fi, sv or en"))
    })?;
    Ok(Selection::new(lang, None))
}

/// The files the app fetches first in `lang` when no municipality is chosen, by the engine's own
/// selection. Read from the unverified manifest only to know what to fetch; `load` verifies everything.
#[wasm_bindgen(js_name = filesToFetch)]
pub fn files_to_fetch(manifest: &[u8], lang: &str) -> Result<Array, JsError> {
    let manifest = decode_manifest(manifest)?;
    Ok(manifest
        .files_for(&first_selection(lang)?)
        .into_iter()
        .map(|file| JsValue::from_str(&file.name))
        .collect())
}

/// A verified, decoded and indexed catalogue held inside the wasm memory.
#[wasm_bindgen]
pub struct BenchCatalogue {
    catalogue: Catalogue,
    config: RankConfig,
}

#[wasm_bindgen]
impl BenchCatalogue {
    /// Verifies `manifest` against `signature` and `trusted_keys` (`key_id:hex`, comma-separated) at
    /// `now_seconds` (Unix time), then loads `files` (`[name, Uint8Array]` pairs) as the app does for a
    /// reader of `lang`.
    /// No version was accepted before: the bench page has no rollback memory.
    pub fn load(
        manifest: &[u8],
        signature: &[u8],
        files: Array,
        trusted_keys: &str,
        now_seconds: f64,
        lang: &str,
    ) -> Result<BenchCatalogue, JsError> {
        let selection = first_selection(lang)?;
        let keys = TrustStore::parse(trusted_keys)?;
        let context = VerifyContext {
            keys: &keys,
            now: now_seconds as u64,
            accepted_version: None,
            freshness: FreshnessPolicy::default(),
        };
        let verified = verify_manifest(manifest, signature, &context)?;
        let mut named_bytes = BTreeMap::new();
        for pair in files.iter() {
            let pair = Array::from(&pair);
            let name = pair
                .get(0)
                .as_string()
                .ok_or_else(|| JsError::new("a file name is not a string"))?;
            let bytes = Uint8Array::new(&pair.get(1)).to_vec();
            named_bytes.insert(name, bytes);
        }
        Ok(BenchCatalogue {
            // Handed over, so each file's bytes are freed once decoded, before the index is built.
            catalogue: Catalogue::load_selection_owned(verified, named_bytes, &selection)?,
            config: RankConfig::default(),
        })
    }

    /// The number of services loaded.
    pub fn services(&self) -> usize {
        self.catalogue.services.len()
    }

    /// Answers one query (the engine's query JSON) with the engine's answer JSON.
    pub fn recommend(&self, query_json: &str) -> Result<String, JsError> {
        let query = decode_query(query_json.as_bytes())?.validate(&self.catalogue.codes)?;
        let answer = recommend(&self.catalogue, &query, &self.config);
        Ok(serde_json::to_string(&answer)?)
    }
}
