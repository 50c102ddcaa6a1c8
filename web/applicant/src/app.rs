//! The applicant's app: contexts and routes (the paths are contracts with the API, which
//! redirects to `/basvuru-islemleri` after login and to `/?giris_hatasi=<code>` after a
//! failed one).

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};
use web::api::hints;
use web::api::ApiError;
use web::components::feedback::SessionLoss;
use web::components::not_found::NotFoundPage;
use web::nav::{is_staff_path, use_nav, Nav};
use web::route_to_lazy_page;
use web::shell::PartNotLoaded;
use web::shell::{provide_app_contexts, Frame};
use web::state::{use_session, EImzaState};

use crate::pages::{
    applications::ApplicationsPage, approval::ApprovalPage, check_answers::CheckAnswersPage,
    e_imza::EImzaPage, form::FormPage, landing::LandingPage, menu::MenuPage,
    passkeys::PasskeysPage, result::ResultPage, session_expired::SessionExpiredPage, sms::SmsPage,
};
use crate::person_tools::PersonTools;

// The first download holds the frame and the applications list, where a person lands after
// logging in; the other pages come in four parts (web::route_to_lazy_page).

/// The application's steps after the list, one download: whoever opens one goes on to the
/// others.
#[derive(Clone, Copy)]
enum Step {
    Form,
    CheckAnswers,
    Sms,
    Approval,
    EImza,
    Result,
}

#[wasm_split(step_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn step_page(step: Step) -> Result<AnyView, PartNotLoaded> {
    Ok(match step {
        Step::Form => view! { <SignedIn><FormPage /></SignedIn> }.into_any(),
        Step::CheckAnswers => view! { <SignedIn><CheckAnswersPage /></SignedIn> }.into_any(),
        Step::Sms => view! { <SignedIn><SmsPage /></SignedIn> }.into_any(),
        Step::Approval => view! { <SignedIn><ApprovalPage /></SignedIn> }.into_any(),
        Step::EImza => view! { <SignedIn><EImzaPage /></SignedIn> }.into_any(),
        Step::Result => view! { <SignedIn><ResultPage /></SignedIn> }.into_any(),
    })
}

/// The way in (e-Devlet, e-İmza, passkey): a person who is logged in does not need it.
#[wasm_split(landing_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn landing_page() -> Result<AnyView, PartNotLoaded> {
    Ok(view! { <LandingPage /> }.into_any())
}

/// Pages a person passes on the way: the menu, and "Oturum sona erdi" after a 401.
#[derive(Clone, Copy)]
enum Detour {
    Menu,
    SessionExpired,
}

#[wasm_split(detour_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn detour_page(detour: Detour) -> Result<AnyView, PartNotLoaded> {
    Ok(match detour {
        Detour::Menu => view! { <MenuPage /> }.into_any(),
        Detour::SessionExpired => view! { <SessionExpiredPage /> }.into_any(),
    })
}

#[wasm_split(passkeys_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn passkeys_page() -> Result<AnyView, PartNotLoaded> {
    Ok(view! { <SignedIn><PasskeysPage /></SignedIn> }.into_any())
}

route_to_lazy_page!(LandingRoute, landing_page());
route_to_lazy_page!(FormRoute, step_page(Step::Form));
route_to_lazy_page!(CheckAnswersRoute, step_page(Step::CheckAnswers));
route_to_lazy_page!(SmsRoute, step_page(Step::Sms));
route_to_lazy_page!(ApprovalRoute, step_page(Step::Approval));
route_to_lazy_page!(EImzaRoute, step_page(Step::EImza));
route_to_lazy_page!(ResultRoute, step_page(Step::Result));
route_to_lazy_page!(PasskeysRoute, passkeys_page());
route_to_lazy_page!(MenuRoute, detour_page(Detour::Menu));
route_to_lazy_page!(SessionExpiredRoute, detour_page(Detour::SessionExpired));

fn is_applicant_path(path: &str) -> bool {
    !is_staff_path(path)
}

/// A 401 means the person's session is over: say so on its own page.
fn session_ended(error: &ApiError, nav: Nav) {
    if *error == ApiError::Unauthenticated {
        nav.session_ended(use_session());
    }
}

/// A page only a logged-in person can see. Without the session's hint cookie this browser
/// holds no session, so the visitor goes straight to "Oturum sona erdi" (replacing the
/// address, so that Back does not return here) instead of the page asking the API a question
/// whose only answer is a 401, which every browser logs as a console error.
#[component]
fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let signed_in = hints::present(hints::SESSION);
    if !signed_in {
        let (nav, session) = (use_nav(), use_session());
        Effect::new(move |_| nav.session_ended(session));
    }
    signed_in.then(|| children())
}

#[component]
pub fn App() -> impl IntoView {
    let session = provide_app_contexts();
    leptos::task::spawn_local(async move {
        // Failures are kept in the session state; pages report their own errors.
        let _ = session.load().await;
    });
    provide_context(EImzaState::new());
    provide_context(SessionLoss(session_ended));

    view! {
        <Router>
            <Frame owns=is_applicant_path header_tools=ViewFn::from(PersonTools)>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view={Lazy::<LandingRoute>::new()} />
                    <Route path=path!("/nes-islemleri") view={Lazy::<MenuRoute>::new()} />
                    <Route path=path!("/basvuru-islemleri") view=|| view! { <SignedIn><ApplicationsPage /></SignedIn> } />
                    <Route path=path!("/basvuru/:id/form") view={Lazy::<FormRoute>::new()} />
                    <Route path=path!("/basvuru/:id/kontrol") view={Lazy::<CheckAnswersRoute>::new()} />
                    <Route path=path!("/basvuru/:id/sms") view={Lazy::<SmsRoute>::new()} />
                    <Route path=path!("/basvuru/:id/onay") view={Lazy::<ApprovalRoute>::new()} />
                    <Route path=path!("/basvuru/:id/e-imza") view={Lazy::<EImzaRoute>::new()} />
                    <Route path=path!("/basvuru/:id/sonuc") view={Lazy::<ResultRoute>::new()} />
                    <Route path=path!("/oturum-sona-erdi") view={Lazy::<SessionExpiredRoute>::new()} />
                    <Route path=path!("/hesabim/gecis-anahtarlari") view={Lazy::<PasskeysRoute>::new()} />
                </Routes>
            </Frame>
        </Router>
    }
}
