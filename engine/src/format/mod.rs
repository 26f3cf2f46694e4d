//! The catalogue format, defined once: the publisher CLI writes it and the app reads it through here.
//!
//! A catalogue is a directory:
//! - `manifest.json`: a [`Manifest`] as JSON, fetched fresh on every visit;
//! - `manifest.sig`: the hex Ed25519 signature over the exact bytes of `manifest.json`;
//! - `codes.<lang>.<hash>.bin`: one [`CodeLists`] file per language (life events, areas, classes, meters,
//!   ontology concepts), each as a reader of that language is given it (`CodeLists::for_reader`);
//! - `services.<scope>.<lang>.<hash>.bin`: [`Shard`]s of [`Service`] records, one per area scope
//!   (`national`, `local`, `m<municipality code>`) and language (`fi`, `sv`, `en`), each record as a reader
//!   of that language is given it; see `catalogue::selection` for which services each holds.
//!
//! Binary files are postcard-encoded behind a 8-byte header (magic + [`FORMAT_VERSION`]), content-addressed
//! (the first 16 hex digits of their SHA-256 are in the name) and immutable, so hosts may cache them forever.

mod codes;
mod service;

pub use codes::{CodeLists, Concept, LifeEventInfo, MeterInfo, Municipality, NamedCode};
pub use service::{
    Address, Areas, Channel, ChannelKind, DayHours, Funding, LifeEventLink, LocalText, MeterWeight,
    OpeningHours, Organisation, Phone, Provenance, Sector, Service,
};

use serde::{Deserialize, Serialize, de::DeserializeOwned, de::DeserializeSeed};

/// Version of the on-disk format. Bump it when any type in this module changes shape.
/// Version 1: first format (walking skeleton).
/// Version 2: `Areas::excluded_regions` (national except Åland).
/// Version 3: services split into area shards (`national`, `local`, `m<code>`; see
/// `catalogue::selection`), which repeat local services, so a reader must not simply concatenate them.
/// Version 4: the codes and each area shard once per language (`FileEntry::lang`), cut to the texts a
/// reader of that language is given (`Service::for_reader`, `CodeLists::for_reader`); a reader of several
/// joins them with `merge_texts`. `Service::name_words` keeps the length of the names a copy lacks.
pub const FORMAT_VERSION: u32 = 4;

/// Largest manifest accepted, so a hostile host cannot make the app parse megabytes of JSON. A manifest
/// names every area shard in three languages: for Finland's 308 municipalities about 940 files, 220 KB of
/// pretty-printed JSON (7 KB gzipped), so the limit leaves room for four times that.
pub const MAX_MANIFEST_BYTES: usize = 1024 * 1024;
/// Largest single binary file accepted (codes or shard).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// A language Aurora speaks. Texts in the catalogue are keyed by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fi,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

/// One of the ten 3X10D life areas (DIAK's 3X10D®), with the AuroraAI API key as its serde name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meter {
    WorkingStudying,
    Family,
    Friends,
    Health,
    ImprovementOfStrengths,
    Housing,
    Finance,
    SelfEsteem,
    Resilience,
    LifeSatisfaction,
}

impl Meter {
    pub const ALL: [Meter; 10] = [
        Meter::WorkingStudying,
        Meter::Family,
        Meter::Friends,
        Meter::Health,
        Meter::ImprovementOfStrengths,
        Meter::Housing,
        Meter::Finance,
        Meter::SelfEsteem,
        Meter::Resilience,
        Meter::LifeSatisfaction,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Meter::WorkingStudying => "working_studying",
            Meter::Family => "family",
            Meter::Friends => "friends",
            Meter::Health => "health",
            Meter::ImprovementOfStrengths => "improvement_of_strengths",
            Meter::Housing => "housing",
            Meter::Finance => "finance",
            Meter::SelfEsteem => "self_esteem",
            Meter::Resilience => "resilience",
            Meter::LifeSatisfaction => "life_satisfaction",
        }
    }

    pub fn from_key(key: &str) -> Option<Meter> {
        Meter::ALL.into_iter().find(|meter| meter.key() == key)
    }
}

/// `manifest.json`: what the publisher signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u32,
    /// Strictly increasing per publisher; the app refuses anything below the highest it accepted.
    pub catalogue_version: u64,
    /// Unix seconds.
    pub created: u64,
    /// Unix seconds; after this the catalogue is stale (see `verify::FreshnessPolicy`).
    pub expires: u64,
    /// Which trusted key signed `manifest.sig`.
    pub key_id: String,
    /// True for generated scale-test catalogues, which must never be mistaken for real data.
    #[serde(default)]
    pub synthetic: bool,
    pub files: Vec<FileEntry>,
}

/// One file the manifest vouches for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub name: String,
    pub kind: FileKind,
    pub size: u64,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// For services files: the area shard it is, `national`, `local` or `m<municipality code>`
    /// (`catalogue::AreaScope`).
    #[serde(default)]
    pub scope: Option<String>,
    /// The language whose readers the file is for (`Service::for_reader`, `CodeLists::for_reader`).
    #[serde(default)]
    pub lang: Option<Lang>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Codes,
    Services,
}

/// A `services.*.bin` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub services: Vec<Service>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FormatError {
    #[error("{what} is {size} bytes, more than the limit of {limit}")]
    TooLarge {
        what: &'static str,
        size: usize,
        limit: usize,
    },
    #[error("{what} does not start with the aurora header")]
    BadMagic { what: &'static str },
    #[error("{what} has format version {found}, this build reads version {supported}")]
    UnsupportedVersion {
        what: &'static str,
        found: u32,
        supported: u32,
    },
    #[error("{what} could not be decoded: {reason}")]
    Malformed { what: &'static str, reason: String },
}

const MAGIC: &[u8; 4] = b"AUR\x01";

pub fn encode_manifest(manifest: &Manifest) -> Vec<u8> {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_vec_pretty(manifest).unwrap_or_default()
}

pub fn decode_manifest(bytes: &[u8]) -> Result<Manifest, FormatError> {
    const WHAT: &str = "manifest";
    check_size(WHAT, bytes.len(), MAX_MANIFEST_BYTES)?;
    let manifest: Manifest =
        serde_json::from_slice(bytes).map_err(|err| FormatError::Malformed {
            what: WHAT,
            reason: err.to_string(),
        })?;
    if manifest.format_version != FORMAT_VERSION {
        return Err(FormatError::UnsupportedVersion {
            what: WHAT,
            found: manifest.format_version,
            supported: FORMAT_VERSION,
        });
    }
    Ok(manifest)
}

pub fn encode_codes(codes: &CodeLists) -> Vec<u8> {
    encode_binary(codes)
}

pub fn decode_codes(bytes: &[u8]) -> Result<CodeLists, FormatError> {
    decode_binary("codes file", bytes)
}

pub fn encode_shard(shard: &Shard) -> Vec<u8> {
    encode_binary(shard)
}

/// Encodes borrowed records exactly as [`encode_shard`] encodes a [`Shard`] of them, for area shards
/// that share records without copying them.
pub fn encode_shard_of(services: &[&Service]) -> Vec<u8> {
    #[derive(Serialize)]
    struct BorrowedShard<'a> {
        services: &'a [&'a Service],
    }
    encode_binary(&BorrowedShard { services })
}

pub fn decode_shard(bytes: &[u8]) -> Result<Shard, FormatError> {
    let mut services = Vec::new();
    decode_shard_into(bytes, &mut services)?;
    Ok(Shard { services })
}

/// The fewest bytes a [`Service`] can be encoded in (every string, list and option empty). A shard's
/// length prefix is trusted for a capacity only up to what its bytes could hold at this size, as decoding
/// would reach anyway; a test keeps it no larger than the real minimum.
const MIN_ENCODED_SERVICE_BYTES: usize = 32;

/// Decodes a `services.*.bin` file, appending its services to `services`, which grows once, by exactly
/// the shard's count: a national shard's 30,000 records are 11 MB in wasm, and growing by doubling
/// (serde's default, which cannot trust the count) left up to half of that unused and copied the rest.
/// On an error `services` holds what it held before, plus possibly part of the shard.
pub fn decode_shard_into(bytes: &[u8], services: &mut Vec<Service>) -> Result<(), FormatError> {
    const WHAT: &str = "services shard";
    let body = check_header(WHAT, bytes)?;
    let mut deserializer = postcard::Deserializer::from_bytes(body);
    // `Shard` is a struct of one field, which postcard encodes as that field alone.
    AppendServices {
        services,
        max_count: body.len() / MIN_ENCODED_SERVICE_BYTES,
    }
    .deserialize(&mut deserializer)
    .map_err(|err| malformed(WHAT, err))?;
    let rest = deserializer
        .finalize()
        .map_err(|err| malformed(WHAT, err))?;
    if !rest.is_empty() {
        return Err(trailing(WHAT, rest.len()));
    }
    Ok(())
}

/// Appends a sequence of services to a vector, reserving its announced length once (bounded).
struct AppendServices<'a> {
    services: &'a mut Vec<Service>,
    max_count: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for AppendServices<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for AppendServices<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a sequence of services")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let announced = seq.size_hint().unwrap_or(0).min(self.max_count);
        self.services.reserve_exact(announced);
        while let Some(service) = seq.next_element()? {
            self.services.push(service);
        }
        Ok(())
    }
}

/// Content-addressed file name: `<stem>.<first 16 hex digits of sha256>.bin`.
pub fn content_addressed_name(stem: &str, sha256_hex: &str) -> String {
    let prefix = sha256_hex.get(..16).unwrap_or(sha256_hex);
    format!("{stem}.{prefix}.bin")
}

fn encode_binary<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(1024);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // postcard only fails on writer errors, and a Vec cannot fail.
    postcard::to_extend(value, bytes).unwrap_or_default()
}

fn decode_binary<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, FormatError> {
    let body = check_header(what, bytes)?;
    // postcard reads lengths from the input but never allocates more than the input could hold, and the
    // input itself is bounded above, so hostile lengths cannot exhaust memory.
    let (value, rest) = postcard::take_from_bytes(body).map_err(|err| malformed(what, err))?;
    if !rest.is_empty() {
        return Err(trailing(what, rest.len()));
    }
    Ok(value)
}

/// The body of a binary file after checking its size and header.
fn check_header<'a>(what: &'static str, bytes: &'a [u8]) -> Result<&'a [u8], FormatError> {
    check_size(what, bytes.len(), MAX_FILE_BYTES)?;
    let (header, body) = bytes
        .split_at_checked(8)
        .ok_or(FormatError::BadMagic { what })?;
    if &header[..4] != MAGIC {
        return Err(FormatError::BadMagic { what });
    }
    let found = u32::from_le_bytes([header[4], header[5], header[6], header[7]]);
    if found != FORMAT_VERSION {
        return Err(FormatError::UnsupportedVersion {
            what,
            found,
            supported: FORMAT_VERSION,
        });
    }
    Ok(body)
}

fn malformed(what: &'static str, err: postcard::Error) -> FormatError {
    FormatError::Malformed {
        what,
        reason: err.to_string(),
    }
}

fn trailing(what: &'static str, count: usize) -> FormatError {
    FormatError::Malformed {
        what,
        reason: format!("{count} trailing bytes"),
    }
}

fn check_size(what: &'static str, size: usize, limit: usize) -> Result<(), FormatError> {
    if size > limit {
        return Err(FormatError::TooLarge { what, size, limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
