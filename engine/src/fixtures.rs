//! Small hand-made records for unit tests: just enough catalogue to specify one behaviour each.

use crate::catalogue::Catalogue;
use crate::format::{
    Areas, Channel, ChannelKind, CodeLists, FORMAT_VERSION, LifeEventInfo, LifeEventLink,
    LocalText, Manifest, Meter, MeterWeight, Municipality, NamedCode, Provenance, Service,
};

pub(crate) fn text(fi: &str) -> LocalText {
    LocalText {
        fi: Some(fi.to_owned()),
        sv: None,
        en: None,
    }
}

pub(crate) fn service(id: &str, name_fi: &str, summary_fi: &str) -> Service {
    Service {
        name: text(name_fi),
        summary: text(summary_fi),
        areas: Areas {
            national: true,
            ..Areas::default()
        },
        ..Service::new(id, "test")
    }
}

pub(crate) fn labelled(mut service: Service, meters: &[Meter]) -> Service {
    service.meters = meters
        .iter()
        .map(|meter| MeterWeight {
            meter: *meter,
            weight: 1.0,
        })
        .collect();
    service.meter_provenance = Some(Provenance::Label);
    service
}

pub(crate) fn local(mut service: Service, municipality: &str) -> Service {
    service.areas = Areas {
        national: false,
        municipalities: vec![municipality.to_owned()],
        ..Areas::default()
    };
    service
}

/// A web-page channel named `name`, with nothing else.
pub(crate) fn web_channel(name: LocalText) -> Channel {
    Channel {
        kind: ChannelKind::WebPage,
        name,
        web_pages: vec![],
        phones: vec![],
        emails: vec![],
        address: None,
        opening_hours: vec![],
        accessibility: LocalText::default(),
    }
}

pub(crate) fn with_event(mut service: Service, code: &str) -> Service {
    service.life_events.push(LifeEventLink {
        code: code.to_owned(),
        provenance: Provenance::Label,
    });
    service
}

pub(crate) fn codes() -> CodeLists {
    let municipality = |code: &str, name: &str, region: &str| Municipality {
        code: code.to_owned(),
        name: text(name),
        region: Some(region.to_owned()),
        wellbeing_county: None,
    };
    let event = |code: &str, parent: Option<&str>, name: &str| LifeEventInfo {
        code: code.to_owned(),
        parent: parent.map(str::to_owned),
        name: text(name),
        description: LocalText::default(),
        publisher_defined: false,
        triggers: vec![LocalText {
            en: Some(format!("{name} trigger")),
            ..LocalText::default()
        }],
    };
    CodeLists {
        municipalities: vec![
            municipality("091", "Helsinki", "01"),
            municipality("092", "Vantaa", "01"),
            municipality("564", "Oulu", "17"),
        ],
        service_classes: vec![NamedCode {
            code: "P1".to_owned(),
            parent: None,
            name: LocalText {
                fi: Some("Asuminen".into()),
                sv: Some("Boende".into()),
                en: Some("Housing".into()),
            },
            description: LocalText::default(),
        }],
        life_events: vec![
            event("KE4", None, "Muuttaminen"),
            event("KE4.2", Some("KE4"), "Suomen sisällä muuttaminen"),
            event("KE8", None, "Työttömäksi jääminen"),
        ],
        ..CodeLists::default()
    }
}

pub(crate) fn manifest(catalogue_version: u64) -> Manifest {
    Manifest {
        format_version: FORMAT_VERSION,
        catalogue_version,
        created: 1_700_000_000,
        expires: 1_800_000_000,
        key_id: "test".to_owned(),
        synthetic: false,
        files: vec![],
    }
}

pub(crate) fn catalogue(services: Vec<Service>) -> Catalogue {
    Catalogue::from_records(manifest(1), codes(), services)
}
