//! Embed mode: the settings a municipality's page hands the widget in the iframe's URL fragment, read
//! strictly, and the copy-ready snippets the "For municipalities" page offers.
//!
//! The fragment of `embed.html` is
//! `lang=fi&municipality=564&event=KE8&accent=%238a1538&font=serif&radius=4&parent=https%3A%2F%2Fwww.ouka.fi`:
//! every key optional, every value percent-encoded, unknown keys and invalid values ignored (the frame then
//! uses Aurora's defaults). `static/widget.js` writes the same keys in the same order after the same checks;
//! a hand-written `<iframe src=".../embed.html#municipality=564&lang=fi">` (no-script mode) works too.
//!
//! - Theme values become CSS custom properties, so they are checked here, not trusted: the accent colour is
//!   `#rgb` or `#rrggbb` with at least 4.5:1 contrast on white (it colours text and buttons), the radius
//!   0–32 px, the font one of [`Font::ALL`] (local font stacks; nothing is downloaded).
//! - `parent` is the host page's origin, set by `widget.js` in auto-height mode. The frame posts its height
//!   (a number, nothing else) to exactly that origin, and only if it is a proper `http(s)://host[:port]`
//!   origin. Without it the frame posts nothing. The frame listens to no messages at all.
//!
//! Pure functions, tested natively.

use engine::format::Lang;

use crate::handover::{is_code, percent_decode, percent_encode};

/// The largest corner radius a host may ask for, in CSS pixels.
pub const MAX_RADIUS: u8 = 32;
/// The range of a fixed widget height, in CSS pixels (`data-height="640"`).
pub const MIN_FIXED_HEIGHT: u32 = 240;
pub const MAX_FIXED_HEIGHT: u32 = 4000;
/// The height a plain `<iframe>` snippet gets: a fixed height, since nothing can resize it.
pub const IFRAME_SNIPPET_HEIGHT: u32 = 800;
/// The least contrast an accent colour needs against white (WCAG 2.1 AA for normal text).
pub const MIN_ACCENT_CONTRAST: f64 = 4.5;
/// The `sandbox` of every widget frame: scripts and its own origin (wasm and the catalogue check need
/// them), and links that open in a new, unsandboxed tab; no top navigation, forms, or downloads.
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// The font families a host may choose: local stacks only, so choosing one downloads nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    System,
    SansSerif,
    Serif,
    Verdana,
}

impl Font {
    pub const ALL: [Font; 4] = [Font::System, Font::SansSerif, Font::Serif, Font::Verdana];

    /// The value of `data-font` and of `font=` in the fragment.
    pub fn key(self) -> &'static str {
        match self {
            Font::System => "system",
            Font::SansSerif => "sans-serif",
            Font::Serif => "serif",
            Font::Verdana => "verdana",
        }
    }

    pub fn from_key(key: &str) -> Option<Font> {
        Font::ALL.into_iter().find(|font| font.key() == key)
    }

    /// The CSS `font-family` value.
    pub fn stack(self) -> &'static str {
        match self {
            Font::System => r#"system-ui, -apple-system, "Segoe UI", Roboto, sans-serif"#,
            Font::SansSerif => r#"Arial, Helvetica, "Liberation Sans", sans-serif"#,
            Font::Serif => r#"Georgia, "Times New Roman", "Liberation Serif", serif"#,
            Font::Verdana => r#"Verdana, Geneva, "DejaVu Sans", sans-serif"#,
        }
    }
}

/// A host's look for the widget; `None` keeps Aurora's own value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Theme {
    /// `#rrggbb`, lower case, already checked by [`accent`].
    pub accent: Option<String>,
    pub font: Option<Font>,
    pub radius: Option<u8>,
}

impl Theme {
    /// The CSS custom properties to set on the frame's root element (names as in `static/style.css`).
    pub fn properties(&self) -> Vec<(&'static str, String)> {
        let mut properties = Vec::new();
        if let Some(accent) = &self.accent {
            properties.push(("--accent", accent.clone()));
        }
        if let Some(font) = self.font {
            properties.push(("--font", font.stack().to_owned()));
        }
        if let Some(radius) = self.radius {
            properties.push(("--radius", format!("{radius}px")));
        }
        properties
    }
}

/// Everything the widget frame reads from its fragment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedConfig {
    pub lang: Option<Lang>,
    pub municipality: Option<String>,
    pub life_event: Option<String>,
    pub theme: Theme,
    /// The host page's origin, to post the height to.
    pub parent: Option<String>,
}

/// The settings in `fragment` (with or without `#`). Never fails: what is invalid is left out.
pub fn decode(fragment: &str) -> EmbedConfig {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut config = EmbedConfig::default();
    // A repeated key: the last valid value counts, as in shared links.
    for (key, raw) in fragment.split('&').filter_map(|pair| pair.split_once('=')) {
        let Some(value) = percent_decode(raw) else {
            continue;
        };
        match key {
            "lang" => config.lang = Lang::from_code(&value).or(config.lang),
            "municipality" if is_code(&value) => config.municipality = Some(value),
            "event" if is_code(&value) => config.life_event = Some(value),
            "accent" => config.theme.accent = accent(&value).or(config.theme.accent),
            "font" => config.theme.font = Font::from_key(&value).or(config.theme.font),
            "radius" => config.theme.radius = radius(&value).or(config.theme.radius),
            "parent" => config.parent = origin(&value).or(config.parent),
            _ => {}
        }
    }
    config
}

/// `value` as a lower-case `#rrggbb` if it is `#rgb` or `#rrggbb` and dark enough to read on white.
pub fn accent(value: &str) -> Option<String> {
    let rgb = parse_hex_colour(value)?;
    (contrast_on_white(rgb) >= MIN_ACCENT_CONTRAST)
        .then(|| format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]))
}

/// Whether `value` is written as a colour the widget takes (`#rgb` or `#rrggbb`), whatever its contrast.
pub fn is_hex_colour(value: &str) -> bool {
    parse_hex_colour(value).is_some()
}

fn parse_hex_colour(value: &str) -> Option<[u8; 3]> {
    let digits = value.strip_prefix('#')?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |hex: &str| u8::from_str_radix(hex, 16).ok();
    match digits.len() {
        3 => {
            let mut rgb = [0; 3];
            for (slot, index) in rgb.iter_mut().zip(0..3) {
                *slot = channel(digits.get(index..=index)?)? * 17;
            }
            Some(rgb)
        }
        6 => {
            let mut rgb = [0; 3];
            for (slot, index) in rgb.iter_mut().zip([0, 2, 4]) {
                *slot = channel(digits.get(index..index + 2)?)?;
            }
            Some(rgb)
        }
        _ => None,
    }
}

/// The WCAG 2.1 contrast ratio of an sRGB colour against white, 1.0–21.0.
pub fn contrast_on_white(rgb: [u8; 3]) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (luminance + 0.05)
}

/// A radius of 0–32 px, written as digits (`8`).
pub fn radius(value: &str) -> Option<u8> {
    if value.is_empty() || value.len() > 2 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok().filter(|radius| *radius <= MAX_RADIUS)
}

/// `value` if it is a serialised web origin, exactly as `location.origin` writes one:
/// `http(s)://host[:port]` with a lower-case host name, IPv4 or `[IPv6]` address, a port 1–65535 other than
/// the scheme's default, and nothing else (no user, path, query, fragment or trailing slash).
pub fn origin(value: &str) -> Option<String> {
    let (rest, default_port) = if let Some(rest) = value.strip_prefix("https://") {
        (rest, 443)
    } else if let Some(rest) = value.strip_prefix("http://") {
        (rest, 80)
    } else {
        return None;
    };
    let (host, port) = if rest.starts_with('[') {
        let (host, after) = rest.split_at(rest.find(']')? + 1);
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        }
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        inner.len() >= 2
            && inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'a'..=b'f' | b':' | b'.'))
    } else {
        is_host_name(host)
    };
    let port_ok = port.is_none_or(|port| {
        !port.is_empty()
            && port.len() <= 5
            && !port.starts_with('0')
            && port.bytes().all(|b| b.is_ascii_digit())
            && port
                .parse::<u32>()
                .is_ok_and(|port| port <= 65_535 && port != default_port)
    });
    (host_ok && port_ok).then(|| value.to_owned())
}

/// A lower-case DNS name or IPv4 address: dot-separated labels of `a-z`, `0-9` and inner `-`.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// How tall the widget is on the host page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeightMode {
    /// As tall as its content: the frame posts its height, `widget.js` applies it.
    Auto,
    /// Fixed, in CSS pixels (`MIN_FIXED_HEIGHT`–`MAX_FIXED_HEIGHT`); the content scrolls inside.
    Fixed(u32),
}

/// What a municipality chooses on the "For municipalities" page.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetOptions {
    pub municipality: Option<String>,
    pub lang: Lang,
    pub life_event: Option<String>,
    /// `#rrggbb`; `None` keeps Aurora's blue.
    pub accent: Option<String>,
    pub font: Font,
    pub radius: u8,
    pub height: HeightMode,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            municipality: None,
            lang: Lang::Fi,
            life_event: None,
            accent: None,
            font: Font::System,
            radius: 8,
            height: HeightMode::Auto,
        }
    }
}

impl WidgetOptions {
    /// The `data-` attributes of the widget's `<div>`, in the documented order; defaults are written out
    /// only where they help a reader (language and height always, theme only when chosen).
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        let mut attributes = Vec::new();
        if let Some(code) = &self.municipality {
            attributes.push(("data-municipality", code.clone()));
        }
        attributes.push(("data-lang", self.lang.code().to_owned()));
        if let Some(code) = &self.life_event {
            attributes.push(("data-life-event", code.clone()));
        }
        if let Some(accent) = &self.accent {
            attributes.push(("data-accent", accent.clone()));
        }
        if self.font != Font::System {
            attributes.push(("data-font", self.font.key().to_owned()));
        }
        if self.radius != 8 {
            attributes.push(("data-radius", self.radius.to_string()));
        }
        attributes.push((
            "data-height",
            match self.height {
                HeightMode::Auto => "auto".to_owned(),
                HeightMode::Fixed(px) => px.to_string(),
            },
        ));
        attributes
    }

    /// The fragment `embed.html` reads (see the module docs), without `parent`: a plain iframe cannot be
    /// resized, so it never needs one.
    pub fn fragment(&self) -> String {
        let mut parts = Vec::new();
        parts.push(format!("lang={}", self.lang.code()));
        if let Some(code) = &self.municipality {
            parts.push(format!("municipality={}", percent_encode(code)));
        }
        if let Some(code) = &self.life_event {
            parts.push(format!("event={}", percent_encode(code)));
        }
        if let Some(accent) = &self.accent {
            parts.push(format!("accent={}", percent_encode(accent)));
        }
        if self.font != Font::System {
            parts.push(format!("font={}", self.font.key()));
        }
        if self.radius != 8 {
            parts.push(format!("radius={}", self.radius));
        }
        parts.join("&")
    }

    /// The loader snippet: the widget's `<div>` and the one script tag. `base` is the Aurora site's
    /// address ending in `/` (where `widget.js` and `embed.html` live).
    pub fn widget_snippet(&self, base: &str) -> String {
        let attributes: String = self
            .attributes()
            .iter()
            .map(|(name, value)| format!(" {name}=\"{}\"", escape_attribute(value)))
            .collect();
        format!(
            "<div data-aurora{attributes}></div>\n<script src=\"{}widget.js\" defer></script>",
            escape_attribute(base)
        )
    }

    /// The no-script snippet: a plain iframe with a fixed height, for editors that strip scripts.
    pub fn iframe_snippet(&self, base: &str, title: &str) -> String {
        let height = match self.height {
            HeightMode::Auto => IFRAME_SNIPPET_HEIGHT,
            HeightMode::Fixed(px) => px,
        };
        format!(
            "<iframe src=\"{}embed.html#{}\" title=\"{}\" width=\"100%\" height=\"{height}\" \
             loading=\"lazy\" referrerpolicy=\"no-referrer\" sandbox=\"{SANDBOX}\"></iframe>",
            escape_attribute(base),
            escape_attribute(&self.fragment()),
            escape_attribute(title)
        )
    }
}

/// Text made safe inside a double-quoted HTML attribute.
pub fn escape_attribute(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_fragment_is_read_in_full() {
        let config = decode(
            "#lang=sv&municipality=564&event=KE8&accent=%238A1538&font=serif&radius=4\
             &parent=https%3A%2F%2Fwww.ouka.fi",
        );
        assert_eq!(
            config,
            EmbedConfig {
                lang: Some(Lang::Sv),
                municipality: Some("564".into()),
                life_event: Some("KE8".into()),
                theme: Theme {
                    accent: Some("#8a1538".into()),
                    font: Some(Font::Serif),
                    radius: Some(4),
                },
                parent: Some("https://www.ouka.fi".into()),
            }
        );
        assert_eq!(
            config.theme.properties(),
            vec![
                ("--accent", "#8a1538".to_owned()),
                ("--font", Font::Serif.stack().to_owned()),
                ("--radius", "4px".to_owned()),
            ]
        );
    }

    #[test]
    fn the_plain_iframe_example_works_without_a_parent() {
        let config = decode("municipality=564&lang=fi");
        assert_eq!(config.municipality.as_deref(), Some("564"));
        assert_eq!(config.lang, Some(Lang::Fi));
        assert_eq!(config.parent, None);
        assert!(config.theme.properties().is_empty());
        assert_eq!(decode(""), EmbedConfig::default());
    }

    #[test]
    fn hostile_theme_values_never_reach_css() {
        let config = decode(
            "accent=red&accent=%23fff;background:url(x)&font=Comic%20Sans&font=serif;x&radius=99\
             &radius=-1&radius=8px&radius=1e1&municipality=../x&event=%3Cscript%3E&lang=de",
        );
        assert_eq!(config, EmbedConfig::default());
        for value in [
            "#12345",
            "#1234567",
            "#ggg",
            "0b5394",
            "#0b5394 ",
            "#0b5394;",
            "url(#0b5394)",
            "#０bc",
        ] {
            assert_eq!(accent(value), None, "{value}");
            assert!(!is_hex_colour(value), "{value}");
        }
    }

    #[test]
    fn accents_must_be_readable_on_white() {
        assert_eq!(accent("#0B5394").as_deref(), Some("#0b5394"));
        assert_eq!(accent("#000").as_deref(), Some("#000000"));
        assert_eq!(accent("#a00").as_deref(), Some("#aa0000"));
        // Well-formed but too light: yellow, white, Aurora's focus orange.
        for light in ["#ff0", "#ffffff", "#ff9f1c", "#777"] {
            assert!(is_hex_colour(light));
            assert_eq!(accent(light), None, "{light}");
        }
        assert!((contrast_on_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        assert!((contrast_on_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        // #767676 is the classic lightest grey that passes AA on white.
        assert!(contrast_on_white([0x76, 0x76, 0x76]) >= 4.5);
        assert!(contrast_on_white([0x77, 0x77, 0x77]) < 4.5);
    }

    #[test]
    fn radius_is_a_small_whole_number() {
        assert_eq!(radius("0"), Some(0));
        assert_eq!(radius("32"), Some(32));
        for bad in ["33", "", "-1", "8px", "08.5", "1e1", "+4", "100"] {
            assert_eq!(radius(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_proper_origins_are_posted_to() {
        for good in [
            "https://www.ouka.fi",
            "http://127.0.0.1:8080",
            "http://localhost:41234",
            "https://xn--hmeenlinna-l5a.fi",
            "http://[::1]:8080",
            "https://[2001:db8::1]",
        ] {
            assert_eq!(origin(good).as_deref(), Some(good), "{good}");
        }
        for bad in [
            "",
            "*",
            "null",
            "https://",
            "https://www.ouka.fi/",
            "https://www.ouka.fi/path",
            "https://www.ouka.fi?x",
            "https://www.ouka.fi#x",
            "https://user@www.ouka.fi",
            "https://WWW.OUKA.FI",
            "https://www.ouka.fi:443",
            "http://www.ouka.fi:80",
            "https://www.ouka.fi:0",
            "https://www.ouka.fi:65536",
            "https://www.ouka.fi:08080",
            "https://www.ouka.fi:",
            "https://-bad.fi",
            "https://a..fi",
            "javascript://x",
            "file://",
            "ftp://example.fi",
            "https://[::1",
            "https://[::1]x",
            "https://[zz]",
            " https://www.ouka.fi",
        ] {
            assert_eq!(origin(bad), None, "{bad:?}");
        }
        // The fragment keeps the last proper origin and ignores the rest.
        assert_eq!(
            decode("parent=https%3A%2F%2Fa.fi&parent=*")
                .parent
                .as_deref(),
            Some("https://a.fi")
        );
    }

    #[test]
    fn snippets_carry_the_choices_and_escape_them() {
        let options = WidgetOptions {
            municipality: Some("564".into()),
            lang: Lang::Fi,
            life_event: Some("KE8".into()),
            accent: Some("#8a1538".into()),
            font: Font::Serif,
            radius: 4,
            height: HeightMode::Auto,
        };
        assert_eq!(
            options.widget_snippet("https://aurora.example/"),
            "<div data-aurora data-municipality=\"564\" data-lang=\"fi\" data-life-event=\"KE8\" \
             data-accent=\"#8a1538\" data-font=\"serif\" data-radius=\"4\" data-height=\"auto\"></div>\n\
             <script src=\"https://aurora.example/widget.js\" defer></script>"
        );
        let iframe = options.iframe_snippet("https://aurora.example/", "Aurora \"x\" <y>");
        assert!(
            iframe.starts_with(
                "<iframe src=\"https://aurora.example/embed.html#lang=fi&amp;municipality=564&amp;event=KE8\
                 &amp;accent=%238a1538&amp;font=serif&amp;radius=4\" title=\"Aurora &quot;x&quot; &lt;y&gt;\" \
                 width=\"100%\" height=\"800\""
            ),
            "{iframe}"
        );
        // What the iframe snippet says, the frame reads back.
        let config = decode(&options.fragment());
        assert_eq!(config.municipality.as_deref(), Some("564"));
        assert_eq!(config.life_event.as_deref(), Some("KE8"));
        assert_eq!(config.theme.accent.as_deref(), Some("#8a1538"));
        assert_eq!(config.theme.font, Some(Font::Serif));
        assert_eq!(config.theme.radius, Some(4));
        let plain = WidgetOptions {
            height: HeightMode::Fixed(600),
            ..WidgetOptions::default()
        };
        assert_eq!(
            plain.widget_snippet("https://a.fi/aurora/"),
            "<div data-aurora data-lang=\"fi\" data-height=\"600\"></div>\n\
             <script src=\"https://a.fi/aurora/widget.js\" defer></script>"
        );
        assert!(
            plain
                .iframe_snippet("https://a.fi/", "t")
                .contains("height=\"600\"")
        );
    }

    #[test]
    fn the_loader_makes_the_same_checks_and_names_frames_as_the_locales_do() {
        let loader = include_str!("../../static/widget.js");
        for lang in Lang::ALL {
            let title = crate::i18n::t(lang, "embed-frame-title");
            assert!(
                loader.contains(&format!("{}: '{title}',", lang.code())),
                "widget.js lacks the {lang:?} title {title:?}"
            );
        }
        assert!(loader.contains(&format!("const SANDBOX = '{SANDBOX}';")));
        let fonts: Vec<String> = Font::ALL.iter().map(|f| format!("'{}'", f.key())).collect();
        assert!(loader.contains(&format!("const FONTS = [{}];", fonts.join(", "))));
        assert!(loader.contains(&format!("const FIXED_MIN = {MIN_FIXED_HEIGHT};")));
        assert!(loader.contains(&format!("const FIXED_MAX = {MAX_FIXED_HEIGHT};")));
    }

    #[test]
    fn every_font_key_round_trips() {
        for font in Font::ALL {
            assert_eq!(Font::from_key(font.key()), Some(font));
            assert!(!font.stack().contains(';') && !font.stack().contains("url("));
        }
    }
}
