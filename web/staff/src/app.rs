//! The staff app: contexts and routes. Every path here is under a staff area
//! ([`web::nav::is_staff_path`]); links elsewhere load the applicant's app.

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};
use web::api::ApiError;
use web::components::feedback::SessionLoss;
use web::components::not_found::NotFoundPage;
use web::nav::{is_staff_path, Nav};
use web::route_to_lazy_page;
use web::shell::PartNotLoaded;
use web::shell::{provide_app_contexts, Frame};

use crate::pages::officer::login_needed;
use crate::pages::staff::header::StaffHeaderTools;
use crate::pages::staff::session::{use_staff_session, StaffSession};
use crate::pages::{officer, operator, staff};

// The first download holds the frame and the staff login; the other pages come in three parts
// (web::route_to_lazy_page), one for each kind of work.

/// The e-signature officer's pages (`/kurum/…`), one download.
#[derive(Clone, Copy)]
enum OfficerPage {
    Applications,
    Application,
    Create,
    Import,
    Webhooks,
    WebhookLog,
}

#[wasm_split(officer_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn officer_page(page: OfficerPage) -> Result<AnyView, PartNotLoaded> {
    Ok(match page {
        OfficerPage::Applications => {
            view! { <officer::applications::OfficerApplicationsPage /> }.into_any()
        }
        OfficerPage::Application => {
            view! { <officer::application::OfficerApplicationPage /> }.into_any()
        }
        OfficerPage::Create => view! { <officer::create::OfficerCreatePage /> }.into_any(),
        OfficerPage::Import => view! { <officer::import::OfficerImportPage /> }.into_any(),
        OfficerPage::Webhooks => view! { <officer::webhooks::OfficerWebhooksPage /> }.into_any(),
        OfficerPage::WebhookLog => {
            view! { <officer::webhooks::OfficerWebhookLogPage /> }.into_any()
        }
    })
}

/// The Kamu SM operator's pages (`/kamusm/…`), one download.
#[derive(Clone, Copy)]
enum OperatorPage {
    Institutions,
    Institution,
    Webhooks,
    WebhookLog,
    Applications,
    Application,
    PaymentCallbacks,
    StaffAccounts,
}

#[wasm_split(operator_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn operator_page(page: OperatorPage) -> Result<AnyView, PartNotLoaded> {
    Ok(match page {
        OperatorPage::Institutions => {
            view! { <operator::institutions::OperatorInstitutionsPage /> }.into_any()
        }
        OperatorPage::Institution => {
            view! { <operator::institution::OperatorInstitutionPage /> }.into_any()
        }
        OperatorPage::Webhooks => view! { <operator::webhooks::OperatorWebhooksPage /> }.into_any(),
        OperatorPage::WebhookLog => {
            view! { <operator::webhooks::OperatorWebhookLogPage /> }.into_any()
        }
        OperatorPage::Applications => {
            view! { <operator::applications::OperatorApplicationsPage /> }.into_any()
        }
        OperatorPage::Application => {
            view! { <operator::application::OperatorApplicationPage /> }.into_any()
        }
        OperatorPage::PaymentCallbacks => {
            view! { <operator::payment_callbacks::OperatorPaymentCallbacksPage /> }.into_any()
        }
        OperatorPage::StaffAccounts => view! { <staff::accounts::StaffAccountsPage /> }.into_any(),
    })
}

/// A staff member's own steps after the password (second factor, its set-up, a new
/// password), one download.
#[derive(Clone, Copy)]
enum AccountPage {
    SecondFactor,
    Enrolment,
    Password,
}

#[wasm_split(account_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn account_page(page: AccountPage) -> Result<AnyView, PartNotLoaded> {
    Ok(match page {
        AccountPage::SecondFactor => {
            view! { <staff::second_factor::StaffSecondFactorPage /> }.into_any()
        }
        AccountPage::Enrolment => view! { <staff::enrolment::StaffEnrolmentPage /> }.into_any(),
        AccountPage::Password => view! { <staff::password::StaffPasswordPage /> }.into_any(),
    })
}

route_to_lazy_page!(
    OfficerApplicationsRoute,
    officer_page(OfficerPage::Applications)
);
route_to_lazy_page!(
    OfficerApplicationRoute,
    officer_page(OfficerPage::Application)
);
route_to_lazy_page!(OfficerCreateRoute, officer_page(OfficerPage::Create));
route_to_lazy_page!(OfficerImportRoute, officer_page(OfficerPage::Import));
route_to_lazy_page!(OfficerWebhooksRoute, officer_page(OfficerPage::Webhooks));
route_to_lazy_page!(
    OfficerWebhookLogRoute,
    officer_page(OfficerPage::WebhookLog)
);
route_to_lazy_page!(
    OperatorInstitutionsRoute,
    operator_page(OperatorPage::Institutions)
);
route_to_lazy_page!(
    OperatorInstitutionRoute,
    operator_page(OperatorPage::Institution)
);
route_to_lazy_page!(OperatorWebhooksRoute, operator_page(OperatorPage::Webhooks));
route_to_lazy_page!(
    OperatorWebhookLogRoute,
    operator_page(OperatorPage::WebhookLog)
);
route_to_lazy_page!(
    OperatorApplicationsRoute,
    operator_page(OperatorPage::Applications)
);
route_to_lazy_page!(
    OperatorApplicationRoute,
    operator_page(OperatorPage::Application)
);
route_to_lazy_page!(
    OperatorPaymentCallbacksRoute,
    operator_page(OperatorPage::PaymentCallbacks)
);
route_to_lazy_page!(
    StaffAccountsRoute,
    operator_page(OperatorPage::StaffAccounts)
);
route_to_lazy_page!(
    StaffSecondFactorRoute,
    account_page(AccountPage::SecondFactor)
);
route_to_lazy_page!(StaffEnrolmentRoute, account_page(AccountPage::Enrolment));
route_to_lazy_page!(StaffPasswordRoute, account_page(AccountPage::Password));

/// A staff call refused for a missing or incomplete login: on to the step it needs.
fn login_step_needed(error: &ApiError, nav: Nav) {
    if let Some(path) = login_needed(error) {
        use_staff_session().forget();
        nav.replace(path);
    }
}

#[component]
pub fn App() -> impl IntoView {
    // The applicant's session is provided but never asked for: staff run on their own.
    provide_app_contexts();
    provide_context(StaffSession::new());
    provide_context(SessionLoss(login_step_needed));

    view! {
        <Router>
            <Frame owns=is_staff_path header_tools=ViewFn::from(StaffHeaderTools)>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/kurum/basvurular") view={Lazy::<OfficerApplicationsRoute>::new()} />
                    <Route path=path!("/kurum/basvurular/:id") view={Lazy::<OfficerApplicationRoute>::new()} />
                    <Route path=path!("/kurum/on-basvuru") view={Lazy::<OfficerCreateRoute>::new()} />
                    <Route path=path!("/kurum/toplu-yukleme") view={Lazy::<OfficerImportRoute>::new()} />
                    <Route path=path!("/kurum/webhooklar") view={Lazy::<OfficerWebhooksRoute>::new()} />
                    <Route path=path!("/kurum/webhooklar/:id") view={Lazy::<OfficerWebhookLogRoute>::new()} />
                    <Route path=path!("/kamusm/kurumlar") view={Lazy::<OperatorInstitutionsRoute>::new()} />
                    <Route path=path!("/kamusm/kurumlar/:id") view={Lazy::<OperatorInstitutionRoute>::new()} />
                    <Route path=path!("/kamusm/kurumlar/:id/webhooklar") view={Lazy::<OperatorWebhooksRoute>::new()} />
                    <Route path=path!("/kamusm/kurumlar/:id/webhooklar/:endpoint") view={Lazy::<OperatorWebhookLogRoute>::new()} />
                    <Route path=path!("/kamusm/basvurular") view={Lazy::<OperatorApplicationsRoute>::new()} />
                    <Route path=path!("/kamusm/basvurular/:id") view={Lazy::<OperatorApplicationRoute>::new()} />
                    <Route path=path!("/kamusm/odeme-bildirimleri") view={Lazy::<OperatorPaymentCallbacksRoute>::new()} />
                    <Route path=path!("/kamusm/personel") view={Lazy::<StaffAccountsRoute>::new()} />
                    <Route path=path!("/personel/giris") view=staff::login::StaffLoginPage />
                    <Route path=path!("/personel/dogrulama") view={Lazy::<StaffSecondFactorRoute>::new()} />
                    <Route path=path!("/personel/dogrulama-kurulumu") view={Lazy::<StaffEnrolmentRoute>::new()} />
                    <Route path=path!("/personel/parola") view={Lazy::<StaffPasswordRoute>::new()} />
                </Routes>
            </Frame>
        </Router>
    }
}
