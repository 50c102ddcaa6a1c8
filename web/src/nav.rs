//! Moving between pages, and where focus goes. Both apps (the applicant's and the staff's)
//! provide [`Nav`]; a path the current app does not render is loaded as a new document, so
//! that a link from one app to the other works without either knowing the other's pages.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::state::Session;

/// Where every 401 of the applicant's session leads.
pub const SESSION_EXPIRED_PATH: &str = "/oturum-sona-erdi";

/// The id of `<main>`, target of the skip link.
pub const MAIN_ID: &str = "ana-icerik";

/// A page showing an error instead of its content names the error in the document title.
#[derive(Debug, Clone, Copy)]
pub struct ErrorTitle(pub RwSignal<Option<crate::i18n::T>>);

/// Navigation that can be copied into event handlers and async tasks.
#[derive(Debug, Clone, Copy)]
pub struct Nav(Callback<(String, bool)>);

/// The paths the running app renders itself.
#[derive(Debug, Clone, Copy)]
pub struct OwnPaths(pub fn(&str) -> bool);

impl Nav {
    /// Navigation inside the router for the paths `owns` accepts; a full page load for the
    /// others (they belong to the other app).
    pub fn provide(owns: fn(&str) -> bool) {
        provide_context(OwnPaths(owns));
        let navigate = use_navigate();
        provide_context(Nav(Callback::new(
            move |(path, replace): (String, bool)| {
                if owns(path_only(&path)) {
                    let options = NavigateOptions {
                        replace,
                        ..NavigateOptions::default()
                    };
                    navigate(&path, options);
                } else {
                    load_document(&path, replace);
                }
            },
        )));
    }

    /// Goes to `path` (a new history entry).
    pub fn go(&self, path: &str) {
        self.0.run((path.to_owned(), false));
    }

    /// Goes to `path` in place of the current entry.
    pub fn replace(&self, path: &str) {
        self.0.run((path.to_owned(), true));
    }

    /// After a 401: forget the session and say so.
    pub fn session_ended(&self, session: Session) {
        session.ended();
        self.replace(SESSION_EXPIRED_PATH);
    }
}

pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// Leaves this app for `href` (the other app's page): a new document.
pub fn load_document(href: &str, replace: bool) {
    let location = window().location();
    // Nothing better to do if the browser refuses to leave the page.
    let _ = if replace {
        location.replace(href)
    } else {
        location.assign(href)
    };
}

/// `/a/b?c#d` → `/a/b`.
fn path_only(href: &str) -> &str {
    href.split(['?', '#']).next().unwrap_or(href)
}

/// Whether `path` is `area` or below it (`/kurum` owns `/kurum/basvurular`, not `/kurumlar`).
pub fn is_under(path: &str, area: &str) -> bool {
    path == area
        || path
            .strip_prefix(area)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The areas of the staff app (officers, operators, the staff login); every other path on
/// the origin is the applicant's app.
pub fn is_staff_path(path: &str) -> bool {
    ["/personel", "/kurum", "/kamusm"]
        .iter()
        .any(|area| is_under(path, area))
}

/// The `:id` of the current route (tracked).
pub fn route_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").unwrap_or_default())
}

/// After moving to another page, focus goes to the start of the main content, so that
/// screen reader and keyboard users start reading the new page (not on the first load).
pub fn focus_main_after_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.as_ref().is_some_and(|p| *p != path) {
            request_animation_frame(|| focus_by_id(MAIN_ID));
        }
        path
    });
}

/// Moves focus to the element with this id, if there is one.
pub fn focus_by_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        // Focus failing is harmless: the content is there either way.
        let _ = element.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_owns_itself_and_what_is_below_it_only() {
        assert!(is_under("/kurum", "/kurum"));
        assert!(is_under("/kurum/basvurular/1", "/kurum"));
        assert!(!is_under("/kurumlar", "/kurum"));
        assert!(!is_under("/", "/kurum"));
    }

    #[test]
    fn the_staff_areas_are_recognised_and_nothing_else() {
        for path in [
            "/personel/giris",
            "/kurum/basvurular",
            "/kamusm",
            "/kamusm/kurumlar/x",
        ] {
            assert!(is_staff_path(path), "{path}");
        }
        for path in ["/", "/basvuru-islemleri", "/kurumsal", "/personelx"] {
            assert!(!is_staff_path(path), "{path}");
        }
    }

    #[test]
    fn the_path_of_a_link_leaves_its_query_and_fragment() {
        assert_eq!(
            path_only("/kurum/basvurular?sayfa=2#x"),
            "/kurum/basvurular"
        );
        assert_eq!(path_only("/"), "/");
    }
}
