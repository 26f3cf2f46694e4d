//! The browser calls behind on-device personalisation and offline use: `localStorage` for the citizen's
//! marks (only with their consent, see `personal.rs`), downloads made from a Blob on this device (no
//! network), printing, today's date and whether the browser is online.
//!
//! Each fails quietly: without storage the marks last for the visit, without a window nothing happens.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::personal::{KEY_PREFIX, Personal};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The marks kept on this device, if the citizen agreed to keep them.
pub(crate) fn load_personal() -> Personal {
    let Some(storage) = storage() else {
        return Personal::default();
    };
    Personal::from_stored(|key| storage.get_item(key).ok().flatten())
}

/// Makes the storage hold exactly what `personal` says: its keys with consent, no `aurora.personal.*`
/// key at all without it (so declining or erasing leaves nothing behind).
pub(crate) fn sync_personal(personal: &Personal) {
    let Some(storage) = storage() else {
        return;
    };
    let wanted = personal.stored();
    let length = storage.length().unwrap_or(0);
    let stale: Vec<String> = (0..length)
        .filter_map(|idx| storage.key(idx).ok().flatten())
        .filter(|key| key.starts_with(KEY_PREFIX) && !wanted.iter().any(|(k, _)| k == key))
        .collect();
    for key in stale {
        let _ = storage.remove_item(&key);
    }
    for (key, value) in wanted {
        let _ = storage.set_item(key, &value);
    }
}

/// Offers `contents` as a file called `file_name`, made on this device from a Blob: nothing is sent.
pub(crate) fn download(file_name: &str, mime: &str, contents: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&contents.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a")
        && let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    // Freed a little later: some browsers read the Blob only after `click` returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}

/// Opens the browser's print dialogue (the print stylesheet shows only "My list").
pub(crate) fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Today's date, `YYYY-MM-DD`, in UTC.
pub(crate) fn today() -> String {
    crate::components::iso_date((js_sys::Date::now() / 1000.0) as u64)
}

pub(crate) fn on_line() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// Whether the browser says it is online, updated on its `online` and `offline` events.
#[hook]
pub(crate) fn use_online() -> bool {
    let online = use_state(on_line);
    {
        let online = online.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let closure = Closure::<dyn FnMut()>::new(move || online.set(on_line()));
            if let Some(window) = &window {
                for event in ["online", "offline"] {
                    let _ = window
                        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(window) = &window {
                    for event in ["online", "offline"] {
                        let _ = window.remove_event_listener_with_callback(
                            event,
                            closure.as_ref().unchecked_ref(),
                        );
                    }
                }
            }
        });
    }
    *online
}
