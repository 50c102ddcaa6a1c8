//! The staff app: contexts and routes. Every path here is under a staff area
//! ([`web::nav::is_staff_path`]); links elsewhere load the applicant's app.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use web::api::ApiError;
use web::components::feedback::SessionLoss;
use web::components::not_found::NotFoundPage;
use web::nav::{is_staff_path, Nav};
use web::shell::{provide_app_contexts, Frame};

use crate::pages::officer::login_needed;
use crate::pages::staff::header::StaffHeaderTools;
use crate::pages::staff::session::{use_staff_session, StaffSession};
use crate::pages::{officer, operator, staff};

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
                    <Route path=path!("/kamusm/personel") view=staff::accounts::StaffAccountsPage />
                    <Route path=path!("/personel/giris") view=staff::login::StaffLoginPage />
                    <Route path=path!("/personel/dogrulama") view=staff::second_factor::StaffSecondFactorPage />
                    <Route path=path!("/personel/dogrulama-kurulumu") view=staff::enrolment::StaffEnrolmentPage />
                    <Route path=path!("/personel/parola") view=staff::password::StaffPasswordPage />
                </Routes>
            </Frame>
        </Router>
    }
}
