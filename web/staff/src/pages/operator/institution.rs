//! `/kamusm/kurumlar/:id`: one institution and its integrator API keys. A new key is shown
//! once, with a copy button (Kamu SM keeps only its hash); revoking asks for a confirmation,
//! since a revoked key stops working at once and for good.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::operator::{
    validate_api_key_name, ApiKeyInfo, CreateApiKeyRequest, CreatedApiKey, InstitutionApiKeys,
};
use shared::form::FieldErrors;

use super::messages::{field_error, key_revoked, revoke_question, KEY_NAME};
use super::INSTITUTIONS_PATH;
use super::{operator_trail, staff_csrf, OperatorLoadError, OperatorNav};
use crate::api::operator::{api_keys, create_api_key, revoke_api_key};
use crate::api::ApiError;
use crate::components::clipboard::{copy_to_clipboard, select_text};
use crate::components::confirm::ConfirmButtons;
use crate::components::feedback::{ErrorBox, Loading};
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldIds, SummaryEntry, TextField, TextOptions,
};
use crate::components::table::DataTable;
use crate::i18n::T;
use crate::nav::focus_by_id;
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;
use crate::time;

const ACTION_ERROR_ID: &str = "anahtar-hatasi";
const CREATE_ERROR_ID: &str = "anahtar-olusturma-hatasi";
const NEW_KEY_ID: &str = "yeni-anahtar";
const KEY_TEXT_ID: &str = "yeni-anahtar-metni";
const CONFIRM_HEADING_ID: &str = "anahtar-iptal-baslik";
const DONE_ID: &str = "anahtar-sonucu";

#[component]
pub fn OperatorInstitutionPage() -> impl IntoView {
    set_page(
        S::OperatorInstitutionTitle,
        operator_trail(
            (S::OperatorInstitutionsTitle, INSTITUTIONS_PATH),
            S::OperatorInstitutionTitle,
        ),
    );
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let keys = LocalResource::new(move || {
        let id = id.get();
        async move { api_keys(&id).await }
    });
    let retry = Callback::new(move |()| keys.refetch());
    // What the last action did, kept across the reload that follows it.
    let created = RwSignal::new(None::<CreatedApiKey>);
    let revoked = RwSignal::new(None::<String>);
    move || match keys.get() {
        None => view! { <Loading title=S::OperatorInstitutionTitle /> }.into_any(),
        Some(Err(error)) => view! {
            <OperatorLoadError
                error
                back=(S::OperatorBackToInstitutions, INSTITUTIONS_PATH)
                retry
            />
        }
        .into_any(),
        Some(Ok(keys)) => view! { <Keys keys reload=retry created revoked /> }.into_any(),
    }
}

#[component]
fn Keys(
    keys: InstitutionApiKeys,
    reload: Callback<()>,
    created: RwSignal<Option<CreatedApiKey>>,
    revoked: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let institution = keys.institution;
    let error = RwSignal::new(None::<ApiError>);
    // The key the operator is asked to confirm the revocation of.
    let confirming = RwSignal::new(None::<ApiKeyInfo>);
    let busy = RwSignal::new(false);

    let show_error = move |e: ApiError| {
        error.set(Some(e));
        request_animation_frame(|| focus_by_id(ACTION_ERROR_ID));
    };
    let revoke = Callback::new(move |()| {
        let Some(key) = confirming.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match staff_csrf().await {
                Ok(token) => revoke_api_key(&key.id, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            confirming.try_set(None);
            match result {
                Ok(key) => {
                    created.set(None);
                    revoked.set(Some(key.name));
                    reload.run(());
                    request_animation_frame(|| focus_by_id(DONE_ID));
                }
                Err(e) => show_error(e),
            }
        });
    });
    let ask = Callback::new(move |key: ApiKeyInfo| {
        error.set(None);
        revoked.set(None);
        confirming.set(Some(key));
        request_animation_frame(|| focus_by_id(CONFIRM_HEADING_ID));
    });

    view! {
        <h1>{tx(S::OperatorInstitutionTitle)}</h1>
        <OperatorNav current="" />
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{tx(S::OperatorColName)}</dt>
                <dd>{institution.name.clone()}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(S::OperatorColCode)}</dt>
                <dd>
                    <code>{institution.code.clone()}</code>
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tx(S::OperatorColActiveKeys)}</dt>
                <dd>{institution.active_api_keys}</dd>
            </div>
        </dl>
        <div id=DONE_ID tabindex="-1" role="status">
            {move || {
                revoked
                    .get()
                    .map(|name| view! { <p class="notice">{key_revoked(i18n.lang(), &name)}</p> })
            }}
        </div>
        <NewKeyPanel created />
        <ErrorBox error id=ACTION_ERROR_ID />
        {move || {
            confirming
                .get()
                .map(|key| {
                    let question = revoke_question(i18n.lang(), &key.name, &key.key_prefix);
                    view! {
                        <section class="card" aria-labelledby=CONFIRM_HEADING_ID>
                            <h2 id=CONFIRM_HEADING_ID tabindex="-1">
                                {tx(S::OperatorRevokeConfirmTitle)}
                            </h2>
                            <p>{question}</p>
                            <p class="warning-text">{tx(S::OperatorRevokeConfirmText)}</p>
                            <ConfirmButtons
                                confirm=S::OperatorRevokeConfirm
                                keep=S::Dismiss
                                on_confirm=revoke
                                on_keep=Callback::new(move |()| confirming.set(None))
                                busy
                            />
                        </section>
                    }
                })
        }}
        <section class="section" aria-labelledby="anahtarlar-baslik">
            <h2 id="anahtarlar-baslik">{tx(S::OperatorApiKeysHeading)}</h2>
            <p>{tx(S::OperatorApiKeysIntro)}</p>
            <KeyTable keys=keys.keys ask />
        </section>
        <NewKeyForm institution_id=institution.id.clone() reload created revoked />
        <section class="section" aria-labelledby="webhook-baglanti-baslik">
            <h2 id="webhook-baglanti-baslik">{tx(S::WebhooksTitle)}</h2>
            <p>
                <a href=super::webhooks::webhooks_path(&institution.id)>
                    {tx(S::WebhookOperatorLink)}
                </a>
            </p>
        </section>
        <p>
            <a href=INSTITUTIONS_PATH>{tx(S::OperatorBackToInstitutions)}</a>
        </p>
    }
}

#[component]
fn KeyTable(keys: Vec<ApiKeyInfo>, ask: Callback<ApiKeyInfo>) -> impl IntoView {
    if keys.is_empty() {
        return view! { <p>{tx(S::OperatorNoApiKeys)}</p> }.into_any();
    }
    let when = |at| view! { <time datetime=time::iso(at)>{time::date_time(at)}</time> };
    let rows = keys
        .into_iter()
        .map(|key| {
            let state = match key.revoked_at {
                Some(at) => view! {
                    {tx(S::OperatorKeyRevoked)} " " {when(at)}
                }
                .into_any(),
                None => {
                    view! { <strong class="tag">{tx(S::OperatorKeyActive)}</strong> }.into_any()
                }
            };
            let last_used = match key.last_used_at {
                Some(at) => when(at).into_any(),
                None => view! { {tx(S::OperatorNeverUsed)} }.into_any(),
            };
            let action = key.revoked_at.is_none().then(|| {
                let name = key.name.clone();
                let target = key.clone();
                view! {
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| ask.run(target.clone())
                    >
                        {tx(S::OperatorRevokeKey)}
                        <span class="visually-hidden">" (" {name} ")"</span>
                    </button>
                }
            });
            view! {
                <tr>
                    <th scope="row">{key.name.clone()}</th>
                    <td>
                        <code>{key.key_prefix.clone()} "…"</code>
                    </td>
                    <td>{key.created_by.clone()} <br /> {when(key.created_at)}</td>
                    <td>{last_used}</td>
                    <td>{state}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            id="anahtar-tablo-baslik"
            caption=S::OperatorApiKeysCaption
            columns=vec![S::KeyName, S::OperatorColKeyPrefix, S::OperatorColCreatedBy, T::LastUsed, T::State, T::Action]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

/// How the last copy went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Yes,
    ByHand,
}

/// The key just created: shown here once, with a copy button.
#[component]
fn NewKeyPanel(created: RwSignal<Option<CreatedApiKey>>) -> impl IntoView {
    let copied = RwSignal::new(None::<Copied>);
    let copy = move |_| {
        let Some(key) = created.get_untracked().map(|c| c.api_key) else {
            return;
        };
        copied.set(None);
        leptos::task::spawn_local(async move {
            let outcome = if copy_to_clipboard(&key).await {
                Copied::Yes
            } else {
                select_text(KEY_TEXT_ID);
                Copied::ByHand
            };
            copied.try_set(Some(outcome));
        });
    };
    move || {
        created.get().map(|created| {
            view! {
                <section
                    class="panel-confirmation"
                    id=NEW_KEY_ID
                    tabindex="-1"
                    aria-labelledby="yeni-anahtar-baslik"
                >
                    <h2 class="panel-title" id="yeni-anahtar-baslik">
                        {tx(S::OperatorKeyCreatedTitle)}
                    </h2>
                    <div class="panel-body">
                        <p>{created.key.name.clone()}</p>
                    </div>
                </section>
                <p class="warning-text">{tx(S::OperatorKeyShownOnce)}</p>
                <p class="code-label" id="yeni-anahtar-etiket">
                    {tx(S::OperatorKeyLabel)}
                </p>
                <p class="key-box">
                    <code id=KEY_TEXT_ID>
                        {created.api_key.clone()}
                    </code>
                </p>
                <button type="button" class="button button-secondary" on:click=copy>
                    {tx(S::OperatorCopyKey)}
                </button>
                <p class="copy-feedback" role="status">
                    {move || {
                        copied
                            .get()
                            .map(|c| match c {
                                Copied::Yes => tx(S::OperatorKeyCopied)(),
                                Copied::ByHand => tx(S::OperatorKeyCopyFailed)(),
                            })
                    }}
                </p>
            }
        })
    }
}

fn summary_entries(errors: &FieldErrors, lang: crate::i18n::Lang) -> Vec<SummaryEntry> {
    errors
        .get(KEY_NAME)
        .iter()
        .map(|code| SummaryEntry {
            message: field_error(lang, KEY_NAME, code),
            target: FieldIds::new(KEY_NAME).control,
        })
        .collect()
}

#[component]
fn NewKeyForm(
    institution_id: String,
    reload: Callback<()>,
    created: RwSignal<Option<CreatedApiKey>>,
    revoked: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let institution_id = StoredValue::new(institution_id);
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let submit_error = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit_error.set(None);
        revoked.set(None);
        let request = CreateApiKeyRequest {
            name: name.get_untracked(),
        };
        // The API calls the field `name`; on this page it is the key's name.
        if let Err(found) = validate_api_key_name(&request) {
            errors.set(rename_name_field(found));
            focus_error_summary();
            return;
        }
        errors.set(FieldErrors::new());
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff_csrf().await {
                Ok(token) => create_api_key(&institution_id.get_value(), &request, &token).await,
                Err(e) => Err(e),
            };
            saving.try_set(false);
            match result {
                Ok(key) => {
                    name.set(String::new());
                    created.set(Some(key));
                    reload.run(());
                    request_animation_frame(|| focus_by_id(NEW_KEY_ID));
                }
                Err(ApiError::Problem(p)) if p.fields.is_some() => {
                    errors.set(rename_name_field(p.fields.unwrap_or_default()));
                    focus_error_summary();
                }
                Err(e) => {
                    submit_error.set(Some(e));
                    request_animation_frame(|| focus_by_id(CREATE_ERROR_ID));
                }
            }
        });
    };

    let messages = Signal::derive(move || {
        errors
            .get()
            .get(KEY_NAME)
            .iter()
            .map(|code| field_error(i18n.lang(), KEY_NAME, code))
            .collect::<Vec<_>>()
    });
    let entries = Signal::derive(move || summary_entries(&errors.get(), i18n.lang()));
    let nothing = Callback::new(|()| {});

    view! {
        <section class="section" aria-labelledby="yeni-anahtar-form-baslik">
            <h2 id="yeni-anahtar-form-baslik">{tx(S::OperatorNewApiKey)}</h2>
            <ErrorSummary entries />
            <ErrorBox error=submit_error id=CREATE_ERROR_ID />
            <form novalidate on:submit=submit>
                <TextField
                    name=KEY_NAME
                    label=S::KeyName
                    hint=S::OperatorHintKeyName
                    value=name
                    errors=messages
                    options=TextOptions {
                        autocomplete: "off",
                        spellcheck: true,
                        ..Default::default()
                    }
                    on_change=nothing
                    on_blur=nothing
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    {tx(S::OperatorCreateApiKey)}
                </button>
            </form>
        </section>
    }
}

/// The API's `name` errors under this form's `key_name` field.
fn rename_name_field(errors: FieldErrors) -> FieldErrors {
    let mut renamed = FieldErrors::new();
    for (f, codes) in errors.iter() {
        let f = if f == shared::api::operator::field::NAME {
            KEY_NAME
        } else {
            f
        };
        for code in codes {
            renamed.add(f, code.clone());
        }
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apis_name_errors_belong_to_the_key_name_field() {
        let mut errors = FieldErrors::new();
        errors.add("name", "required");
        assert_eq!(rename_name_field(errors).get(KEY_NAME), ["required"]);
    }
}
