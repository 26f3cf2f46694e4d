//! Function components. Each renders plain data and emits callbacks; none ranks or filters services.

mod about_page;
pub(crate) mod app;
mod catalogue_status;
mod consent_prompt;
pub(crate) mod embed_app;
mod filter_panel;
mod meter_panel;
pub(crate) mod municipalities_page;
mod my_list;
mod personal_data_warning;
mod results;
mod safe_link;
mod search_panel;
mod service_card;
mod share_panel;

use std::rc::Rc;

use engine::format::{Lang, LocalText};

use crate::engine_worker::CatalogueInfo;

/// A shared catalogue as a prop: equal when it is the same loaded catalogue.
#[derive(Clone)]
pub(crate) struct CatalogueHandle(pub(crate) Rc<CatalogueInfo>);

impl CatalogueHandle {
    /// The catalogue once it is loaded and verified.
    pub(crate) fn ready(state: &crate::loader::CatalogueState) -> Option<CatalogueHandle> {
        match state {
            crate::loader::CatalogueState::Ready { catalogue, .. } => {
                Some(CatalogueHandle(catalogue.clone()))
            }
            _ => None,
        }
    }

    pub(crate) fn version(&self) -> u64 {
        self.0.manifest.catalogue_version
    }
}

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

pub(crate) fn municipality_name(catalogue: &CatalogueInfo, code: &str, lang: Lang) -> String {
    catalogue
        .codes
        .municipality(code)
        .map_or_else(|| code.to_owned(), |m| local(&m.name, lang))
}

/// `YYYY-MM-DD` (UTC) of a Unix time in seconds, as the catalogue manifest records it.
pub(crate) fn iso_date(unix_seconds: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm, for days since 1970-01-01.
    let days = unix_seconds / 86_400 + 719_468;
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn unix_times_become_calendar_dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_709_251_199), "2024-02-29");
        assert_eq!(iso_date(1_767_225_600), "2026-01-01");
    }
}
