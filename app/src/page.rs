//! Which page of the site is running, from `<html data-page="...">` in its HTML file: the citizen app
//! (`index.html`, no attribute), the widget frame (`embed.html`, `data-page="embed"`) or "For
//! municipalities" (`municipalities.html`, `data-page="municipalities"`). One wasm bundle serves all three,
//! so the pages share the cache and need no inline script to tell the app which one it is.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Citizen,
    Embed,
    Municipalities,
}

impl Page {
    /// The page by its `data-page` value; anything else is the citizen app.
    pub fn from_marker(marker: Option<&str>) -> Page {
        match marker {
            Some("embed") => Page::Embed,
            Some("municipalities") => Page::Municipalities,
            _ => Page::Citizen,
        }
    }

    /// The page the browser has loaded.
    pub fn current() -> Page {
        let marker = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
            .and_then(|root| root.get_attribute("data-page"));
        Page::from_marker(marker.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn markers_name_pages_and_anything_else_is_the_citizen_app() {
        assert_eq!(Page::from_marker(Some("embed")), Page::Embed);
        assert_eq!(
            Page::from_marker(Some("municipalities")),
            Page::Municipalities
        );
        for other in [None, Some(""), Some("EMBED"), Some("about")] {
            assert_eq!(Page::from_marker(other), Page::Citizen, "{other:?}");
        }
    }
}
