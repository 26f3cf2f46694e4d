//! The few direct browser calls outside Yew: the address fragment (for shared links) and the clipboard.
//!
//! Each fails quietly: without a window or a clipboard the app still works, it just cannot do that one
//! thing.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The fragment of the page address, with its `#`; empty if there is none.
pub(crate) fn fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// The page address without query or fragment: what a shared link starts with.
pub(crate) fn page_address() -> String {
    web_sys::window()
        .map(|window| {
            let location = window.location();
            format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// Takes the fragment out of the address bar (and the current history entry) without reloading, so a
/// restored situation does not linger in the address.
pub(crate) fn clear_fragment() {
    if let Some(window) = web_sys::window()
        && let Ok(history) = window.history()
        && let Ok(path) = window.location().pathname()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Writes `text` to the clipboard; false if the browser has no clipboard or refused.
pub(crate) async fn copy_to_clipboard(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
        return false;
    };
    // `navigator.clipboard` is missing outside secure contexts; calling into it would throw.
    let available = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|clipboard| !clipboard.is_undefined() && !clipboard.is_null());
    if !available {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Calls `handler` whenever the page address's fragment changes, until the returned guard is dropped.
pub(crate) fn on_fragment_change(handler: impl FnMut() + 'static) -> Option<Listener> {
    let window = web_sys::window()?;
    let closure = Closure::<dyn FnMut()>::new(handler);
    window
        .add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(Listener { window, closure })
}

/// Removes its event listener when dropped.
pub(crate) struct Listener {
    window: web_sys::Window,
    closure: Closure<dyn FnMut()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.window.remove_event_listener_with_callback(
            "hashchange",
            self.closure.as_ref().unchecked_ref(),
        );
    }
}
