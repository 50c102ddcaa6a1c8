//! Copying a secret shown once (an API key, a webhook signing secret): the Clipboard API, or
//! the text selected for copying by hand where that is missing or refused.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Copies `text` with the Clipboard API; false where it is missing (an insecure origin, an
/// old browser) or refused.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    // Read as a plain property: calling through an undefined `clipboard` would throw.
    let clipboard = match js_sys::Reflect::get(&navigator, &"clipboard".into()) {
        Ok(value) if !value.is_undefined() && !value.is_null() => value,
        _ => return false,
    };
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Selects the text of the element with this id, for copying by hand.
pub fn select_text(id: &str) {
    if let (Some(element), Ok(Some(selection))) =
        (document().get_element_by_id(id), window().get_selection())
    {
        // Selecting is a courtesy: the message says what to do either way.
        let _ = selection.select_all_children(&element);
    }
}
