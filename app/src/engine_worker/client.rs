//! The page's side: one engine worker per page, started on first use, and an async call per request.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use engine::Answer;
use engine::catalogue::{Coverage, Selection};
use engine::format::{CodeLists, Manifest, Service};
use engine::query::Query;
use engine::verify::Freshness;
use futures::channel::oneshot;
use futures::future::Either;
use gloo_worker::{Spawnable, WorkerBridge};

use super::{
    Acceptance, CatalogueId, CatalogueSummary, EngineWorker, JsValueCodec, Reply, Request,
    RequestId,
};
use crate::loader::{FailureKind, LoadFailure, Progress};

/// The worker script, beside the page: it loads this same wasm bundle (see `static/engine-worker.js`).
const WORKER_SCRIPT: &str = "engine-worker.js";
/// How long the worker may take to answer its first message. It loads the bundle the page has just
/// loaded (from the browser's cache), so this is far more than it needs; past it, the page says the
/// engine could not start rather than show "loading" for ever (gloo-worker does not pass on the
/// worker's `error` event).
const START_TIMEOUT_MS: u32 = 20_000;

/// What the page holds of a catalogue the worker loaded: what its inputs, cards and notices show.
#[derive(Debug, PartialEq)]
pub(crate) struct CatalogueInfo {
    pub(crate) id: CatalogueId,
    pub(crate) manifest: Manifest,
    pub(crate) freshness: Freshness,
    pub(crate) codes: CodeLists,
    pub(crate) coverage: Coverage,
}

impl CatalogueInfo {
    fn from_summary(summary: CatalogueSummary) -> Result<CatalogueInfo, LoadFailure> {
        let damaged = |err: engine::format::FormatError| LoadFailure {
            kind: FailureKind::Damaged,
            detail: err.to_string(),
        };
        Ok(CatalogueInfo {
            id: summary.id,
            manifest: engine::format::decode_manifest(&summary.manifest.0).map_err(damaged)?,
            codes: engine::format::decode_codes(&summary.codes.0).map_err(damaged)?,
            freshness: summary.freshness,
            coverage: summary.coverage,
        })
    }

    /// Whether the held catalogue already has every service and text `selection` needs.
    pub(crate) fn covers(&self, selection: &Selection) -> bool {
        self.coverage.covers(&self.manifest, selection)
    }
}

/// A request waiting for its reply.
struct Call {
    on_progress: Option<Box<dyn Fn(Progress)>>,
    done: oneshot::Sender<Reply>,
}

pub(crate) struct EngineClient {
    bridge: WorkerBridge<EngineWorker>,
    calls: Rc<RefCell<HashMap<RequestId, Call>>>,
    next_request: Cell<RequestId>,
    /// Set when the worker did not answer within [`START_TIMEOUT_MS`]: every call then fails at once.
    unavailable: Cell<bool>,
}

thread_local! {
    static ENGINE: Rc<EngineClient> = EngineClient::spawn();
}

/// The page's engine worker.
pub(crate) fn engine() -> Rc<EngineClient> {
    ENGINE.with(Rc::clone)
}

impl EngineClient {
    fn spawn() -> Rc<EngineClient> {
        let calls: Rc<RefCell<HashMap<RequestId, Call>>> = Rc::default();
        let bridge = {
            let calls = calls.clone();
            EngineWorker::spawner()
                .callback(move |(request, reply): (RequestId, Reply)| {
                    let mut calls = calls.borrow_mut();
                    match reply {
                        Reply::Progress(progress) => {
                            if let Some(on_progress) = calls
                                .get(&request)
                                .and_then(|call| call.on_progress.as_ref())
                            {
                                on_progress(progress);
                            }
                        }
                        reply => {
                            if let Some(call) = calls.remove(&request) {
                                // The caller may have gone (a component unmounted): nothing to do.
                                let _ = call.done.send(reply);
                            }
                        }
                    }
                })
                .encoding::<JsValueCodec>()
                .spawn_with_loader(WORKER_SCRIPT)
        };
        let client = Rc::new(EngineClient {
            bridge,
            calls,
            next_request: Cell::new(0),
            unavailable: Cell::new(false),
        });
        wasm_bindgen_futures::spawn_local(client.clone().watch_start());
        client
    }

    /// Says hello to the worker; without an answer in time, fails what waits and what comes.
    async fn watch_start(self: Rc<Self>) {
        let hello = Box::pin(self.call(Request::Hello, None));
        let timeout = gloo_timers::future::TimeoutFuture::new(START_TIMEOUT_MS);
        if let Either::Right(_) = futures::future::select(hello, timeout).await {
            self.unavailable.set(true);
            let waiting: Vec<Call> = self
                .calls
                .borrow_mut()
                .drain()
                .map(|(_, call)| call)
                .collect();
            for call in waiting {
                let _ = call.done.send(Reply::Failed(engine_unavailable()));
            }
        }
    }

    async fn call(&self, request: Request, on_progress: Option<Box<dyn Fn(Progress)>>) -> Reply {
        if self.unavailable.get() {
            return Reply::Failed(engine_unavailable());
        }
        let id = self.next_id();
        let (done, reply) = oneshot::channel();
        self.calls
            .borrow_mut()
            .insert(id, Call { on_progress, done });
        self.bridge.send((id, request));
        // The worker answers every request, and the start watch answers for a worker that never ran.
        reply
            .await
            .unwrap_or_else(|_| Reply::Failed(engine_unavailable()))
    }

    fn next_id(&self) -> RequestId {
        let id = self.next_request.get().wrapping_add(1);
        self.next_request.set(id);
        id
    }

    /// Downloads, verifies and loads the newest catalogue for `selection`, reporting bytes received.
    pub(crate) async fn download(
        &self,
        selection: &Selection,
        accepted: Acceptance,
        on_progress: impl Fn(Progress) + 'static,
    ) -> Result<Rc<CatalogueInfo>, LoadFailure> {
        let request = Request::Download {
            selection: selection.clone(),
            accepted,
        };
        loaded(self.call(request, Some(Box::new(on_progress))).await)
    }

    /// The catalogue saved on the device for `selection`, verified again, if there is one.
    pub(crate) async fn load_saved(
        &self,
        selection: &Selection,
        accepted: Acceptance,
    ) -> Option<Rc<CatalogueInfo>> {
        let request = Request::LoadSaved {
            selection: selection.clone(),
            accepted,
        };
        match self.call(request, None).await {
            Reply::NothingSaved => None,
            reply => loaded(reply).ok(),
        }
    }

    /// `catalogue` moved to `selection` by the shards it lacks.
    pub(crate) async fn add_shards(
        &self,
        catalogue: &CatalogueInfo,
        selection: &Selection,
    ) -> Result<Rc<CatalogueInfo>, LoadFailure> {
        let request = Request::AddShards {
            catalogue: catalogue.id,
            selection: selection.clone(),
        };
        loaded(self.call(request, None).await)
    }

    /// The engine's answer to `query`, or why the query was refused.
    pub(crate) async fn recommend(
        &self,
        catalogue: &CatalogueInfo,
        query: Query,
    ) -> Result<Answer, String> {
        let request = Request::Recommend {
            catalogue: catalogue.id,
            query: Box::new(query),
        };
        match self.call(request, None).await {
            Reply::Answer(answer) => Ok(answer),
            Reply::QueryRefused(message) => Err(message),
            other => Err(unexpected(&other)),
        }
    }

    /// The records of `ids` that `catalogue` holds, in its language.
    pub(crate) async fn services(
        &self,
        catalogue: &CatalogueInfo,
        ids: Vec<String>,
    ) -> Vec<Service> {
        let request = Request::Services {
            catalogue: catalogue.id,
            ids,
        };
        match self.call(request, None).await {
            Reply::Services(shard) => engine::format::decode_shard(&shard.0)
                .map(|shard| shard.services)
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Lets the worker drop every catalogue but the one the page shows.
    pub(crate) fn keep_only(&self, catalogue: &CatalogueInfo) {
        self.bridge.send((
            self.next_id(),
            Request::KeepOnly {
                catalogue: catalogue.id,
            },
        ));
    }
}

fn loaded(reply: Reply) -> Result<Rc<CatalogueInfo>, LoadFailure> {
    match reply {
        Reply::Loaded(summary) => CatalogueInfo::from_summary(summary).map(Rc::new),
        Reply::Failed(failure) => Err(failure),
        other => Err(LoadFailure {
            kind: FailureKind::Damaged,
            detail: unexpected(&other),
        }),
    }
}

fn engine_unavailable() -> LoadFailure {
    LoadFailure {
        kind: FailureKind::EngineUnavailable,
        detail: format!(
            "the engine worker ({WORKER_SCRIPT}) did not answer within {} s",
            START_TIMEOUT_MS / 1000
        ),
    }
}

fn unexpected(reply: &Reply) -> String {
    format!("the engine worker gave an unexpected reply: {reply:?}")
}
