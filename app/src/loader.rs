//! Downloading the catalogue and handing every byte to the engine for verification before use.
//!
//! Requests are same-origin GETs of static files and carry nothing about the citizen. The highest
//! catalogue version accepted is remembered (it says nothing about the citizen) to refuse rollbacks.

use std::collections::BTreeMap;
use std::rc::Rc;

use engine::Catalogue;
use engine::verify::{FreshnessPolicy, TrustStore, VerifyContext, verify_manifest};
use gloo_net::http::Request;
use web_sys::RequestCache;
use yew::prelude::*;

/// Where the catalogue lives, relative to the page.
const CATALOGUE_DIR: &str = "catalogue/";
const ACCEPTED_VERSION_KEY: &str = "aurora.accepted-catalogue-version";
/// The trusted signing keys, fixed when the app is built (`key_id:hex`, comma-separated).
const TRUSTED_KEYS: &str = match option_env!("AURORA_TRUSTED_KEYS") {
    Some(keys) => keys,
    None => "",
};

#[derive(Clone)]
pub(crate) enum CatalogueState {
    Loading,
    Ready(Rc<Catalogue>),
    Failed(LoadFailure),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LoadFailure {
    pub(crate) kind: FailureKind,
    /// The engine's own message, for "show details".
    pub(crate) detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// The bytes arrived but are not what the publisher signed.
    Verification,
    /// The bytes did not arrive.
    Network,
}

#[hook]
pub(crate) fn use_catalogue() -> Rc<CatalogueState> {
    let state = use_state(|| Rc::new(CatalogueState::Loading));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match load().await {
                    Ok(catalogue) => CatalogueState::Ready(Rc::new(catalogue)),
                    Err(failure) => CatalogueState::Failed(failure),
                };
                state.set(Rc::new(loaded));
            });
        });
    }
    (*state).clone()
}

async fn load() -> Result<Catalogue, LoadFailure> {
    let manifest_bytes = fetch(
        &format!("{CATALOGUE_DIR}manifest.json"),
        RequestCache::NoCache,
    )
    .await?;
    let signature = fetch(
        &format!("{CATALOGUE_DIR}manifest.sig"),
        RequestCache::NoCache,
    )
    .await?;
    let keys = TrustStore::parse(TRUSTED_KEYS).map_err(verification)?;
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let context = VerifyContext {
        keys: &keys,
        now,
        accepted_version: accepted_version(),
        freshness: FreshnessPolicy::default(),
    };
    let verified = verify_manifest(&manifest_bytes, &signature, &context).map_err(verification)?;
    let mut files = BTreeMap::new();
    for entry in &verified.manifest.files {
        // Content-addressed files are immutable, so the browser cache may answer.
        let bytes = fetch(
            &format!("{CATALOGUE_DIR}{}", entry.name),
            RequestCache::Default,
        )
        .await?;
        files.insert(entry.name.clone(), bytes);
    }
    let catalogue = Catalogue::load(verified, &files).map_err(verification)?;
    remember_accepted_version(catalogue.manifest.catalogue_version);
    announce_verified();
    Ok(catalogue)
}

/// Tells `boot.js` that a catalogue passed verification, so it may register the offline service
/// worker (`static/sw.js`), which then keeps this catalogue and the app on the device.
fn announce_verified() {
    if let Some(window) = web_sys::window()
        && let Ok(event) = web_sys::Event::new("aurora:catalogue-verified")
    {
        let _ = window.dispatch_event(&event);
    }
}

async fn fetch(url: &str, cache: RequestCache) -> Result<Vec<u8>, LoadFailure> {
    let network = |detail: String| LoadFailure {
        kind: FailureKind::Network,
        detail,
    };
    let response = Request::get(url)
        .cache(cache)
        .send()
        .await
        .map_err(|err| network(format!("{url}: {err}")))?;
    if !response.ok() {
        return Err(network(format!("{url}: HTTP {}", response.status())));
    }
    response
        .binary()
        .await
        .map_err(|err| network(format!("{url}: {err}")))
}

fn verification(err: impl std::fmt::Display) -> LoadFailure {
    LoadFailure {
        kind: FailureKind::Verification,
        detail: err.to_string(),
    }
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
