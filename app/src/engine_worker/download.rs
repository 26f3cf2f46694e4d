//! Downloading the catalogue and having the engine verify every byte before use; runs in the engine
//! worker.
//!
//! Requests are same-origin GETs of static files and carry nothing about the citizen. The manifest and
//! signature are revalidated on every download; the content-addressed files come from the device's saved
//! copy or this visit's memory when they have them, else from the server (where the browser cache may
//! answer: such files never change).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use engine::catalogue::Selection;
use engine::format::FileEntry;
use engine::verify::{
    FreshnessPolicy, TrustStore, VerifiedManifest, VerifyContext, VerifyError, verify_manifest,
};
use engine::{Catalogue, LoadError};
use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, ReadableStreamDefaultReader, RequestCache};

use super::Acceptance;
use crate::loader::{FailureKind, LoadFailure, Progress};
use crate::saved_catalogue;

/// Where the catalogue lives, relative to the page (and to the worker script, beside it).
pub(crate) const CATALOGUE_DIR: &str = "catalogue/";
/// The trusted signing keys, fixed when the app is built (`key_id:hex`, comma-separated;
/// `retired:key_id` for a key that must no longer be accepted).
const TRUSTED_KEYS: &str = match option_env!("AURORA_TRUSTED_KEYS") {
    Some(keys) => keys,
    None => "",
};

/// Verified files this visit fetched that are not saved on the device (municipality shards, see
/// `saved_catalogue::kept_on_device`), so that coming back to a municipality costs no request.
pub(super) type VisitFiles = Rc<RefCell<BTreeMap<String, Vec<u8>>>>;

impl FailureKind {
    fn of_verify(error: &VerifyError) -> FailureKind {
        match error {
            VerifyError::UnknownKey { .. } => FailureKind::UnknownKey,
            VerifyError::RetiredKey { .. } => FailureKind::RetiredKey,
            VerifyError::BadSignature { .. } => FailureKind::BadSignature,
            VerifyError::Rollback { .. } => FailureKind::Rollback,
            VerifyError::Expired { .. } => FailureKind::Expired,
            VerifyError::MissingFile { .. } => FailureKind::MissingFile,
            VerifyError::FileNotInManifest { .. }
            | VerifyError::SizeMismatch { .. }
            | VerifyError::HashMismatch { .. } => FailureKind::Tampered,
            VerifyError::Format(_)
            | VerifyError::MalformedSignature
            | VerifyError::MalformedTrustedKey { .. } => FailureKind::Damaged,
        }
    }
}

impl From<VerifyError> for LoadFailure {
    fn from(error: VerifyError) -> LoadFailure {
        LoadFailure {
            kind: FailureKind::of_verify(&error),
            detail: error.to_string(),
        }
    }
}

impl From<LoadError> for LoadFailure {
    fn from(error: LoadError) -> LoadFailure {
        let kind = match &error {
            LoadError::Verify(verify) => FailureKind::of_verify(verify),
            LoadError::Format { .. }
            | LoadError::CodesFileCount { .. }
            | LoadError::NotSelected { .. }
            | LoadError::UnknownScope { .. } => FailureKind::Damaged,
        };
        LoadFailure {
            kind,
            detail: error.to_string(),
        }
    }
}

/// Downloads and verifies the published catalogue's files for `selection`, taking unchanged files from
/// the saved copy, and saves it once it has passed.
pub(super) async fn download(
    saved: Option<&Cache>,
    visit_files: &VisitFiles,
    selection: &Selection,
    accepted: Acceptance,
    report: &dyn Fn(Progress),
) -> Result<Catalogue, LoadFailure> {
    // Offline, a request can only fail; the saved catalogue answers, and the `online` event retries.
    if !on_line() {
        return Err(network("the browser is offline".to_owned()));
    }
    let manifest = fetch(
        &catalogue_url(saved_catalogue::MANIFEST),
        RequestCache::NoCache,
    )
    .await?;
    let signature = fetch(
        &catalogue_url(saved_catalogue::SIGNATURE),
        RequestCache::NoCache,
    )
    .await?;
    let verified = verify(&manifest, &signature, accepted)?;
    let files = fetch_files(
        saved,
        visit_files,
        &verified.manifest.files_for(selection),
        report,
    )
    .await?;
    // The engine frees each file once decoded (the wasm memory only grows), so what is kept after the
    // load is copied first, and kept only once the load has passed.
    let for_the_device = saved_catalogue::device_copies(&verified.manifest, &files);
    let for_the_visit = visit_only(&verified.manifest, &files);
    let catalogue = Catalogue::load_selection_owned(verified, files, selection)?;
    visit_files.borrow_mut().extend(for_the_visit);
    if let Some(cache) = saved {
        // A full device (quota) only costs the offline copy; the catalogue in hand is fine.
        let _ = saved_catalogue::write(cache, &manifest, &signature, &for_the_device).await;
    }
    Ok(catalogue)
}

/// The catalogue in use, moved to `selection` by the shards it lacks (another municipality's, or every
/// loaded area's in another language; same catalogue version, so the manifest already verified vouches
/// for them). They join the saved copy or this visit's memory, so coming back costs no request.
pub(super) async fn add_shards(
    catalogue: &Catalogue,
    selection: &Selection,
    visit_files: &VisitFiles,
) -> Result<Catalogue, LoadFailure> {
    let saved = saved_catalogue::open().await;
    let files = fetch_files(
        saved.as_ref(),
        visit_files,
        &catalogue.missing_files(selection),
        &|_| {},
    )
    .await?;
    let fuller = catalogue.reselect(&files, selection)?;
    if let Some(cache) = &saved {
        let copies = saved_catalogue::device_copies(&fuller.manifest, &files);
        let _ = saved_catalogue::add(cache, &copies).await;
    }
    visit_files
        .borrow_mut()
        .extend(visit_only(&fuller.manifest, &files));
    Ok(fuller)
}

/// The files the device does not save ([`saved_catalogue::kept_on_device`]), to keep in memory for the
/// visit once verified.
fn visit_only(
    manifest: &engine::format::Manifest,
    files: &BTreeMap<String, Vec<u8>>,
) -> Vec<(String, Vec<u8>)> {
    manifest
        .files
        .iter()
        .filter(|entry| !saved_catalogue::kept_on_device(entry))
        .filter_map(|entry| Some((entry.name.clone(), files.get(&entry.name)?.clone())))
        .collect()
}

/// The bytes of `entries`, from the saved copy or this visit's memory where they have them, else from
/// the server, reporting the bytes received of their total.
async fn fetch_files(
    saved: Option<&Cache>,
    visit_files: &VisitFiles,
    entries: &[&FileEntry],
    report: &dyn Fn(Progress),
) -> Result<BTreeMap<String, Vec<u8>>, LoadFailure> {
    let mut progress = Progress {
        received: 0,
        total: entries.iter().map(|file| file.size).sum(),
    };
    report(progress);
    let mut files = BTreeMap::new();
    for entry in entries {
        // File names are content-addressed: a saved file of the same name has the same bytes (and the
        // engine checks every hash again).
        let kept = match saved {
            Some(cache) => saved_catalogue::read(cache, &entry.name).await,
            None => None,
        }
        .or_else(|| visit_files.borrow().get(&entry.name).cloned());
        let bytes = match kept {
            Some(bytes) => bytes,
            None => {
                let (before, total) = (progress.received, progress.total);
                fetch_counting(&catalogue_url(&entry.name), entry.size, &|received| {
                    report(Progress {
                        received: before + received,
                        total,
                    });
                })
                .await?
            }
        };
        progress.received += bytes.len() as u64;
        files.insert(entry.name.clone(), bytes);
    }
    Ok(files)
}

/// The saved catalogue, verified again exactly like a download; `None` if there is none or it fails.
pub(super) async fn load_saved(
    cache: &Cache,
    selection: &Selection,
    accepted: Acceptance,
) -> Option<Catalogue> {
    let saved = saved_catalogue::read_selection(cache, selection).await?;
    let verified = verify(&saved.manifest, &saved.signature, accepted).ok()?;
    // The bytes stay in Cache Storage: these copies are freed as they are decoded, like a download's.
    Catalogue::load_selection_owned(verified, saved.files, selection).ok()
}

/// Checks a manifest against the built-in keys, the version accepted before and today's date.
fn verify(
    manifest: &[u8],
    signature: &[u8],
    accepted: Acceptance,
) -> Result<VerifiedManifest, LoadFailure> {
    let keys = TrustStore::parse(TRUSTED_KEYS)?;
    let context = VerifyContext {
        keys: &keys,
        now: accepted.now,
        accepted_version: accepted.version,
        freshness: FreshnessPolicy::default(),
    };
    Ok(verify_manifest(manifest, signature, &context)?)
}

/// What the browser says of its connection; true where it cannot tell.
fn on_line() -> bool {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .map_or(true, |scope| scope.navigator().on_line())
}

fn catalogue_url(name: &str) -> String {
    format!("{CATALOGUE_DIR}{name}")
}

fn network(detail: String) -> LoadFailure {
    LoadFailure {
        kind: FailureKind::Network,
        detail,
    }
}

async fn send(url: &str, cache: RequestCache) -> Result<gloo_net::http::Response, LoadFailure> {
    let response = Request::get(url)
        .cache(cache)
        .send()
        .await
        .map_err(|err| network(format!("{url}: {err}")))?;
    match response.status() {
        200..=299 => Ok(response),
        // A file the signed manifest names is not on the server: a broken publication, not an outage.
        404 | 410 if url.ends_with(".bin") => Err(LoadFailure {
            kind: FailureKind::MissingFile,
            detail: format!("{url}: HTTP {}", response.status()),
        }),
        status => Err(network(format!("{url}: HTTP {status}"))),
    }
}

async fn fetch(url: &str, cache: RequestCache) -> Result<Vec<u8>, LoadFailure> {
    send(url, cache)
        .await?
        .binary()
        .await
        .map_err(|err| network(format!("{url}: {err}")))
}

/// Fetches a content-addressed file (the browser cache may answer: such files never change), reporting
/// the bytes received as they arrive. Reading stops past `expected` bytes: the manifest is signed, so a
/// longer body is wrong, and an endless one must not fill the memory.
async fn fetch_counting(
    url: &str,
    expected: u64,
    on_bytes: &dyn Fn(u64),
) -> Result<Vec<u8>, LoadFailure> {
    let response = send(url, RequestCache::Default).await?;
    let failed = |err: JsValue| network(format!("{url}: {err:?}"));
    let Some(body) = response.body() else {
        return Ok(Vec::new());
    };
    // Without options, getReader() gives the default reader.
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let limit = expected.saturating_add(1);
    let mut bytes = Vec::with_capacity(expected.min(64 << 20) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        if Reflect::get(&chunk, &"done".into())
            .map_err(failed)?
            .is_truthy()
        {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(failed)?
            .dyn_into()
            .map_err(failed)?;
        let room = limit.saturating_sub(bytes.len() as u64);
        let take = u64::from(value.length()).min(room) as u32;
        bytes.extend_from_slice(&value.subarray(0, take).to_vec());
        on_bytes(bytes.len() as u64);
        if bytes.len() as u64 >= limit {
            let _ = JsFuture::from(reader.cancel()).await;
            break;
        }
    }
    Ok(bytes)
}
