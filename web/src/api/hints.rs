//! The API's readable hint cookies (`api::auth::hints`): each says that an HttpOnly cookie
//! the page cannot see was set. Without the hint, the question it stands for cannot be
//! answered with anything but an error, so the page does not ask it (a 4xx fetch is logged
//! as a console error by every browser).

use wasm_bindgen::JsCast;

/// Beside the applicant's session cookie.
pub const SESSION: &str = "nes_session_hint";
/// Beside the staff session cookie.
pub const STAFF_SESSION: &str = "nes_staff_session_hint";
/// Beside the e-İmza login challenge's binding cookie.
pub const E_IMZA_LOGIN: &str = "nes_e_imza_login_hint";

/// Whether `cookies` (a `document.cookie` string) holds the hint `name`, bare or with the
/// `__Host-` prefix it has on https.
pub fn holds(cookies: &str, name: &str) -> bool {
    cookies.split(';').any(|pair| {
        let key = pair.trim().split('=').next().unwrap_or_default();
        key == name || key.strip_prefix("__Host-") == Some(name)
    })
}

fn cookies() -> Option<web_sys::HtmlDocument> {
    leptos::prelude::document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
}

/// Whether this browser has the hint `name` now.
pub fn present(name: &str) -> bool {
    cookies()
        .and_then(|doc| doc.cookie().ok())
        .is_some_and(|all| holds(&all, name))
}

/// Forgets a hint the API turned out to disagree with (a session that ended on the server).
pub fn forget(name: &str) {
    let Some(doc) = cookies() else {
        return;
    };
    let secure = leptos::prelude::window()
        .location()
        .protocol()
        .ok()
        .as_deref()
        == Some("https:");
    let cookie = if secure {
        format!("__Host-{name}=; Path=/; Max-Age=0; Secure; SameSite=Lax")
    } else {
        format!("{name}=; Path=/; Max-Age=0; SameSite=Lax")
    };
    // Failing leaves a hint that costs one more request: harmless.
    let _ = doc.set_cookie(&cookie);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_is_found_bare_or_prefixed_and_not_by_a_longer_name() {
        assert!(holds("a=b; nes_session_hint=1", SESSION));
        assert!(holds("__Host-nes_session_hint=1", SESSION));
        assert!(!holds(
            "nes_session_hint_old=1; x=nes_session_hint",
            SESSION
        ));
        assert!(!holds("", E_IMZA_LOGIN));
    }
}
