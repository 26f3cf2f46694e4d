//! The only way catalogue data becomes a link: `https:`, `http:`, `tel:` and `mailto:` only, and no
//! referrer, so neither a hostile catalogue nor a service's site learns anything.

use yew::prelude::*;

const ALLOWED_SCHEMES: [&str; 4] = ["https:", "http:", "tel:", "mailto:"];

pub(crate) fn is_safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ALLOWED_SCHEMES
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        && !href.chars().any(is_invisible_control)
}

/// Control and bidirectional-override characters, which can disguise where a link goes.
fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[derive(Properties, PartialEq)]
pub(crate) struct SafeLinkProps {
    pub(crate) href: String,
    pub(crate) children: Html,
}

#[component]
pub(crate) fn SafeLink(props: &SafeLinkProps) -> Html {
    if !is_safe_href(&props.href) {
        return html! { <span class="unsafe-link">{ props.children.clone() }</span> };
    }
    let external = props.href.starts_with("http");
    html! {
        <a href={props.href.trim().to_owned()}
           rel="noreferrer noopener"
           referrerpolicy="no-referrer"
           target={external.then_some("_blank")}>
            { props.children.clone() }
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_phone_and_mail_links_are_safe() {
        for href in [
            "https://kela.fi",
            "http://example.fi",
            "tel:+358201234",
            "mailto:a@b.fi",
        ] {
            assert!(is_safe_href(href), "{href}");
        }
        for href in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "/relative",
            "https://a.fi/\u{202e}x",
        ] {
            assert!(!is_safe_href(href), "{href}");
        }
    }
}
