//! `/hesabim/gecis-anahtarlari`: "Geçiş Anahtarlarım", the applicant's passkeys: add one
//! (named first, then created by the device), rename one in place, remove one after a
//! confirmation. What happened is said in a live region; failures in an error summary.

use leptos::prelude::*;
use shared::api::passkeys::{
    MyPasskeys, PasskeyInfo, PasskeyName, PasskeyNameError, PASSKEY_NAME_FIELD,
};
use shared::problem::ErrorCode;

use crate::api::passkeys::{self, PasskeyError, PasskeyOwner};
use crate::api::ApiError;
use crate::components::feedback::loaded_page;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldError, SummaryEntry, TextField, TextOptions,
};
use crate::i18n::T;
use crate::nav::{focus_by_id, use_nav, Nav};
use crate::state::{set_page, tx, use_i18n, use_session, Crumb, Session};
use crate::time;

const OWNER: PasskeyOwner = PasskeyOwner::Applicant;
/// The name field of "Yeni geçiş anahtarı" (its id is `gecis-anahtari-adi`).
const NAME_FIELD: &str = "gecis_anahtari_adi";
const NAME_INPUT_ID: &str = "gecis-anahtari-adi";
const LIST_HEADING_ID: &str = "kayitli-anahtarlar";
const FAILURE_ID: &str = "gecis-anahtari-hatasi";

#[component]
pub fn PasskeysPage() -> impl IntoView {
    set_page(
        T::PasskeysTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::link(T::MenuTitle, "/nes-islemleri"),
            Crumb::here(T::PasskeysTitle),
        ],
    );
    loaded_page(
        T::PasskeysTitle,
        || passkeys::list(OWNER),
        |MyPasskeys { items }| view! { <PasskeyManager items /> }.into_any(),
    )
}

/// What the page tells after an action: a success (live region) or a failure (alert).
#[derive(Clone, Copy)]
struct Feedback {
    done: RwSignal<Option<T>>,
    failed: RwSignal<Option<PasskeyError>>,
    /// Taken from the context when the page is made: the failures arrive in async tasks,
    /// where the context cannot be reached.
    nav: Nav,
    session: Session,
}

impl Feedback {
    fn succeeded(self, text: T) {
        self.failed.set(None);
        self.done.set(Some(text));
    }

    /// A lost session leads to "Oturumunuz sona erdi"; anything else is shown and focused.
    fn failed(self, error: PasskeyError) {
        if error == PasskeyError::Api(ApiError::Unauthenticated) {
            self.nav.session_ended(self.session);
            return;
        }
        self.done.set(None);
        self.failed.set(Some(error));
        request_animation_frame(|| focus_by_id(FAILURE_ID));
    }
}

#[component]
fn PasskeyManager(items: Vec<PasskeyInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let items = RwSignal::new(items);
    let feedback = Feedback {
        done: RwSignal::new(None),
        failed: RwSignal::new(None),
        nav: use_nav(),
        session: use_session(),
    };
    view! {
        <h1>{tx(T::PasskeysTitle)}</h1>
        <p class="lead">{tx(T::PasskeysIntro)}</p>
        <div class="live-message" role="status" aria-live="polite">
            {move || feedback.done.get().map(|text| view! { <p class="success">{tx(text)}</p> })}
        </div>
        {move || {
            feedback
                .failed
                .get()
                .map(|e| {
                    view! {
                        <div class="error-summary" role="alert" tabindex="-1" id=FAILURE_ID>
                            <h2 class="error-summary-title">{tx(T::ErrorSummaryTitle)}</h2>
                            <p>{move || e.message(i18n.lang())}</p>
                        </div>
                    }
                })
        }}
        <section class="section" aria-labelledby=LIST_HEADING_ID>
            <h2 id=LIST_HEADING_ID tabindex="-1">{tx(T::PasskeysCaption)}</h2>
            <PasskeyTable items feedback />
        </section>
        <AddPasskey items feedback />
    }
}

#[component]
fn PasskeyTable(items: RwSignal<Vec<PasskeyInfo>>, feedback: Feedback) -> impl IntoView {
    move || {
        if items.read().is_empty() {
            return view! { <p>{tx(T::NoPasskeys)}</p> }.into_any();
        }
        view! {
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="anahtar-tablosu">
                <table class="table table-stack">
                    <caption class="table-caption" id="anahtar-tablosu">
                        {tx(T::PasskeysCaption)}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{tx(T::ColPasskeyName)}</th>
                            <th scope="col">{tx(T::ColPasskeyAdded)}</th>
                            <th scope="col">{tx(T::LastUsed)}</th>
                            <th scope="col">{tx(T::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || items.get()
                            key=|p| (p.id.clone(), p.name.clone(), p.last_used_at)
                            let:passkey
                        >
                            <PasskeyRow passkey items feedback />
                        </For>
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowMode {
    Showing,
    Renaming,
    ConfirmingRemoval,
}

#[component]
fn PasskeyRow(
    passkey: PasskeyInfo,
    items: RwSignal<Vec<PasskeyInfo>>,
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let mode = RwSignal::new(RowMode::Showing);
    let busy = RwSignal::new(false);
    let id = passkey.id.clone();
    let ids = RowIds::new(&id);
    let new_name = RwSignal::new(passkey.name.clone());
    let name_error = RwSignal::new(None::<T>);
    let name_messages = Signal::derive(move || {
        name_error
            .get()
            .map(|t| vec![t.get(i18n.lang()).to_owned()])
            .unwrap_or_default()
    });

    let start_renaming = {
        let input = ids.input.clone();
        move |_| {
            mode.set(RowMode::Renaming);
            let input = input.clone();
            request_animation_frame(move || focus_by_id(&input));
        }
    };
    let stop = {
        let rename = ids.rename.clone();
        move |_| {
            mode.set(RowMode::Showing);
            name_error.set(None);
            let rename = rename.clone();
            request_animation_frame(move || focus_by_id(&rename));
        }
    };
    let save = {
        let (id, input, rename) = (id.clone(), ids.input.clone(), ids.rename.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let name = match PasskeyName::parse(&new_name.get_untracked()) {
                Ok(name) => name,
                Err(e) => {
                    name_error.set(Some(name_error_text(e)));
                    focus_by_id(&input);
                    return;
                }
            };
            name_error.set(None);
            busy.set(true);
            let (id, rename) = (id.clone(), rename.clone());
            let session = feedback.session;
            leptos::task::spawn_local(async move {
                let result = match session.csrf().await {
                    Ok(csrf) => passkeys::rename(OWNER, &id, name.as_str(), &csrf).await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                match result {
                    Ok(renamed) => {
                        items.update(|all| {
                            if let Some(p) = all.iter_mut().find(|p| p.id == renamed.id) {
                                *p = renamed;
                            }
                        });
                        feedback.succeeded(T::PasskeyRenamedMessage);
                        request_animation_frame(move || focus_by_id(&rename));
                    }
                    Err(e) => match field_error(&e) {
                        Some(text) => name_error.set(Some(text)),
                        None => feedback.failed(PasskeyError::Api(e)),
                    },
                }
            });
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            busy.set(true);
            let id = id.clone();
            let session = feedback.session;
            leptos::task::spawn_local(async move {
                let result = match session.csrf().await {
                    Ok(csrf) => passkeys::remove(OWNER, &id, &csrf).await,
                    Err(e) => Err(e),
                };
                busy.set(false);
                match result {
                    Ok(()) => {
                        items.update(|all| all.retain(|p| p.id != id));
                        feedback.succeeded(T::PasskeyRemovedMessage);
                        request_animation_frame(|| focus_by_id(LIST_HEADING_ID));
                    }
                    Err(e) => feedback.failed(PasskeyError::Api(e)),
                }
            });
        }
    };

    let name = passkey.name.clone();
    let added = passkey.created_at;
    let last_used = passkey.last_used_at;
    let RowIds {
        rename: rename_id,
        input: input_id,
        error: error_id,
        confirm: confirm_id,
    } = ids;
    view! {
        <tr>
            <td data-label=tx(T::ColPasskeyName)>
                {
                    let (name, stop) = (name.clone(), stop.clone());
                    let (input_id, error_id) = (input_id.clone(), error_id.clone());
                    move || match mode.get() {
                        RowMode::Renaming => {
                            view! {
                                <form class="inline-form" novalidate on:submit=save.clone()>
                                    <div
                                        class="form-group"
                                        class:form-group-error=move || name_error.get().is_some()
                                    >
                                        <label class="label" for=input_id.clone()>
                                            {tx(T::NewPasskeyNameLabel)}
                                        </label>
                                        <FieldError id=error_id.clone() messages=name_messages />
                                        <input
                                            class="input"
                                            id=input_id.clone()
                                            type="text"
                                            autocomplete="off"
                                            maxlength="64"
                                            aria-describedby=error_id.clone()
                                            aria-invalid=move || name_error.get().map(|_| "true")
                                            prop:value=move || new_name.get()
                                            on:input=move |ev| new_name.set(event_target_value(&ev))
                                        />
                                    </div>
                                    <div class="button-group">
                                        <button type="submit" class="button" disabled=move || busy.get()>
                                            {tx(T::SavePasskeyName)}
                                        </button>
                                        <button
                                            type="button"
                                            class="button button-secondary"
                                            on:click=stop.clone()
                                        >
                                            {tx(T::Cancel)}
                                        </button>
                                    </div>
                                </form>
                            }
                                .into_any()
                        }
                        _ => view! { <span class="passkey-name">{name.clone()}</span> }.into_any(),
                    }
                }
            </td>
            <td data-label=tx(T::ColPasskeyAdded)>
                <time datetime=time::iso(added)>{time::date_time(added)}</time>
            </td>
            <td data-label=tx(T::LastUsed)>
                {match last_used {
                    Some(at) => {
                        view! { <time datetime=time::iso(at)>{time::date_time(at)}</time> }
                            .into_any()
                    }
                    None => view! { <span>{tx(T::PasskeyNeverUsed)}</span> }.into_any(),
                }}
            </td>
            <td data-label=tx(T::Actions)>
                {move || match mode.get() {
                    RowMode::Showing => {
                        let name = name.clone();
                        view! {
                            <div class="button-group">
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    id=rename_id.clone()
                                    aria-label=labelled(T::RenamePasskey, name.clone())
                                    on:click=start_renaming.clone()
                                >
                                    {tx(T::RenamePasskey)}
                                </button>
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    aria-label=labelled(T::Remove, name)
                                    on:click=move |_| mode.set(RowMode::ConfirmingRemoval)
                                >
                                    {tx(T::Remove)}
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                    RowMode::ConfirmingRemoval => {
                        let confirm_id = confirm_id.clone();
                        request_animation_frame({
                            let confirm_id = confirm_id.clone();
                            move || focus_by_id(&confirm_id)
                        });
                        view! {
                            <p id=format!("{confirm_id}-metin")>{tx(T::ConfirmRemovePasskey)}</p>
                            <div class="button-group">
                                <button
                                    type="button"
                                    class="button"
                                    id=confirm_id.clone()
                                    aria-describedby=format!("{confirm_id}-metin")
                                    disabled=move || busy.get()
                                    on:click=remove.clone()
                                >
                                    {tx(T::ConfirmRemove)}
                                </button>
                                <button
                                    type="button"
                                    class="button button-secondary"
                                    on:click=stop.clone()
                                >
                                    {tx(T::Cancel)}
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                    RowMode::Renaming => ().into_any(),
                }}
            </td>
        </tr>
    }
}

/// "Yeniden adlandır: Telefonum": which passkey a row's button acts on, for screen readers
/// (the visible text comes first, so speech input finds the button by what it shows).
fn labelled(action: T, name: String) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || format!("{}: {name}", i18n.t(action))
}

/// The ids of one row's controls.
struct RowIds {
    rename: String,
    input: String,
    error: String,
    confirm: String,
}

impl RowIds {
    fn new(id: &str) -> RowIds {
        let id: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        RowIds {
            rename: format!("yeniden-adlandir-{id}"),
            input: format!("yeni-ad-{id}"),
            error: format!("yeni-ad-{id}-hata"),
            confirm: format!("kaldir-{id}"),
        }
    }
}

fn name_error_text(e: PasskeyNameError) -> T {
    match e {
        PasskeyNameError::Empty => T::PasskeyNameRequired,
        PasskeyNameError::TooLong => T::PasskeyNameTooLong,
        PasskeyNameError::InvalidCharacters => T::PasskeyNameInvalid,
    }
}

/// The API's verdict on the name field, if that is what failed.
fn field_error(error: &ApiError) -> Option<T> {
    let ApiError::Problem(p) = error else {
        return None;
    };
    if p.code != ErrorCode::ValidationFailed {
        return None;
    }
    let code = p.fields.as_ref()?.get(PASSKEY_NAME_FIELD).first()?.clone();
    Some(match code.as_str() {
        "required" => T::PasskeyNameRequired,
        "too_long" => T::PasskeyNameTooLong,
        _ => T::PasskeyNameInvalid,
    })
}

#[component]
fn AddPasskey(items: RwSignal<Vec<PasskeyInfo>>, feedback: Feedback) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(
        T::PasskeyDefaultName
            .get(untrack(|| i18n.lang()))
            .to_owned(),
    );
    let name_error = RwSignal::new(None::<T>);
    let busy = RwSignal::new(false);
    let errors = Signal::derive(move || {
        name_error
            .get()
            .map(|t| vec![t.get(i18n.lang()).to_owned()])
            .unwrap_or_default()
    });
    let summary = Signal::derive(move || {
        name_error
            .get()
            .map(|t| {
                vec![SummaryEntry {
                    message: t.get(i18n.lang()).to_owned(),
                    target: NAME_INPUT_ID.to_owned(),
                }]
            })
            .unwrap_or_default()
    });
    let session = feedback.session;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let valid = match PasskeyName::parse(&name.get_untracked()) {
            Ok(valid) => valid,
            Err(e) => {
                name_error.set(Some(name_error_text(e)));
                focus_error_summary();
                return;
            }
        };
        name_error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match session.csrf().await {
                Ok(csrf) => passkeys::register(OWNER, valid.as_str(), &csrf).await,
                Err(e) => Err(PasskeyError::Api(e)),
            };
            busy.set(false);
            match result {
                Ok(added) => {
                    items.update(|all| all.push(added));
                    feedback.succeeded(T::PasskeyAdded);
                }
                Err(PasskeyError::Api(e)) if field_error(&e).is_some() => {
                    name_error.set(field_error(&e));
                    focus_error_summary();
                }
                Err(e) => feedback.failed(e),
            }
        });
    };
    view! {
        <section class="section" aria-labelledby="yeni-anahtar-baslik">
            <h2 id="yeni-anahtar-baslik">{tx(T::AddPasskeyHeading)}</h2>
            <form novalidate on:submit=submit>
                <ErrorSummary entries=summary />
                <TextField
                    name=NAME_FIELD
                    label=T::PasskeyNameLabel
                    hint=T::PasskeyNameHint
                    value=name
                    errors
                    options=TextOptions {
                        autocomplete: "off",
                        width: Some("width-20"),
                        ..TextOptions::default()
                    }
                    on_change=Callback::new(|()| {})
                    on_blur=Callback::new(|()| {})
                />
                <button type="submit" class="button" disabled=move || busy.get()>
                    {tx(T::AddPasskey)}
                </button>
                <p role="status" class="hint">
                    {move || busy.get().then(|| tx(T::PasskeyWaiting))}
                </p>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn row_ids_keep_only_safe_characters() {
        let ids = RowIds::new("3f2a-9b\"><x");
        assert_eq!(ids.rename, "yeniden-adlandir-3f2a-9bx");
        assert_eq!(ids.input, "yeni-ad-3f2a-9bx");
    }

    #[test]
    fn every_name_error_has_its_own_text_in_both_languages() {
        for e in [
            PasskeyNameError::Empty,
            PasskeyNameError::TooLong,
            PasskeyNameError::InvalidCharacters,
        ] {
            let t = name_error_text(e);
            assert!(!t.get(Lang::Tr).is_empty() && !t.get(Lang::En).is_empty());
        }
    }
}
