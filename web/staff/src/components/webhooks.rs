//! The webhook screens' parts, shared by the officer (`/kurum/webhooklar`, their own
//! institution) and the operator (`/kamusm/kurumlar/:id/webhooklar`, one institution):
//! the list of endpoints with its actions and the form to add one, and one endpoint's
//! delivery log. The page around them carries the `h1` and the area's menu.
//!
//! A signing secret is answered once (on creation and on rotation): it is shown in a marked
//! box with a copy button until the person hides it or leaves, and never fetched again.

use leptos::prelude::*;
use shared::api::webhooks::{
    check_endpoint_settings, CreateWebhookEndpointRequest, DeliveryStatus, WebhookAttempt,
    WebhookDelivery, WebhookEndpoint, WebhookEndpointList, WebhookEndpointSecret,
};
use shared::form::FieldErrors;
use shared::named::Named;

use crate::api::webhooks as calls;
use crate::api::ApiError;
use crate::components::clipboard::{copy_to_clipboard, select_text};
use crate::components::confirm::ConfirmButtons;
use crate::components::feedback::ErrorBox;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldIds, SummaryEntry, TextField, TextOptions,
};
use crate::components::table::DataTable;
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::pages::officer::messages::{duration, webhook_field, webhook_field_error};
use crate::pages::staff::session::use_staff_session;
use crate::state::{tx, use_i18n};
use crate::texts::S;
use crate::time;

const LIST_ERROR_ID: &str = "webhook-hatasi";
const CREATE_ERROR_ID: &str = "webhook-ekleme-hatasi";
const DONE_ID: &str = "webhook-sonucu";
const SECRET_ID: &str = "webhook-gizli-anahtar";
const SECRET_TEXT_ID: &str = "webhook-gizli-anahtar-metni";
const CONFIRM_HEADING_ID: &str = "webhook-kaldir-baslik";
const LOG_ERROR_ID: &str = "webhook-kayit-hatasi";
const LOG_DONE_ID: &str = "webhook-kayit-sonucu";

/// A secret just answered, and whether it replaced one (the old one stays valid 24 hours).
#[derive(Debug, Clone, PartialEq)]
pub struct ShownSecret {
    pub secret: WebhookEndpointSecret,
    pub rotated: bool,
}

/// The label of a delivery's status.
pub fn status_text(status: DeliveryStatus) -> T {
    match status {
        DeliveryStatus::Pending => S::WebhookStatusPending,
        DeliveryStatus::Delivered => S::WebhookStatusDelivered,
        DeliveryStatus::Failed => S::WebhookStatusFailed,
    }
}

/// Only failed deliveries are offered "Yeniden gönder".
pub fn can_redeliver(delivery: &WebhookDelivery) -> bool {
    delivery.status == DeliveryStatus::Failed
}

/// The error summary's entries, in the order of the form (other fields after).
pub fn summary_entries(errors: &FieldErrors, lang: Lang) -> Vec<SummaryEntry> {
    let others = errors
        .iter()
        .map(|(f, _)| f)
        .filter(|f| !webhook_field::FORM.contains(f));
    webhook_field::FORM
        .iter()
        .copied()
        .chain(others)
        .flat_map(|f| {
            // Errors not about a control of the form point at the URL, the first one.
            let target = if webhook_field::FORM.contains(&f) {
                f
            } else {
                webhook_field::URL
            };
            errors.get(f).iter().map(move |code| SummaryEntry {
                message: webhook_field_error(lang, f, code),
                target: FieldIds::new(target).control,
            })
        })
        .collect()
}

/// What the browser can check before sending: the URL's syntax and the description's length
/// (plain `http` is let through; the server decides it, allowing it only in development).
pub fn check_form(url: &str, description: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if url.trim().is_empty() {
        errors.add(webhook_field::URL, "required");
    }
    match check_endpoint_settings(url.trim(), description, true) {
        Err(e) if !(e.field() == webhook_field::URL && url.trim().is_empty()) => {
            errors.add(e.field(), e.code());
        }
        _ => {}
    }
    errors
}

fn when(at: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    view! { <time datetime=time::iso(at)>{time::date_time(at)}</time> }
}

/// The endpoints of an institution, their actions, and the form to add one.
#[component]
pub fn WebhookEndpoints(
    /// The institution (operators); `None`: the officer's own.
    #[prop(optional)]
    institution_id: Option<String>,
    /// Where one endpoint's delivery log is shown.
    log_href: Callback<String, String>,
) -> impl IntoView {
    let institution_id = StoredValue::new(institution_id);
    let list = LocalResource::new(move || {
        let id = institution_id.get_value();
        async move { calls::endpoints(id.as_deref()).await }
    });
    let reload = Callback::new(move |()| list.refetch());
    let shown = RwSignal::new(None::<ShownSecret>);
    let done = RwSignal::new(None::<T>);
    let load_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        if let Some(Err(e)) = list.get() {
            load_error.set(Some(e));
        }
    });

    view! {
        <div id=DONE_ID tabindex="-1" role="status" aria-live="polite">
            {move || done.get().map(|t| view! { <p class="notice">{tx(t)}</p> })}
        </div>
        <SecretPanel shown />
        <section class="section" aria-labelledby="webhook-liste-baslik">
            <h2 id="webhook-liste-baslik">{tx(S::WebhooksListHeading)}</h2>
            {move || match list.get() {
                None => view! { <p role="status" class="loading">{tx(T::Loading)}</p> }.into_any(),
                Some(Err(_)) => view! {
                    <ErrorBox error=load_error id="webhook-yukleme-hatasi" />
                    <button type="button" class="button button-secondary" on:click=move |_| reload.run(())>
                        {tx(T::Retry)}
                    </button>
                }
                .into_any(),
                Some(Ok(list)) => view! { <EndpointTable list reload shown done log_href /> }.into_any(),
            }}
        </section>
        <NewEndpointForm institution_id=institution_id.get_value() reload shown done />
    }
}

#[component]
fn EndpointTable(
    list: WebhookEndpointList,
    reload: Callback<()>,
    shown: RwSignal<Option<ShownSecret>>,
    done: RwSignal<Option<T>>,
    log_href: Callback<String, String>,
) -> impl IntoView {
    let staff = use_staff_session();
    let error = RwSignal::new(None::<ApiError>);
    let confirming = RwSignal::new(None::<WebhookEndpoint>);
    let busy = RwSignal::new(false);

    let show_error = move |e: ApiError| {
        error.set(Some(e));
        request_animation_frame(|| focus_by_id(LIST_ERROR_ID));
    };
    let finished = move |text: Option<T>| {
        done.set(text);
        reload.run(());
        if text.is_some() {
            request_animation_frame(|| focus_by_id(DONE_ID));
        }
    };
    let toggle = Callback::new(move |endpoint: WebhookEndpoint| {
        let enable = !endpoint.enabled;
        error.set(None);
        done.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => calls::set_enabled(&endpoint.id, enable, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(_) => finished(Some(if enable {
                    S::WebhookEnabledDone
                } else {
                    S::WebhookPausedDone
                })),
                Err(e) => show_error(e),
            }
        });
    });
    let rotate = Callback::new(move |endpoint: WebhookEndpoint| {
        error.set(None);
        done.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => calls::rotate_secret(&endpoint.id, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(secret) => {
                    shown.set(Some(ShownSecret {
                        secret,
                        rotated: true,
                    }));
                    reload.run(());
                    request_animation_frame(|| focus_by_id(SECRET_ID));
                }
                Err(e) => show_error(e),
            }
        });
    });
    let ask = Callback::new(move |endpoint: WebhookEndpoint| {
        error.set(None);
        done.set(None);
        confirming.set(Some(endpoint));
        request_animation_frame(|| focus_by_id(CONFIRM_HEADING_ID));
    });
    let remove = Callback::new(move |()| {
        let Some(endpoint) = confirming.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => calls::delete_endpoint(&endpoint.id, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            confirming.try_set(None);
            match result {
                Ok(()) => {
                    if shown
                        .get_untracked()
                        .is_some_and(|s| s.secret.endpoint.id == endpoint.id)
                    {
                        shown.set(None);
                    }
                    finished(Some(S::WebhookRemovedDone));
                }
                Err(e) => show_error(e),
            }
        });
    });

    let confirm = move || {
        confirming.get().map(|endpoint| {
            view! {
                <section class="card" aria-labelledby=CONFIRM_HEADING_ID>
                    <h3 id=CONFIRM_HEADING_ID tabindex="-1">
                        {tx(S::WebhookRemoveConfirmTitle)}
                    </h3>
                    <p>
                        <code class="break-all">{endpoint.url.clone()}</code>
                    </p>
                    <p class="warning-text">{tx(S::WebhookRemoveConfirmText)}</p>
                    <ConfirmButtons
                        confirm=S::WebhookRemoveConfirm
                        keep=S::WebhookRemoveKeep
                        on_confirm=remove
                        on_keep=Callback::new(move |()| confirming.set(None))
                        busy
                    />
                </section>
            }
        })
    };

    let table = if list.endpoints.is_empty() {
        view! { <p>{tx(S::WebhooksNone)}</p> }.into_any()
    } else {
        let rows = list
            .endpoints
            .into_iter()
            .map(|endpoint| {
                let state = endpoint_state(&endpoint);
                let url = endpoint.url.clone();
                let log = log_href.run(endpoint.id.clone());
                let (e1, e2, e3) = (endpoint.clone(), endpoint.clone(), endpoint.clone());
                let toggle_text = if endpoint.enabled {
                    S::WebhookPause
                } else {
                    S::Enable
                };
                let hidden =
                    move || view! { <span class="visually-hidden">" (" {url.clone()} ")"</span> };
                view! {
                    <tr>
                        <th scope="row">
                            <code class="break-all">{endpoint.url.clone()}</code>
                        </th>
                        <td>{endpoint.description.clone()}</td>
                        <td>{state}</td>
                        <td>
                            <div class="button-group">
                                <a class="button button-secondary" href=log>
                                    {tx(S::WebhookOpenLog)}
                                    {hidden.clone()}
                                </a>
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    disabled=move || busy.get()
                                    on:click=move |_| toggle.run(e1.clone())
                                >
                                    {tx(toggle_text)}
                                    {hidden.clone()}
                                </button>
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    disabled=move || busy.get()
                                    on:click=move |_| rotate.run(e2.clone())
                                >
                                    {tx(S::WebhookRotate)}
                                    {hidden.clone()}
                                </button>
                                <button
                                    type="button"
                                    class="button button-warning"
                                    disabled=move || busy.get()
                                    on:click=move |_| ask.run(e3.clone())
                                >
                                    {tx(T::Remove)}
                                    {hidden}
                                </button>
                            </div>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                id="webhook-tablo-baslik"
                caption=S::WebhooksCaption
                columns=vec![S::Url, S::WebhookColDescription, T::State, T::Actions]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <ErrorBox error id=LIST_ERROR_ID />
        {confirm}
        {table}
    }
}

/// Enabled or disabled (with why), failing since when, the previous secret's end.
fn endpoint_state(endpoint: &WebhookEndpoint) -> impl IntoView {
    let tag = if endpoint.enabled {
        view! { <strong class="tag">{tx(S::WebhookEnabled)}</strong> }.into_any()
    } else {
        view! { <strong class="tag tag-grey">{tx(S::Disabled)}</strong> }.into_any()
    };
    let disabled_at = endpoint
        .disabled_at
        .filter(|_| !endpoint.enabled)
        .map(|at| view! { " " {when(at)} });
    let reason = endpoint
        .disabled_reason
        .clone()
        .filter(|_| !endpoint.enabled)
        .map(|reason| {
            view! {
                <br />
                {tx(S::WebhookDisabledReason)}
                " "
                <span lang="en">{reason}</span>
            }
        });
    let failing = endpoint.failing_since.map(|at| {
        view! {
            <br />
            <span class="warning-text-inline">{tx(S::WebhookFailingSince)} " " {when(at)}</span>
        }
    });
    let previous = endpoint.previous_secret_expires_at.map(|at| {
        view! {
            <br />
            {tx(S::WebhookPreviousSecretUntil)}
            " "
            {when(at)}
        }
    });
    view! { {tag} {disabled_at} {reason} {failing} {previous} }
}

/// How the last copy went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Yes,
    ByHand,
}

/// The secret just answered, in a marked box, with a copy button: shown this once.
#[component]
fn SecretPanel(shown: RwSignal<Option<ShownSecret>>) -> impl IntoView {
    let copied = RwSignal::new(None::<Copied>);
    let copy = move |_| {
        let Some(secret) = shown.get_untracked().map(|s| s.secret.secret) else {
            return;
        };
        copied.set(None);
        leptos::task::spawn_local(async move {
            let outcome = if copy_to_clipboard(&secret).await {
                Copied::Yes
            } else {
                select_text(SECRET_TEXT_ID);
                Copied::ByHand
            };
            copied.try_set(Some(outcome));
        });
    };
    move || {
        shown.get().map(|s| {
            let title = if s.rotated {
                S::WebhookRotatedTitle
            } else {
                S::WebhookCreatedTitle
            };
            view! {
                <section
                    class="panel-confirmation"
                    id=SECRET_ID
                    tabindex="-1"
                    aria-labelledby="webhook-gizli-anahtar-baslik"
                >
                    <h2 class="panel-title" id="webhook-gizli-anahtar-baslik">
                        {tx(title)}
                    </h2>
                    <div class="panel-body">
                        <p>
                            <code class="break-all">{s.secret.endpoint.url.clone()}</code>
                        </p>
                    </div>
                </section>
                <div class="secret-box">
                    <p class="warning-text">
                        <strong>{tx(S::WebhookSecretShownOnce)}</strong>
                    </p>
                    {s.rotated.then(|| view! { <p>{tx(S::WebhookOldSecretValid)}</p> })}
                    <p class="code-label" id="webhook-gizli-anahtar-etiket">
                        {tx(S::WebhookSecretLabel)}
                    </p>
                    <p class="key-box">
                        <code id=SECRET_TEXT_ID aria-labelledby="webhook-gizli-anahtar-etiket">
                            {s.secret.secret.clone()}
                        </code>
                    </p>
                    <div class="button-group">
                        <button type="button" class="button button-secondary" on:click=copy>
                            {tx(S::WebhookCopySecret)}
                        </button>
                        <button
                            type="button"
                            class="button button-secondary"
                            on:click=move |_| {
                                shown.set(None);
                                copied.set(None);
                            }
                        >
                            {tx(S::WebhookSecretHide)}
                        </button>
                    </div>
                    <p class="copy-feedback" role="status" aria-live="polite">
                        {move || {
                            copied
                                .get()
                                .map(|c| match c {
                                    Copied::Yes => tx(S::WebhookSecretCopied)(),
                                    Copied::ByHand => tx(S::WebhookSecretCopyFailed)(),
                                })
                        }}
                    </p>
                </div>
            }
        })
    }
}

#[component]
fn NewEndpointForm(
    institution_id: Option<String>,
    reload: Callback<()>,
    shown: RwSignal<Option<ShownSecret>>,
    done: RwSignal<Option<T>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let institution_id = StoredValue::new(institution_id);
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let submit_error = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);
    // Checked as typed once the form was sent (the first message comes with the summary).
    let tried = RwSignal::new(false);

    let recheck = Callback::new(move |()| {
        if tried.get_untracked() {
            errors.set(check_form(
                &url.get_untracked(),
                &description.get_untracked(),
            ));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit_error.set(None);
        done.set(None);
        tried.set(true);
        let found = check_form(&url.get_untracked(), &description.get_untracked());
        if !found.is_empty() {
            errors.set(found);
            focus_error_summary();
            return;
        }
        errors.set(FieldErrors::new());
        let request = CreateWebhookEndpointRequest {
            url: url.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            event_types: None,
            institution_id: institution_id.get_value(),
        };
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => calls::create_endpoint(&request, &token).await,
                Err(e) => Err(e),
            };
            saving.try_set(false);
            match result {
                Ok(secret) => {
                    url.set(String::new());
                    description.set(String::new());
                    tried.set(false);
                    shown.set(Some(ShownSecret {
                        secret,
                        rotated: false,
                    }));
                    reload.run(());
                    request_animation_frame(|| focus_by_id(SECRET_ID));
                }
                Err(ApiError::Problem(p)) if p.fields.as_ref().is_some_and(|f| !f.is_empty()) => {
                    errors.set(p.fields.unwrap_or_default());
                    focus_error_summary();
                }
                Err(e) => {
                    submit_error.set(Some(e));
                    request_animation_frame(|| focus_by_id(CREATE_ERROR_ID));
                }
            }
        });
    };

    let messages = move |f: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .get(f)
                .iter()
                .map(|code| webhook_field_error(i18n.lang(), f, code))
                .collect::<Vec<_>>()
        })
    };
    let entries = Signal::derive(move || summary_entries(&errors.get(), i18n.lang()));

    view! {
        <section class="section" aria-labelledby="webhook-form-baslik">
            <h2 id="webhook-form-baslik">{tx(S::WebhookNewHeading)}</h2>
            <ErrorSummary entries />
            <ErrorBox error=submit_error id=CREATE_ERROR_ID />
            <form novalidate on:submit=submit>
                <TextField
                    name=webhook_field::URL
                    label=S::Url
                    hint=S::WebhookHintUrl
                    value=url
                    errors=messages(webhook_field::URL)
                    options=TextOptions {
                        input_type: "url",
                        autocomplete: "off",
                        inputmode: Some("url"),
                        ..Default::default()
                    }
                    on_change=recheck
                    on_blur=recheck
                />
                <TextField
                    name=webhook_field::DESCRIPTION
                    label=S::WebhookLabelDescription
                    hint=S::WebhookHintDescription
                    value=description
                    errors=messages(webhook_field::DESCRIPTION)
                    options=TextOptions {
                        autocomplete: "off",
                        spellcheck: true,
                        ..Default::default()
                    }
                    on_change=recheck
                    on_blur=recheck
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    {tx(S::WebhookAdd)}
                </button>
            </form>
        </section>
    }
}

// ---------------------------------------------------------------- the delivery log

/// One endpoint's state and its latest deliveries, each with every attempt; failed ones can
/// be sent again.
#[component]
pub fn WebhookDeliveryLog(
    endpoint_id: String,
    /// "Back" to the endpoints.
    back_href: String,
) -> impl IntoView {
    let endpoint_id = StoredValue::new(endpoint_id);
    let data = LocalResource::new(move || {
        let id = endpoint_id.get_value();
        async move {
            let endpoint = calls::endpoint(&id).await?;
            let deliveries = calls::deliveries(&id).await?;
            Ok::<_, ApiError>((endpoint, deliveries.deliveries))
        }
    });
    let reload = Callback::new(move |()| data.refetch());
    let load_error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Err(e)) = data.get() {
            load_error.set(Some(e));
        }
    });
    view! {
        <div id=LOG_DONE_ID tabindex="-1" role="status" aria-live="polite">
            {move || done.get().then(|| view! { <p class="notice">{tx(S::WebhookRedelivered)}</p> })}
        </div>
        {move || match data.get() {
            None => view! { <p role="status" class="loading">{tx(T::Loading)}</p> }.into_any(),
            Some(Err(_)) => view! {
                <ErrorBox error=load_error id="webhook-kayit-yukleme-hatasi" />
                <button type="button" class="button button-secondary" on:click=move |_| reload.run(())>
                    {tx(T::Retry)}
                </button>
            }
            .into_any(),
            Some(Ok((endpoint, deliveries))) => {
                view! { <Log endpoint deliveries reload done /> }.into_any()
            }
        }}
        <p>
            <a href=back_href>{tx(S::WebhookBackToList)}</a>
        </p>
    }
}

#[component]
fn Log(
    endpoint: WebhookEndpoint,
    deliveries: Vec<WebhookDelivery>,
    reload: Callback<()>,
    done: RwSignal<bool>,
) -> impl IntoView {
    let staff = use_staff_session();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let endpoint_id = StoredValue::new(endpoint.id.clone());
    let enabled = endpoint.enabled;
    let redeliver = Callback::new(move |delivery_id: String| {
        error.set(None);
        done.set(false);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => calls::redeliver(&endpoint_id.get_value(), &delivery_id, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(_) => {
                    done.set(true);
                    reload.run(());
                    request_animation_frame(|| focus_by_id(LOG_DONE_ID));
                }
                Err(e) => {
                    error.set(Some(e));
                    request_animation_frame(|| focus_by_id(LOG_ERROR_ID));
                }
            }
        });
    });

    let list = if deliveries.is_empty() {
        view! { <p>{tx(S::WebhookLogNone)}</p> }.into_any()
    } else {
        deliveries
            .into_iter()
            .map(|delivery| view! { <Delivery delivery redeliver busy /> })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="section" aria-labelledby="webhook-adres-baslik">
            <h2 id="webhook-adres-baslik">{tx(S::WebhookEndpointHeading)}</h2>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{tx(S::Url)}</dt>
                    <dd>
                        <code class="break-all">{endpoint.url.clone()}</code>
                    </dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(S::WebhookColDescription)}</dt>
                    <dd>{endpoint.description.clone()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::State)}</dt>
                    <dd>{endpoint_state(&endpoint)}</dd>
                </div>
            </dl>
            {(!enabled).then(|| view! { <p class="warning-text">{tx(S::WebhookLogDisabledNote)}</p> })}
        </section>
        <ErrorBox error id=LOG_ERROR_ID />
        <section class="section" aria-labelledby="webhook-kayit-baslik">
            <h2 id="webhook-kayit-baslik">{tx(S::WebhookLogTitle)}</h2>
            <p>{tx(S::WebhookLogIntro)}</p>
            <button type="button" class="button button-secondary" on:click=move |_| reload.run(())>
                {tx(S::WebhookLogRefresh)}
            </button>
            {list}
        </section>
    }
}

#[component]
fn Delivery(
    delivery: WebhookDelivery,
    redeliver: Callback<String>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("teslim-{}", delivery.id);
    let caption_id = format!("teslim-denemeler-{}", delivery.id);
    let status = status_text(delivery.status);
    let tag_class = match delivery.status {
        DeliveryStatus::Delivered => "tag",
        DeliveryStatus::Pending => "tag tag-grey",
        DeliveryStatus::Failed => "tag tag-red",
    };
    let action = can_redeliver(&delivery).then(|| {
        let id = delivery.id.clone();
        let event = delivery.event_type.as_str();
        view! {
            <button
                type="button"
                class="button"
                disabled=move || busy.get()
                on:click=move |_| redeliver.run(id.clone())
            >
                {tx(S::WebhookRedeliver)}
                <span class="visually-hidden">" (" {event} ")"</span>
            </button>
        }
    });
    let row = |label: T, value: AnyView| {
        view! {
            <div class="summary-row">
                <dt>{tx(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let attempts = if delivery.log.is_empty() {
        view! { <p>{tx(S::WebhookNoAttempts)}</p> }.into_any()
    } else {
        let rows = delivery
            .log
            .iter()
            .map(|attempt: &WebhookAttempt| {
                let code = match attempt.status_code {
                    Some(code) => view! { {code} }.into_any(),
                    None => view! { {tx(S::WebhookNoAnswer)} }.into_any(),
                };
                let ms = attempt.duration_ms;
                view! {
                    <tr>
                        <th scope="row">{attempt.attempt}</th>
                        <td>{when(attempt.at)}</td>
                        <td>{code}</td>
                        <td>
                            <span lang="en">{attempt.error.clone()}</span>
                        </td>
                        <td>{move || duration(i18n.lang(), ms)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                id=caption_id
                caption=S::WebhookAttemptsCaption
                columns=vec![S::WebhookColAttempt, S::Time, S::WebhookColAnswerCode, S::WebhookColError, S::WebhookColDuration]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>
                <code>{delivery.event_type.as_str()}</code>
                " "
                <strong class=tag_class>{tx(status)}</strong>
            </h3>
            <dl class="summary-list">
                {row(T::State, view! { {tx(status)} }.into_any())}
                {row(S::WebhookColAttempts, view! { {delivery.attempts} }.into_any())}
                {delivery
                    .last_error
                    .clone()
                    .map(|e| row(S::WebhookColLastError, view! { <span lang="en">{e}</span> }.into_any()))}
                {row(S::WebhookColCreated, when(delivery.created_at).into_any())}
                {delivery.next_attempt_at.map(|at| row(S::WebhookColNextAttempt, when(at).into_any()))}
                {delivery.delivered_at.map(|at| row(S::WebhookColDeliveredAt, when(at).into_any()))}
                {row(
                    S::WebhookColMessageId,
                    view! { <code>{delivery.message_id.clone()}</code> }.into_any(),
                )}
            </dl>
            {attempts}
            {action}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_checked_like_the_server_but_lets_plain_http_through() {
        assert!(check_form("https://ik.kurum.gov.tr/h", "İK").is_empty());
        assert!(check_form("http://127.0.0.1:9000/h", "").is_empty());
        assert_eq!(check_form("", "").get("url"), ["required"]);
        assert_eq!(
            check_form("ik.kurum.gov.tr", "").get("url"),
            ["invalid_url"]
        );
        let long = "x".repeat(201);
        assert_eq!(
            check_form("https://h/", &long).get("description"),
            ["too_long"]
        );
    }

    #[test]
    fn summary_entries_follow_the_form_and_point_at_controls() {
        let mut errors = FieldErrors::new();
        errors.add("description", "too_long");
        errors.add("url", "not_https");
        errors.add("institution_id", "unknown");
        let entries = summary_entries(&errors, Lang::En);
        let targets: Vec<&str> = entries.iter().map(|e| e.target.as_str()).collect();
        assert_eq!(targets, ["url", "description", "url"]);
    }

    #[test]
    fn statuses_have_their_turkish_names() {
        assert_eq!(
            status_text(DeliveryStatus::Pending).get(Lang::Tr),
            "Bekliyor"
        );
        assert_eq!(
            status_text(DeliveryStatus::Delivered).get(Lang::Tr),
            "Teslim edildi"
        );
        assert_eq!(
            status_text(DeliveryStatus::Failed).get(Lang::Tr),
            "Başarısız"
        );
    }
}
