//! The worker's side: holds the loaded catalogues and does the engine's work for the page.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use engine::catalogue::Selection;
use engine::{Catalogue, RankConfig, recommend};
use gloo_worker::{HandlerId, Registrable, Worker, WorkerScope};

use super::download::{self, VisitFiles};
use super::{Bytes, CatalogueId, CatalogueSummary, JsValueCodec, Reply, Request, RequestId};
use crate::saved_catalogue;

/// Whether this code runs in a worker rather than a page.
pub fn running_in_worker() -> bool {
    web_sys::window().is_none()
}

/// Starts answering the page's requests (the worker's entry point).
pub fn serve() {
    EngineWorker::registrar()
        .encoding::<JsValueCodec>()
        .register();
}

pub(crate) struct EngineWorker {
    held: Rc<RefCell<Held>>,
}

#[derive(Default)]
struct Held {
    catalogues: BTreeMap<CatalogueId, Rc<Catalogue>>,
    last_id: CatalogueId,
    visit_files: VisitFiles,
}

impl Held {
    fn add(&mut self, catalogue: Catalogue) -> Reply {
        self.last_id += 1;
        let summary = CatalogueSummary {
            id: self.last_id,
            manifest: Bytes(engine::format::encode_manifest(&catalogue.manifest)),
            freshness: catalogue.freshness,
            coverage: catalogue.coverage.clone(),
            codes: Bytes(engine::format::encode_codes(&catalogue.codes)),
        };
        self.catalogues.insert(self.last_id, Rc::new(catalogue));
        Reply::Loaded(summary)
    }

    fn get(&self, id: CatalogueId) -> Option<Rc<Catalogue>> {
        self.catalogues.get(&id).cloned()
    }
}

impl Worker for EngineWorker {
    type Message = ();
    type Input = (RequestId, Request);
    type Output = (RequestId, Reply);

    fn create(_scope: &WorkerScope<Self>) -> EngineWorker {
        EngineWorker {
            held: Rc::default(),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _message: ()) {}

    fn received(
        &mut self,
        scope: &WorkerScope<Self>,
        (request_id, request): (RequestId, Request),
        page: HandlerId,
    ) {
        let (scope, held) = (scope.clone(), self.held.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let respond = |reply: Reply| scope.respond(page, (request_id, reply));
            if let Some(reply) = handle(request, &held, &respond).await {
                respond(reply);
            }
        });
    }
}

/// Does what `request` asks; the final reply, if it has one (progress goes through `respond`).
async fn handle(
    request: Request,
    held: &Rc<RefCell<Held>>,
    respond: &dyn Fn(Reply),
) -> Option<Reply> {
    let reply = match request {
        Request::Hello => Reply::Ready,
        Request::Download {
            selection,
            accepted,
        } => {
            let saved = saved_catalogue::open().await;
            let visit_files = held.borrow().visit_files.clone();
            let report = |progress| respond(Reply::Progress(progress));
            match download::download(saved.as_ref(), &visit_files, &selection, accepted, &report)
                .await
            {
                Ok(catalogue) => held.borrow_mut().add(catalogue),
                Err(failure) => Reply::Failed(failure),
            }
        }
        Request::LoadSaved {
            selection,
            accepted,
        } => {
            let Some(cache) = saved_catalogue::open().await else {
                return Some(Reply::NothingSaved);
            };
            // Without its municipality's shard (never saved), the saved national and local shards of
            // its language cover every municipality.
            let saved = match download::load_saved(&cache, &selection, accepted).await {
                Some(catalogue) => Some(catalogue),
                None => {
                    let whole_language = Selection::new(selection.lang, None);
                    download::load_saved(&cache, &whole_language, accepted).await
                }
            };
            match saved {
                Some(catalogue) => held.borrow_mut().add(catalogue),
                None => Reply::NothingSaved,
            }
        }
        Request::AddShards {
            catalogue,
            selection,
        } => {
            let Some(catalogue) = held.borrow().get(catalogue) else {
                return Some(Reply::UnknownCatalogue);
            };
            let visit_files = held.borrow().visit_files.clone();
            match download::add_shards(&catalogue, &selection, &visit_files).await {
                Ok(fuller) => held.borrow_mut().add(fuller),
                Err(failure) => Reply::Failed(failure),
            }
        }
        Request::Recommend { catalogue, query } => {
            let Some(catalogue) = held.borrow().get(catalogue) else {
                return Some(Reply::UnknownCatalogue);
            };
            match query.validate(&catalogue.codes) {
                Ok(query) => Reply::Answer(recommend(&catalogue, &query, &RankConfig::default())),
                Err(err) => Reply::QueryRefused(err.to_string()),
            }
        }
        Request::Services { catalogue, ids } => {
            let Some(catalogue) = held.borrow().get(catalogue) else {
                return Some(Reply::UnknownCatalogue);
            };
            let found: Vec<_> = ids
                .iter()
                .filter_map(|id| catalogue.services.iter().find(|service| &service.id == id))
                .collect();
            Reply::Services(Bytes(engine::format::encode_shard_of(&found)))
        }
        Request::KeepOnly { catalogue } => {
            held.borrow_mut()
                .catalogues
                .retain(|&id, _| id == catalogue);
            return None;
        }
    };
    Some(reply)
}
