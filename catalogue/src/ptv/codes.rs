//! PTV code references → the current codes of the shipped code lists.
//!
//! A PTV record names a class, target group or life event by `code` and by URI, and older records by the
//! old `http://urn.fi/URN:NBN:fi:au:ptvl:…` URIs, whose codes were renumbered in places (four service
//! classes). The URI decides, in this order: an old URI through `data/ptv-releases/uri_map_old_to_current.json`;
//! a current code-list URI (`…/codelist/ptv/<scheme>/code/<code>`, the old `ptvserclass` scheme through
//! the map's old codes); only then the bare `code`. The result must be in the shipped code list.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use engine::format::CodeLists;
use serde::Deserialize;

use crate::sources::read_lines;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    ServiceClass,
    TargetGroup,
    LifeEvent,
}

impl Kind {
    fn index(self) -> usize {
        self as usize
    }

    fn from_map(kind: &str) -> Option<Kind> {
        match kind {
            "service_class" => Some(Kind::ServiceClass),
            "target_group" => Some(Kind::TargetGroup),
            "life_event" => Some(Kind::LifeEvent),
            _ => None,
        }
    }

    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::ServiceClass => "service class",
            Kind::TargetGroup => "target group",
            Kind::LifeEvent => "life event",
        }
    }
}

#[derive(Deserialize)]
struct MapRecord {
    old_uri: String,
    kind: String,
    code: String,
    #[serde(default)]
    name_fi: Option<String>,
    #[serde(default)]
    old_code: Option<String>,
    #[serde(default)]
    old_name_fi: Option<String>,
}

pub(crate) struct CodeResolver {
    by_old_uri: HashMap<String, (Kind, String)>,
    old_class_code: HashMap<String, String>,
    known: [HashSet<String>; 3],
    /// Lowercase Finnish names, current and old, → code (for the 2016 pilot's labels).
    by_name: [HashMap<String, String>; 3],
}

impl CodeResolver {
    pub(crate) fn read(data_dir: &Path, codes: &CodeLists) -> anyhow::Result<CodeResolver> {
        let mut resolver = CodeResolver {
            by_old_uri: HashMap::new(),
            old_class_code: HashMap::new(),
            known: Default::default(),
            by_name: Default::default(),
        };
        let lists = [
            (Kind::ServiceClass, &codes.service_classes),
            (Kind::TargetGroup, &codes.target_groups),
        ];
        for (kind, list) in lists {
            for code in list {
                resolver.known[kind.index()].insert(code.code.clone());
                if let Some(name) = &code.name.fi {
                    resolver.by_name[kind.index()].insert(name.to_lowercase(), code.code.clone());
                }
            }
        }
        for event in &codes.life_events {
            resolver.known[Kind::LifeEvent.index()].insert(event.code.clone());
            if let Some(name) = &event.name.fi {
                resolver.by_name[Kind::LifeEvent.index()]
                    .insert(name.to_lowercase(), event.code.clone());
            }
        }
        let path = data_dir.join("ptv-releases/uri_map_old_to_current.json");
        for line in read_lines::<MapRecord>(&path)? {
            let record = line.record;
            let Some(kind) = Kind::from_map(&record.kind) else {
                continue;
            };
            for name in [&record.name_fi, &record.old_name_fi].into_iter().flatten() {
                resolver.by_name[kind.index()]
                    .entry(name.to_lowercase())
                    .or_insert_with(|| record.code.clone());
            }
            if kind == Kind::ServiceClass
                && let Some(old_code) = &record.old_code
            {
                resolver
                    .old_class_code
                    .insert(old_code.clone(), record.code.clone());
            }
            resolver
                .by_old_uri
                .insert(record.old_uri, (kind, record.code));
        }
        Ok(resolver)
    }

    /// The current code for a reference by code and URIs, or why there is none.
    pub(crate) fn resolve(
        &self,
        kind: Kind,
        code: Option<&str>,
        uris: &[Option<&str>],
    ) -> Result<String, String> {
        let from_uri = uris
            .iter()
            .flatten()
            .find_map(|uri| self.code_in_uri(kind, uri));
        let resolved = from_uri.or_else(|| code.map(str::to_owned));
        let Some(resolved) = resolved else {
            return Err(format!(
                "{} reference with neither code nor URI",
                kind.noun()
            ));
        };
        if self.known[kind.index()].contains(&resolved) {
            Ok(resolved)
        } else {
            let uri = uris.iter().flatten().next().copied().unwrap_or("no URI");
            Err(format!("unknown {} {resolved:?} ({uri})", kind.noun()))
        }
    }

    fn code_in_uri(&self, kind: Kind, uri: &str) -> Option<String> {
        if let Some((mapped_kind, code)) = self.by_old_uri.get(uri) {
            return (*mapped_kind == kind).then(|| code.clone());
        }
        let (_, rest) = uri.split_once("/codelist/ptv/")?;
        let (scheme, code) = rest.split_once("/code/")?;
        if scheme == "ptvserclass" {
            return Some(
                self.old_class_code
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| code.to_owned()),
            );
        }
        Some(code.to_owned())
    }

    /// The code whose current or old Finnish name is `label` (case-insensitive).
    pub(crate) fn by_label(&self, kind: Kind, label: &str) -> Option<String> {
        self.by_name[kind.index()]
            .get(&label.trim().to_lowercase())
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{default_data_dir, read_codes};

    fn resolver() -> CodeResolver {
        let codes = read_codes(&default_data_dir()).unwrap();
        CodeResolver::read(&default_data_dir(), &codes).unwrap()
    }

    #[test]
    fn old_uris_win_over_renumbered_codes() {
        let resolver = resolver();
        // v1089 was P7.13 in the old scheme and is P7.12 now.
        let code = resolver.resolve(
            Kind::ServiceClass,
            Some("P7.13"),
            &[Some("http://urn.fi/URN:NBN:fi:au:ptvl:v1089")],
        );
        assert_eq!(code.as_deref(), Ok("P7.12"));
        let code = resolver.resolve(
            Kind::ServiceClass,
            None,
            &[Some(
                "http://uri.suomi.fi/codelist/ptv/ptvserclass/code/P7.13",
            )],
        );
        assert_eq!(code.as_deref(), Ok("P7.12"));
        let code = resolver.resolve(
            Kind::TargetGroup,
            Some("KR1"),
            &[Some("http://urn.fi/URN:NBN:fi:au:ptvl:v2001")],
        );
        assert_eq!(code.as_deref(), Ok("KR1"));
    }

    #[test]
    fn unknown_codes_are_refused_with_the_uri() {
        let err = resolver()
            .resolve(Kind::ServiceClass, Some("P99"), &[Some("http://x/P99")])
            .unwrap_err();
        assert_eq!(err, "unknown service class \"P99\" (http://x/P99)");
    }

    #[test]
    fn labels_resolve_case_insensitively() {
        let resolver = resolver();
        assert_eq!(
            resolver
                .by_label(Kind::TargetGroup, "kansalaiset")
                .as_deref(),
            Some("KR1")
        );
        assert_eq!(
            resolver
                .by_label(Kind::LifeEvent, "Lapsen saaminen")
                .as_deref(),
            Some("KE1")
        );
    }
}
