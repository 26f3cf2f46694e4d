//! Downloading the catalogue and handing every byte to the engine for verification before use.
//!
//! Requests are same-origin GETs of static files and carry nothing about the citizen. The highest
//! catalogue version accepted is remembered (it says nothing about the citizen) to refuse rollbacks.
//!
//! The last verified catalogue is kept on the device (`saved_catalogue.rs`). When an update cannot be
//! used, because it did not arrive or failed a check, the app goes on with that catalogue, says why in
//! plain words, and tries again later: after a growing pause, or as soon as the browser is back online.

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
use yew::prelude::*;

use crate::saved_catalogue::{self, SavedCatalogue};

/// Where the catalogue lives, relative to the page.
pub(crate) const CATALOGUE_DIR: &str = "catalogue/";
const ACCEPTED_VERSION_KEY: &str = "aurora.accepted-catalogue-version";
/// The trusted signing keys, fixed when the app is built (`key_id:hex`, comma-separated;
/// `retired:key_id` for a key that must no longer be accepted).
const TRUSTED_KEYS: &str = match option_env!("AURORA_TRUSTED_KEYS") {
    Some(keys) => keys,
    None => "",
};
/// The first pause before trying a failed download again; it doubles up to `LAST_RETRY_MS`.
const FIRST_RETRY_MS: i32 = 30_000;
const LAST_RETRY_MS: i32 = 15 * 60_000;

/// The pauses between tries of a failing download: 30 s, doubling up to 15 min, each cut short when
/// the browser comes back online.
struct Retries {
    pause_ms: i32,
}

impl Retries {
    fn new() -> Retries {
        Retries {
            pause_ms: FIRST_RETRY_MS,
        }
    }

    async fn wait(&mut self) {
        wait_for_retry(self.pause_ms).await;
        self.pause_ms = (self.pause_ms * 2).min(LAST_RETRY_MS);
    }
}

#[derive(Clone)]
pub(crate) enum CatalogueState {
    Loading(Progress),
    Ready {
        catalogue: Rc<Catalogue>,
        /// Why the newest catalogue is not the one in use, when it is not.
        update_problem: Option<LoadFailure>,
    },
    Failed(LoadFailure),
}

/// Catalogue file bytes received so far, of `total` (0 until the manifest has arrived).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Progress {
    pub(crate) received: u64,
    pub(crate) total: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LoadFailure {
    pub(crate) kind: FailureKind,
    /// The engine's own message, for "show details".
    pub(crate) detail: String,
}

/// What went wrong, in the classes a citizen can be told apart in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// A request failed or the server answered with an error.
    Network,
    /// The server does not have a file the signed manifest names.
    MissingFile,
    /// A file differs from what was signed: changed, truncated or from another catalogue version.
    Tampered,
    UnknownKey,
    RetiredKey,
    /// The signature is not over these manifest bytes.
    BadSignature,
    Rollback,
    Expired,
    /// The bytes cannot be read as a catalogue at all.
    Damaged,
}

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

    /// True when the catalogue arrived but failed a check, false when it did not arrive.
    pub(crate) fn is_refusal(self) -> bool {
        !matches!(self, FailureKind::Network | FailureKind::MissingFile)
    }

    /// The key of the plain-words sentence that says what happened.
    pub(crate) fn message_key(self) -> &'static str {
        match self {
            FailureKind::Network => "problem-network",
            FailureKind::MissingFile => "problem-missing-file",
            FailureKind::Tampered => "problem-tampered",
            FailureKind::UnknownKey => "problem-unknown-key",
            FailureKind::RetiredKey => "problem-retired-key",
            FailureKind::BadSignature => "problem-bad-signature",
            FailureKind::Rollback => "problem-rollback",
            FailureKind::Expired => "problem-expired",
            FailureKind::Damaged => "problem-damaged",
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

/// The catalogue for the `wanted` selection (the citizen's language and municipality, or none).
///
/// The first download fetches only the files `wanted` needs. When the citizen later wants a selection
/// the catalogue in use does not cover (another municipality, another language), only the missing
/// shards are fetched (or taken from the saved copy) while the catalogue in use stays on screen, and the
/// one for the new selection replaces it once verified.
#[hook]
pub(crate) fn use_catalogue(wanted: Selection) -> Rc<CatalogueState> {
    let state = use_state(|| Rc::new(CatalogueState::Loading(Progress::default())));
    // Read by the tasks below when they start or finish, so they follow the citizen's latest choice.
    let latest = use_mut_ref(|| wanted.clone());
    *latest.borrow_mut() = wanted.clone();
    // The catalogue on screen, as the tasks last set it: a reselected catalogue replaces only the one it
    // was made from, never a newer version that arrived meanwhile.
    let shown: Rc<RefCell<Option<Rc<Catalogue>>>> = use_mut_ref(|| None);
    let visit_files: VisitFiles = use_mut_ref(BTreeMap::new);
    let show = {
        let (state, shown) = (state.clone(), shown.clone());
        move |next: CatalogueState| {
            *shown.borrow_mut() = match &next {
                CatalogueState::Ready { catalogue, .. } => Some(catalogue.clone()),
                _ => None,
            };
            state.set(Rc::new(next));
        }
    };
    {
        let (show, latest, visit_files) = (show.clone(), latest.clone(), visit_files.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(keep_loaded(latest, visit_files, show));
        });
    }
    let in_use = match &**state {
        CatalogueState::Ready {
            catalogue,
            update_problem,
        } => Some((catalogue.clone(), update_problem.clone())),
        _ => None,
    };
    let in_use_id = in_use
        .as_ref()
        .map(|(catalogue, _)| Rc::as_ptr(catalogue) as usize);
    {
        use_effect_with((wanted, in_use_id), move |(wanted, _)| {
            if let Some((catalogue, update_problem)) = in_use
                && !catalogue.covers(wanted)
            {
                let (wanted, shown, show) = (wanted.clone(), shown.clone(), show.clone());
                let visit_files = visit_files.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let mut retries = Retries::new();
                    loop {
                        let result = add_shards(&catalogue, &wanted, &visit_files).await;
                        // A later choice has its own task, and a newer catalogue covers it itself.
                        let still_shown = shown
                            .borrow()
                            .as_ref()
                            .is_some_and(|on_screen| Rc::ptr_eq(on_screen, &catalogue));
                        if *latest.borrow() != wanted || !still_shown {
                            return;
                        }
                        match result {
                            Ok(fuller) => {
                                show(CatalogueState::Ready {
                                    catalogue: Rc::new(fuller),
                                    update_problem,
                                });
                                return;
                            }
                            // The catalogue in use stays, saying why the citizen's area is missing,
                            // and the shards are tried again like a failed update.
                            Err(failure) => show(CatalogueState::Ready {
                                catalogue: catalogue.clone(),
                                update_problem: Some(failure),
                            }),
                        }
                        retries.wait().await;
                    }
                });
            }
        });
    }
    (*state).clone()
}

/// Verified files this visit fetched that are not saved on the device (municipality shards, see
/// `saved_catalogue::kept_on_device`), so that coming back to a municipality costs no request.
type VisitFiles = Rc<RefCell<BTreeMap<String, Vec<u8>>>>;

/// Loads the newest catalogue; until that succeeds, shows the saved one (or the failure) and retries.
async fn keep_loaded(
    wanted: Rc<RefCell<Selection>>,
    visit_files: VisitFiles,
    show: impl Fn(CatalogueState),
) {
    let saved = saved_catalogue::open().await;
    let mut fallback: Option<Rc<Catalogue>> = None;
    let mut first_attempt = true;
    let mut retries = Retries::new();
    loop {
        // Progress is shown only while there is nothing else to show.
        let report = |progress| {
            if first_attempt {
                show(CatalogueState::Loading(progress));
            }
        };
        let selection = wanted.borrow().clone();
        match download(saved.as_ref(), &visit_files, &selection, &report).await {
            Ok(catalogue) => {
                show(CatalogueState::Ready {
                    catalogue: Rc::new(catalogue),
                    update_problem: None,
                });
                return;
            }
            Err(failure) => {
                if first_attempt && let Some(cache) = &saved {
                    // Without its municipality's shard (never saved), the saved national and local
                    // shards of its language cover every municipality.
                    fallback = match load_saved(cache, &selection).await {
                        Some(catalogue) => Some(catalogue),
                        None => load_saved(cache, &Selection::new(selection.lang, None)).await,
                    }
                    .map(Rc::new);
                }
                show(match &fallback {
                    Some(catalogue) => CatalogueState::Ready {
                        catalogue: catalogue.clone(),
                        update_problem: Some(failure),
                    },
                    None => CatalogueState::Failed(failure),
                });
            }
        }
        first_attempt = false;
        retries.wait().await;
    }
}

/// Downloads and verifies the published catalogue's files for `selection`, taking unchanged files from
/// the saved copy, and saves it once it has passed.
async fn download(
    saved: Option<&Cache>,
    visit_files: &VisitFiles,
    selection: &Selection,
    report: &dyn Fn(Progress),
) -> Result<Catalogue, LoadFailure> {
    // Offline, a request can only fail; the saved catalogue answers, and the `online` event retries.
    if !crate::device::on_line() {
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
    let verified = verify(&manifest, &signature)?;
    let files = fetch_files(
        saved,
        visit_files,
        &verified.manifest.files_for(selection),
        report,
    )
    .await?;
    let catalogue = Catalogue::load_selection(verified, &files, selection)?;
    keep_for_the_visit(visit_files, &catalogue.manifest, &files);
    remember_accepted_version(catalogue.manifest.catalogue_version);
    if let Some(cache) = saved {
        let verified_bytes = SavedCatalogue {
            manifest,
            signature,
            files,
        };
        // A full device (quota) only costs the offline copy; the catalogue in hand is fine.
        let _ = saved_catalogue::write(cache, &verified_bytes).await;
    }
    announce_verified();
    Ok(catalogue)
}

/// The catalogue in use, moved to `selection` by the shards it lacks (another municipality's, or every
/// loaded area's in another language; same catalogue version, so the manifest already verified vouches
/// for them). They join the saved copy or this visit's memory, so coming back costs no request.
async fn add_shards(
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
        let _ = saved_catalogue::add(cache, &fuller.manifest, &files).await;
    }
    keep_for_the_visit(visit_files, &fuller.manifest, &files);
    Ok(fuller)
}

/// Keeps in memory the verified files the device does not save.
fn keep_for_the_visit(
    visit_files: &VisitFiles,
    manifest: &engine::format::Manifest,
    files: &BTreeMap<String, Vec<u8>>,
) {
    let mut kept = visit_files.borrow_mut();
    for entry in manifest
        .files
        .iter()
        .filter(|entry| !saved_catalogue::kept_on_device(entry))
    {
        if let Some(bytes) = files.get(&entry.name) {
            kept.insert(entry.name.clone(), bytes.clone());
        }
    }
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
async fn load_saved(cache: &Cache, selection: &Selection) -> Option<Catalogue> {
    let saved = saved_catalogue::read_selection(cache, selection).await?;
    let verified = verify(&saved.manifest, &saved.signature).ok()?;
    Catalogue::load_selection(verified, &saved.files, selection).ok()
}

/// Checks a manifest against the built-in keys, the version accepted before and today's date.
fn verify(manifest: &[u8], signature: &[u8]) -> Result<VerifiedManifest, LoadFailure> {
    let keys = TrustStore::parse(TRUSTED_KEYS)?;
    let context = VerifyContext {
        keys: &keys,
        now: (js_sys::Date::now() / 1000.0) as u64,
        accepted_version: accepted_version(),
        freshness: FreshnessPolicy::default(),
    };
    Ok(verify_manifest(manifest, signature, &context)?)
}

/// Resolves after `pause_ms`, or earlier when the browser comes back online.
async fn wait_for_retry(pause_ms: i32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut wake = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| wake = Some(resolve));
    let Some(wake) = wake else { return };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(&wake, pause_ms)
        .ok();
    let _ = window.add_event_listener_with_callback("online", &wake);
    let _ = JsFuture::from(promise).await;
    let _ = window.remove_event_listener_with_callback("online", &wake);
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
}

/// Tells `boot.js` that a catalogue passed verification, so it may register the offline service
/// worker (`static/sw.js`), which keeps the app itself on the device.
fn announce_verified() {
    if let Some(window) = web_sys::window()
        && let Ok(event) = web_sys::Event::new("aurora:catalogue-verified")
    {
        let _ = window.dispatch_event(&event);
    }
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

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn accepted_version() -> Option<u64> {
    storage()?
        .get_item(ACCEPTED_VERSION_KEY)
        .ok()??
        .parse()
        .ok()
}

fn remember_accepted_version(version: u64) {
    if accepted_version().is_none_or(|accepted| version > accepted)
        && let Some(storage) = storage()
    {
        let _ = storage.set_item(ACCEPTED_VERSION_KEY, &version.to_string());
    }
}
