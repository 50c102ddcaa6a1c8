//! The app: contexts, the page frame and the routes (the paths are contracts with the API,
//! which redirects to `/basvuru-islemleri` after login and to `/?giris_hatasi=<code>` after a
//! failed one).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};
use wasm_bindgen::JsCast;

use crate::components::layout::{Breadcrumbs, Footer, Header, SkipLink};
use crate::i18n::document_title;
use crate::pages::officer;
use crate::pages::operator;
use crate::pages::{
    applications::ApplicationsPage, approval::ApprovalPage, e_imza::EImzaPage, form::FormPage,
    landing::LandingPage, menu::MenuPage, not_found::NotFoundPage, result::ResultPage,
    session_expired::SessionExpiredPage, sms::SmsPage,
};
use crate::state::{EImzaState, I18n, PageMeta, Session};

/// Where every 401 leads.
pub const SESSION_EXPIRED_PATH: &str = "/oturum-sona-erdi";

/// The id of `<main>`, target of the skip link.
pub const MAIN_ID: &str = "ana-icerik";

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::from_storage();
    provide_context(i18n);
    i18n.reflect_in_document();

    let session = Session::new();
    provide_context(session);
    leptos::task::spawn_local(async move {
        // Failures are kept in the session state; pages report their own errors.
        let _ = session.load().await;
    });

    provide_context(EImzaState::new());
    provide_context(crate::pages::staff::session::StaffSession::new());

    let meta = PageMeta::new();
    provide_context(meta);
    let error_title = RwSignal::new(None);
    provide_context(ErrorTitle(error_title));
    Effect::new(move |_| {
        let title = error_title.get().unwrap_or_else(|| meta.title.get());
        document().set_title(&document_title(i18n.lang(), title));
    });

    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// A page showing an error instead of its content names the error in the document title.
#[derive(Debug, Clone, Copy)]
pub struct ErrorTitle(pub RwSignal<Option<crate::i18n::T>>);

/// Navigation that can be copied into event handlers and async tasks.
#[derive(Debug, Clone, Copy)]
pub struct Nav(Callback<(String, bool)>);

impl Nav {
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

#[component]
fn Shell() -> impl IntoView {
    let navigate = use_navigate();
    provide_context(Nav(Callback::new(
        move |(path, replace): (String, bool)| {
            navigate(
                &path,
                NavigateOptions {
                    replace,
                    ..NavigateOptions::default()
                },
            );
        },
    )));
    focus_main_after_navigation();

    view! {
        <SkipLink />
        <Header />
        <Breadcrumbs />
        <main id=MAIN_ID class="container main" tabindex="-1">
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/") view=LandingPage />
                <Route path=path!("/nes-islemleri") view=MenuPage />
                <Route path=path!("/basvuru-islemleri") view=ApplicationsPage />
                <Route path=path!("/basvuru/:id/form") view=FormPage />
                <Route path=path!("/basvuru/:id/kontrol") view=crate::pages::check_answers::CheckAnswersPage />
                <Route path=path!("/basvuru/:id/sms") view=SmsPage />
                <Route path=path!("/basvuru/:id/onay") view=ApprovalPage />
                <Route path=path!("/basvuru/:id/e-imza") view=EImzaPage />
                <Route path=path!("/basvuru/:id/sonuc") view=ResultPage />
                <Route path=path!("/oturum-sona-erdi") view=SessionExpiredPage />
                <Route path=path!("/hesabim/gecis-anahtarlari") view=crate::pages::passkeys::PasskeysPage />
                <Route path=path!("/kurum/basvurular") view=officer::applications::OfficerApplicationsPage />
                <Route path=path!("/kurum/basvurular/:id") view=officer::application::OfficerApplicationPage />
                <Route path=path!("/kurum/on-basvuru") view=officer::create::OfficerCreatePage />
                <Route path=path!("/kurum/toplu-yukleme") view=officer::import::OfficerImportPage />
                <Route path=path!("/kurum/webhooklar") view=officer::webhooks::OfficerWebhooksPage />
                <Route path=path!("/kurum/webhooklar/:id") view=officer::webhooks::OfficerWebhookLogPage />
                <Route path=path!("/kamusm/kurumlar") view=operator::institutions::OperatorInstitutionsPage />
                <Route path=path!("/kamusm/kurumlar/:id") view=operator::institution::OperatorInstitutionPage />
                <Route path=path!("/kamusm/kurumlar/:id/webhooklar") view=operator::webhooks::OperatorWebhooksPage />
                <Route path=path!("/kamusm/kurumlar/:id/webhooklar/:endpoint") view=operator::webhooks::OperatorWebhookLogPage />
                <Route path=path!("/kamusm/basvurular") view=operator::applications::OperatorApplicationsPage />
                <Route path=path!("/kamusm/basvurular/:id") view=operator::application::OperatorApplicationPage />
                <Route path=path!("/kamusm/odeme-bildirimleri") view=operator::payment_callbacks::OperatorPaymentCallbacksPage />
                <Route path=path!("/personel/giris") view=crate::pages::staff::login::StaffLoginPage />
                <Route path=path!("/personel/dogrulama") view=crate::pages::staff::second_factor::StaffSecondFactorPage />
                <Route path=path!("/personel/dogrulama-kurulumu") view=crate::pages::staff::enrolment::StaffEnrolmentPage />
                <Route path=path!("/personel/parola") view=crate::pages::staff::password::StaffPasswordPage />
                <Route path=path!("/kamusm/personel") view=crate::pages::staff::accounts::StaffAccountsPage />
            </Routes>
        </main>
        <Footer />
    }
}

/// After moving to another page, focus goes to the start of the main content, so that
/// screen reader and keyboard users start reading the new page (not on the first load).
fn focus_main_after_navigation() {
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
