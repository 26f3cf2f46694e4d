//! Function components. Each renders plain data and emits callbacks; none ranks or filters services.

pub(crate) mod app;
mod error_screen;
mod meter_panel;
mod results;
mod safe_link;
mod search_panel;
mod service_card;

use std::rc::Rc;

use engine::Catalogue;
use engine::format::{Lang, LocalText};

/// A shared catalogue as a prop: equal when it is the same loaded catalogue.
#[derive(Clone)]
pub(crate) struct CatalogueHandle(pub(crate) Rc<Catalogue>);

impl PartialEq for CatalogueHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Catalogue text in the UI language, falling back like the engine does.
pub(crate) fn local(text: &LocalText, lang: Lang) -> String {
    text.best(lang)
        .map(|(_, text)| text.to_owned())
        .unwrap_or_default()
}

pub(crate) fn municipality_name(catalogue: &Catalogue, code: &str, lang: Lang) -> String {
    catalogue
        .codes
        .municipality(code)
        .map_or_else(|| code.to_owned(), |m| local(&m.name, lang))
}
