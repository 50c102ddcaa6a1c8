//! How the app tells what is going on: the one error view that replaces a page's content when
//! its data cannot be loaded, the error box for a failed action, and the loading state.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::T;
use crate::nav::{use_nav, ErrorTitle, Nav};
use crate::state::{tx, use_i18n};

/// The heading an error is shown under.
pub fn error_title(error: &ApiError) -> T {
    match error {
        ApiError::Network => T::NetworkTitle,
        ApiError::Unauthenticated => T::SessionExpiredTitle,
        e if e.is_not_found() => T::ApplicationNotFoundTitle,
        e if e.is_server_error() => T::ServerErrorTitle,
        ApiError::Problem(_) | ApiError::Unexpected(_) => T::CannotProceedTitle,
    }
}

/// What the running app does when a call fails because its session is gone or not complete:
/// the applicant's app goes to "Oturum sona erdi", the staff app to the missing login step.
/// Each app provides its own; the error views below call it for every error they show.
#[derive(Debug, Clone, Copy)]
pub struct SessionLoss(pub fn(&ApiError, Nav));

fn react_to_session_loss(error: &ApiError) {
    let (nav, SessionLoss(react)) = (use_nav(), expect_context::<SessionLoss>());
    react(error, nav);
}

/// Shown instead of a page whose data could not be loaded. It carries the page's one `h1`.
///
/// - no connection: "Bağlantı kurulamadı" and a retry button (never "not found");
/// - a lost session: the app's [`SessionLoss`];
/// - 404: the page's "not found" title and text ("Başvuru bulunamadı" by default);
/// - 5xx: "Beklenmeyen bir hata oluştu" with the problem's detail and a retry button;
/// - any other problem: what its code means.
#[component]
pub fn ErrorView(
    error: ApiError,
    /// Loads the page's data again.
    #[prop(optional)]
    retry: Option<Callback<()>>,
    /// Title and text when what was asked for does not exist.
    #[prop(default = (T::ApplicationNotFoundTitle, T::ApplicationNotFoundText))]
    not_found: (T, T),
    /// Where "back" leads: the list the page belongs to.
    #[prop(default = (T::BackToApplications, "/basvuru-islemleri"))]
    back: (T, &'static str),
) -> impl IntoView {
    let i18n = use_i18n();
    let is_not_found = error.is_not_found();
    let title = if is_not_found {
        not_found.0
    } else {
        error_title(&error)
    };

    let lost = error.clone();
    Effect::new(move |_| react_to_session_loss(&lost));

    let ErrorTitle(document_error) = expect_context::<ErrorTitle>();
    document_error.set(Some(title));
    on_cleanup(move || {
        document_error.try_set(None);
    });

    let offer_retry = matches!(error, ApiError::Network) || error.is_server_error();
    let detail = error.detail();

    view! {
        <div class="error-page">
            <h1>{tx(title)}</h1>
            <p class="lead">
                {move || {
                    if is_not_found {
                        i18n.t(not_found.1).to_owned()
                    } else {
                        error.message(i18n.lang())
                    }
                }}
            </p>
            {detail.map(|detail| view! { <ErrorDetail detail /> })}
            {retry
                .filter(|_| offer_retry)
                .map(|retry| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            {tx(T::Retry)}
                        </button>
                    }
                })}
            <p>
                <a href=back.1>{tx(back.0)}</a>
            </p>
        </div>
    }
}

/// A failed action, shown above the form it belongs to (GOV.UK error summary look); it can
/// receive focus. A lost session goes the app's [`SessionLoss`] way instead.
#[component]
pub fn ErrorBox(
    /// The failure to show, if any.
    error: RwSignal<Option<ApiError>>,
    /// Given to the box so that it can receive focus.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if let Some(e) = error.get() {
            react_to_session_loss(&e);
        }
    });
    move || {
        error.get().map(|e| {
            let detail = e.detail();
            let heading = if e.is_server_error() {
                T::ServerErrorTitle
            } else if e == ApiError::Network {
                T::NetworkTitle
            } else {
                T::ErrorSummaryTitle
            };
            view! {
                <div class="error-summary" role="alert" tabindex="-1" id=id.clone()>
                    <h2 class="error-summary-title">{tx(heading)}</h2>
                    <p>{move || e.message(i18n.lang())}</p>
                    {detail.map(|detail| view! { <ErrorDetail detail /> })}
                </div>
            }
        })
    }
}

/// The problem's own detail (in English: it comes from the server as it is).
#[component]
fn ErrorDetail(detail: String) -> impl IntoView {
    view! {
        <p class="detail">
            <span class="detail-label">{tx(T::ErrorDetail)}</span>
            " "
            <span lang="en">{detail}</span>
        </p>
    }
}

/// A page drawn from data it loads: its title and "Yükleniyor…" while loading, the failure
/// with "Tekrar dene" (which loads again) when the load fails, then `page` with the data.
pub fn loaded_page<D, Fut>(
    title: T,
    load: impl Fn() -> Fut + 'static,
    page: impl Fn(D) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    D: Clone + 'static,
    Fut: std::future::Future<Output = Result<D, ApiError>> + 'static,
{
    // The answer of the latest load: a load starts again when what `load` reads changes or
    // on "Tekrar dene", and a late answer of an older load is dropped. (What LocalResource
    // does, in less code: its machinery, compiled for each page's data, made the applicant's
    // first download 6 KB larger; docs/benchmarks.md.)
    let data = RwSignal::new_local(None::<Result<D, ApiError>>);
    let again = Trigger::new();
    let latest = StoredValue::new(0_u64);
    Effect::new(move |_| {
        again.track();
        let answer = load();
        let this = latest.get_value() + 1;
        latest.set_value(this);
        leptos::task::spawn_local_scoped(async move {
            let answer = answer.await;
            if latest.try_get_value() == Some(this) {
                data.try_set(Some(answer));
            }
        });
    });
    let retry = Callback::new(move |()| again.notify());
    move || match data.get() {
        None => view! { <Loading title /> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry /> }.into_any(),
        Some(Ok(data)) => page(data),
    }
}

/// While a page's data loads: its heading, and a polite status.
#[component]
pub fn Loading(
    /// The page's title, shown as its `h1` while loading.
    title: T,
) -> impl IntoView {
    view! {
        <h1>{tx(title)}</h1>
        <p role="status" class="loading">
            {tx(T::Loading)}
        </p>
    }
}

/// A page opened at a step the application is not at (the form not sent yet, already
/// approved, closed…): says so, and offers the way to where the application stands.
#[component]
pub fn NotAtThisStep(title: T, text: T, next: Option<(T, String)>) -> impl IntoView {
    view! {
        <h1>{tx(title)}</h1>
        <p class="lead">{tx(text)}</p>
        {next
            .map(|(label, href)| {
                view! {
                    <p>
                        <a class="button" href=href>
                            {tx(label)}
                        </a>
                    </p>
                }
            })}
        <p>
            <a href="/basvuru-islemleri">{tx(T::BackToApplications)}</a>
        </p>
    }
}
