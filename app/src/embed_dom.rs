//! The widget frame's own browser calls: the host's theme as CSS custom properties, and the frame's height
//! posted to the host page.
//!
//! Both fail quietly: a frame that cannot theme itself or report its height still works, with Aurora's
//! look or a fixed height.

use js_sys::Reflect;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, ResizeObserver, Window};

use crate::embed::Theme;

fn root() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Sets the theme's (already validated) custom properties on `<html>`. Through the CSSOM, which the
/// site's `style-src 'self'` allows, unlike a `style` attribute in markup.
pub(crate) fn apply_theme(theme: &Theme) {
    let Some(root) = root() else {
        return;
    };
    let style = root.style();
    for (name, value) in theme.properties() {
        let _ = style.set_property(name, &value);
    }
}

/// Posts the frame's height to `parent_origin` whenever it changes, until dropped.
pub(crate) struct HeightReporter {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Starts reporting the height of `<html>` (its content, not the viewport) to the parent window, as a
/// bare number and only to `parent_origin` (the browser drops the message if the parent is anyone else).
/// `None` when the page is not framed, or the browser names a different parent origin.
pub(crate) fn report_height(parent_origin: String) -> Option<HeightReporter> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    if js_sys::Object::is(&parent, &window) || !parent_is(&window, &parent_origin) {
        return None;
    }
    let root = root()?;
    let observed = root.clone();
    let mut last_height = -1;
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = observed.offset_height();
        if height != last_height {
            last_height = height;
            let _ = parent.post_message(&JsValue::from(height), &parent_origin);
        }
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some(HeightReporter {
        observer,
        _callback: callback,
    })
}

/// Whether the declared parent origin is the real one, where the browser tells (`location.ancestorOrigins`
/// in Chromium and WebKit); true where it does not, since `postMessage`'s target origin still guards.
fn parent_is(window: &Window, declared: &str) -> bool {
    let Ok(ancestors) = Reflect::get(&window.location(), &"ancestorOrigins".into()) else {
        return true;
    };
    if ancestors.is_undefined() || ancestors.is_null() {
        return true;
    }
    Reflect::get(&ancestors, &0.into())
        .ok()
        .and_then(|first| first.as_string())
        .is_some_and(|first| first == declared)
}
