//! Keeping a verified catalogue on screen: the page's side of loading.
//!
//! The engine worker (`engine_worker/`) downloads, verifies, decodes and indexes; this hook decides what
//! to ask for and what to show. The highest catalogue version accepted is remembered here (it says
//! nothing about the citizen) and sent with each download, to refuse rollbacks.
//!
//! When an update cannot be used, because it did not arrive or failed a check, the app goes on with
//! the last verified catalogue (saved on the device, `saved_catalogue.rs`), says why in plain words, and
//! tries again later: after a growing pause, or as soon as the browser is back online.

use std::cell::RefCell;
use std::rc::Rc;

use engine::catalogue::Selection;
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::engine_worker::{Acceptance, CatalogueInfo, engine};

const ACCEPTED_VERSION_KEY: &str = "aurora.accepted-catalogue-version";
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
        catalogue: Rc<CatalogueInfo>,
        /// Why the newest catalogue is not the one in use, when it is not.
        update_problem: Option<LoadFailure>,
    },
    Failed(LoadFailure),
}

/// Catalogue file bytes received so far, of `total` (0 until the manifest has arrived).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Progress {
    pub(crate) received: u64,
    pub(crate) total: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct LoadFailure {
    pub(crate) kind: FailureKind,
    /// The engine's own message, for "show details".
    pub(crate) detail: String,
}

/// What went wrong, in the classes a citizen can be told apart in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The engine's Web Worker did not start (blocked or failing in this browser).
    EngineUnavailable,
}

impl FailureKind {
    /// True when the catalogue arrived but failed a check, false when it did not arrive.
    pub(crate) fn is_refusal(self) -> bool {
        !matches!(
            self,
            FailureKind::Network | FailureKind::MissingFile | FailureKind::EngineUnavailable
        )
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
            FailureKind::EngineUnavailable => "problem-engine",
        }
    }
}

/// The catalogue for the `wanted` selection; nothing is fetched while `wanted` is `None` (the widget
/// waits for the citizen to show intent). (the citizen's language and municipality, or none).
///
/// The first download fetches only the files `wanted` needs. When the citizen later wants a selection
/// the catalogue in use does not cover (another municipality, another language), only the missing
/// shards are fetched (or taken from the saved copy) while the catalogue in use stays on screen, and the
/// one for the new selection replaces it once verified.
#[hook]
pub(crate) fn use_catalogue(wanted: Option<Selection>) -> Rc<CatalogueState> {
    let state = use_state(|| Rc::new(CatalogueState::Loading(Progress::default())));
    // Read by the tasks below when they start or finish, so they follow the citizen's latest choice.
    let latest = use_mut_ref(|| wanted.clone());
    *latest.borrow_mut() = wanted.clone();
    // The catalogue on screen, as the tasks last set it: a reselected catalogue replaces only the one it
    // was made from, never a newer version that arrived meanwhile.
    let shown: Rc<RefCell<Option<Rc<CatalogueInfo>>>> = use_mut_ref(|| None);
    let show: Show = {
        let (state, shown) = (state.clone(), shown.clone());
        Rc::new(move |next: CatalogueState| {
            *shown.borrow_mut() = match &next {
                CatalogueState::Ready { catalogue, .. } => {
                    // The worker may drop the catalogues the page no longer shows.
                    engine().keep_only(catalogue);
                    Some(catalogue.clone())
                }
                _ => None,
            };
            state.set(Rc::new(next));
        })
    };
    {
        let (show, latest) = (show.clone(), latest.clone());
        use_effect_with(wanted.is_some(), move |wanted| {
            if *wanted {
                wasm_bindgen_futures::spawn_local(keep_loaded(latest, show));
            }
        });
    }
    let in_use = match &**state {
        CatalogueState::Ready {
            catalogue,
            update_problem,
        } => Some((catalogue.clone(), update_problem.clone())),
        _ => None,
    };
    let in_use_id = in_use.as_ref().map(|(catalogue, _)| catalogue.id);
    {
        use_effect_with((wanted, in_use_id), move |(wanted, _)| {
            if let (Some((catalogue, update_problem)), Some(wanted)) = (in_use, wanted)
                && !catalogue.covers(wanted)
            {
                let (wanted, shown, show) = (wanted.clone(), shown.clone(), show.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let mut retries = Retries::new();
                    loop {
                        let result = engine().add_shards(&catalogue, &wanted).await;
                        // A later choice has its own task, and a newer catalogue covers it itself.
                        let still_shown = shown
                            .borrow()
                            .as_ref()
                            .is_some_and(|on_screen| Rc::ptr_eq(on_screen, &catalogue));
                        if latest.borrow().as_ref() != Some(&wanted) || !still_shown {
                            return;
                        }
                        match result {
                            Ok(fuller) => {
                                show(CatalogueState::Ready {
                                    catalogue: fuller,
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

type Show = Rc<dyn Fn(CatalogueState)>;

/// Loads the newest catalogue; until that succeeds, shows the saved one (or the failure) and retries.
async fn keep_loaded(wanted: Rc<RefCell<Option<Selection>>>, show: Show) {
    let mut fallback: Option<Rc<CatalogueInfo>> = None;
    let mut first_attempt = true;
    let mut retries = Retries::new();
    loop {
        let Some(selection) = wanted.borrow().clone() else {
            return;
        };
        // Progress is shown only while there is nothing else to show.
        let report = {
            let show = show.clone();
            move |progress| {
                if first_attempt {
                    show(CatalogueState::Loading(progress));
                }
            }
        };
        match engine().download(&selection, acceptance(), report).await {
            Ok(catalogue) => {
                remember_accepted_version(catalogue.manifest.catalogue_version);
                announce_verified();
                show(CatalogueState::Ready {
                    catalogue,
                    update_problem: None,
                });
                return;
            }
            Err(failure) => {
                if first_attempt {
                    fallback = engine().load_saved(&selection, acceptance()).await;
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

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What the worker checks a catalogue against: the version accepted before and the page's clock.
fn acceptance() -> Acceptance {
    Acceptance {
        version: accepted_version(),
        now: (js_sys::Date::now() / 1000.0) as u64,
    }
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
