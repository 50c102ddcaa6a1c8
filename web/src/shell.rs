//! What both apps share around their routes: the contexts every page uses, and the frame
//! (skip link, header, breadcrumbs, `<main>`, footer). Each app passes its own routes and the
//! part of the header that is its own (who is logged in, logout).

use leptos::prelude::*;

use crate::components::layout::{Breadcrumbs, Footer, Header, SkipLink};
use crate::i18n::document_title;
use crate::nav::{focus_main_after_navigation, ErrorTitle, Nav, MAIN_ID};
use crate::state::{I18n, PageMeta, Session};

/// Starts an app: its frame replaces index.html's loading message.
pub fn mount<V: IntoView + 'static>(app: fn() -> V) {
    if let Some(loading) = document().get_element_by_id("app-loading") {
        loading.remove();
    }
    leptos::mount::mount_to_body(app);
}

/// The language, the applicant's session (not loaded: each app decides), the page's title
/// and place, and the document title that follows them.
pub fn provide_app_contexts() -> Session {
    let i18n = I18n::from_storage();
    provide_context(i18n);
    i18n.reflect_in_document();

    let session = Session::new();
    provide_context(session);

    let meta = PageMeta::new();
    provide_context(meta);
    let error_title = RwSignal::new(None);
    provide_context(ErrorTitle(error_title));
    Effect::new(move |_| {
        let title = error_title.get().unwrap_or_else(|| meta.title.get());
        document().set_title(&document_title(i18n.lang(), title));
    });
    session
}

/// The page frame around an app's routes; goes inside its `<Router>`.
#[component]
pub fn Frame(
    /// The paths this app renders; any other is loaded as a new document.
    owns: fn(&str) -> bool,
    /// This app's part of the header.
    header_tools: ViewFn,
    /// The app's `<Routes>`.
    children: Children,
) -> impl IntoView {
    Nav::provide(owns);
    focus_main_after_navigation();
    view! {
        <SkipLink />
        <Header tools=header_tools />
        <Breadcrumbs />
        <main id=MAIN_ID class="container main" tabindex="-1">
            {children()}
        </main>
        <Footer />
    }
}

/// A lazily loaded part of the app could not be fetched (the line dropped, the server was
/// away): the error of a `fallible` split function (see [`route_to_lazy_page!`]).
#[derive(Debug)]
pub struct PartNotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for PartNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> PartNotLoaded {
        PartNotLoaded
    }
}

/// What a page whose part could not be fetched shows: "Bağlantı kurulamadı" and "Tekrar
/// dene", which loads the page again (the part is fetched anew: a failed fetch is not kept).
pub fn part_not_loaded() -> AnyView {
    let reload = Callback::new(|_| {
        let _ = window().location().reload();
    });
    view! {
        <crate::components::feedback::ErrorView
            error=crate::api::ApiError::Network
            retry=reload
            back=(crate::i18n::T::ServiceName, "/")
        />
    }
    .into_any()
}

/// `route_to_lazy_page!(Route, load)`: a route type whose page comes from a part of the app
/// downloaded the first time one of its pages is shown; `load` is a call of a split function
/// (`#[wasm_split(name, wasm_split_path = ::leptos::wasm_split, fallible)]`, returning
/// `Result<AnyView, PartNotLoaded>`), at which scripts/build-web cuts the build. A part that
/// cannot be fetched is an error the page shows ([`part_not_loaded`]), not a crash. Used as
/// `<Route path=… view={Lazy::<Route>::new()} />`.
#[macro_export]
macro_rules! route_to_lazy_page {
    ($route:ident, $load:expr) => {
        struct $route;

        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> ::leptos::prelude::AnyView {
                $load
                    .await
                    .unwrap_or_else(|_| $crate::shell::part_not_loaded())
            }
        }
    };
}
