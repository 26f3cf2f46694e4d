//! The last verified catalogue, kept on the device in Cache Storage so that a failed update (a tampered
//! file, a rollback, an outage) or a visit without a connection still has a catalogue to show.
//!
//! Only bytes that passed verification are written here, and they are verified again, exactly like a
//! download, every time they are read. Only files that are the same for everyone are kept (the codes and
//! the national and local shards), so keeping them says nothing about the citizen; a municipality's
//! shard would record their area on the device, so the loader keeps those in memory for the visit.
//! The national and local shards are kept in each language the citizen used: the language is what the
//! browser already tells every site it visits (`navigator.language`, `Accept-Language`), and offline use
//! needs the texts in the citizen's language.

use std::collections::BTreeMap;

use engine::catalogue::{AreaScope, Selection};
use engine::format::{FileEntry, Manifest};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Request, Response};

/// The Cache Storage bucket; the service worker (`static/sw.js`) keeps its own and leaves this alone.
const BUCKET: &str = "aurora-verified-catalogue";
pub(crate) const MANIFEST: &str = "manifest.json";
pub(crate) const SIGNATURE: &str = "manifest.sig";

/// A catalogue as it was saved: manifest, signature and the files of one selection.
pub(crate) struct SavedCatalogue {
    pub(crate) manifest: Vec<u8>,
    pub(crate) signature: Vec<u8>,
    pub(crate) files: BTreeMap<String, Vec<u8>>,
}

/// Opens the bucket from the engine worker, or `None` where the browser offers no Cache Storage (then
/// nothing is kept).
pub(crate) async fn open() -> Option<Cache> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let caches = scope.caches().ok()?;
    JsFuture::from(caches.open(BUCKET))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// One saved file by its name in the catalogue directory.
pub(crate) async fn read(cache: &Cache, name: &str) -> Option<Vec<u8>> {
    let found = JsFuture::from(cache.match_with_str(&key(name)))
        .await
        .ok()?;
    let response: Response = found.dyn_into().ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// The saved catalogue for `selection`, if a manifest was saved and every file the selection needs is
/// there.
pub(crate) async fn read_selection(cache: &Cache, selection: &Selection) -> Option<SavedCatalogue> {
    let manifest = read(cache, MANIFEST).await?;
    let signature = read(cache, SIGNATURE).await?;
    // Unverified at this point; only the file names are read, to know what to fetch from the bucket.
    let decoded = engine::format::decode_manifest(&manifest).ok()?;
    let names: Vec<String> = decoded
        .files_for(selection)
        .into_iter()
        .map(|file| file.name.clone())
        .collect();
    let mut files = BTreeMap::new();
    for name in names {
        let bytes = read(cache, &name).await?;
        files.insert(name, bytes);
    }
    Some(SavedCatalogue {
        manifest,
        signature,
        files,
    })
}

/// Whether a verified file may stay on the device without the citizen's consent: the codes and the
/// national and local shards are the same for everyone, a municipality's shard names their area.
pub(crate) fn kept_on_device(entry: &FileEntry) -> bool {
    !matches!(entry.area(), Some(AreaScope::Municipality(_)))
}

/// Copies, outside the wasm memory, of the files of `manifest` that may stay on the device
/// ([`kept_on_device`]): the engine can then free its own bytes while it loads, and the copies are
/// saved once the catalogue has passed.
pub(crate) fn device_copies(
    manifest: &Manifest,
    files: &BTreeMap<String, Vec<u8>>,
) -> BTreeMap<String, Uint8Array> {
    manifest
        .files
        .iter()
        .filter(|entry| kept_on_device(entry))
        .filter_map(|entry| {
            let bytes = files.get(&entry.name)?;
            Some((entry.name.clone(), Uint8Array::from(bytes.as_slice())))
        })
        .collect()
}

/// Replaces the saved catalogue with one that has just passed verification: the files first (its
/// [`device_copies`]), then the signature and the manifest, then whatever the new manifest no longer
/// names (the local shard of this version fetched earlier stays). An interruption leaves a manifest
/// that fails verification or names a missing file, which reads as "nothing saved".
pub(crate) async fn write(
    cache: &Cache,
    manifest_bytes: &[u8],
    signature: &[u8],
    files: &BTreeMap<String, Uint8Array>,
) -> Result<(), JsValue> {
    // Verified by the caller; decoded again here only for the file entries.
    let manifest = engine::format::decode_manifest(manifest_bytes)
        .map_err(|err| JsValue::from_str(&err.to_string()))?;
    add(cache, files).await?;
    put(cache, SIGNATURE, &Uint8Array::from(signature)).await?;
    put(cache, MANIFEST, &Uint8Array::from(manifest_bytes)).await?;
    let named: Vec<String> = manifest
        .files
        .into_iter()
        .filter(kept_on_device)
        .map(|file| file.name)
        .collect();
    let keys: Array = JsFuture::from(cache.keys()).await?.dyn_into()?;
    for request in keys.iter() {
        let url = request.dyn_into::<Request>()?.url();
        let name = url.rsplit('/').next().unwrap_or_default();
        if name != MANIFEST && name != SIGNATURE && !named.iter().any(|kept| kept == name) {
            JsFuture::from(cache.delete_with_str(&url)).await?;
        }
    }
    Ok(())
}

/// Adds verified [`device_copies`].
pub(crate) async fn add(
    cache: &Cache,
    files: &BTreeMap<String, Uint8Array>,
) -> Result<(), JsValue> {
    for (name, bytes) in files {
        put(cache, name, bytes).await?;
    }
    Ok(())
}

async fn put(cache: &Cache, name: &str, body: &Uint8Array) -> Result<(), JsValue> {
    let response = Response::new_with_opt_buffer_source(Some(body))?;
    JsFuture::from(cache.put_with_str(&key(name), &response)).await?;
    Ok(())
}

/// Entries are keyed like the files' own addresses, so the bucket reads as a copy of the directory.
fn key(name: &str) -> String {
    format!("{}{name}", crate::engine_worker::CATALOGUE_DIR)
}
