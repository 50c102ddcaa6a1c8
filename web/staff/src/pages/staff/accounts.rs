//! `/kamusm/personel`: "Personel Hesapları", the operator's list of staff accounts (never a
//! secret), what can be done to each (`account_actions`), and a new officer or operator. A
//! new account's initial password, or one made by a reset, is shown once, here.

use leptos::prelude::*;
use shared::api::operator::Institution;
use shared::api::staff::{field, CreateStaffAccountRequest, CreatedStaffAccount, StaffAccount};
use shared::form::FieldErrors;
use shared::problem::ErrorCode;

use super::account_actions::{self, AccountAction, ActionOutcome, ConfirmAccountAction};
use super::header::role_text;
use super::session::use_staff_session;
use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorBox, Loading};
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldIds, RadioGroup, SelectField, SummaryEntry, TextField,
    TextOptions,
};
use crate::components::table::DataTable;
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::pages::operator::{OperatorLoadError, OperatorNav, APPLICATIONS_PATH, STAFF_PATH};
use crate::state::{set_page, tx, use_i18n, Crumb};
use crate::texts::S;

const TITLE: T = S::StaffAccountsTitle;
const CREATED_ID: &str = "hesap-olusturuldu";
const ACTION_ERROR_ID: &str = "hesap-hatasi";
const FORM_FIELDS: [&str; 5] = [
    field::USERNAME,
    field::DISPLAY_NAME,
    field::EMAIL,
    field::ROLE,
    field::INSTITUTION_ID,
];

/// The message of a field error code of `create_staff_account`.
fn field_text(name: &str, code: &str) -> T {
    match (name, code) {
        (_, "already_exists") => S::StaffUsernameTaken,
        (field::ROLE, _) => S::StaffRoleRequired,
        (field::INSTITUTION_ID, "institution_not_allowed") => S::StaffInstitutionNotAllowed,
        (field::INSTITUTION_ID, "institution_unknown") => S::StaffInstitutionUnknown,
        (field::INSTITUTION_ID, _) => S::StaffInstitutionRequired,
        (_, "required") => S::StaffFieldRequired,
        (field::USERNAME, _) => S::StaffUsernameInvalid,
        (field::DISPLAY_NAME, _) => S::StaffDisplayNameInvalid,
        _ => S::StaffEmailInvalid,
    }
}

/// A refusal of `create_staff_account` as field errors (a taken user name included); `None`
/// when it is not about a field.
fn as_field_errors(error: &ApiError) -> Option<FieldErrors> {
    match error {
        ApiError::Problem(p) if p.code == ErrorCode::AlreadyExists => {
            let mut errors = FieldErrors::new();
            errors.add(field::USERNAME, "already_exists");
            Some(errors)
        }
        ApiError::Problem(p) if p.code == ErrorCode::ValidationFailed => p.fields.clone(),
        _ => None,
    }
}

/// "3 başarısız deneme" after the status.
fn failures_text(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Tr => format!("{n} başarısız deneme"),
        Lang::En if n == 1 => "1 failed attempt".to_owned(),
        Lang::En => format!("{n} failed attempts"),
    }
}

async fn load() -> Result<(Vec<StaffAccount>, Vec<Institution>), ApiError> {
    let accounts = api::staff::accounts().await?.accounts;
    let institutions = api::operator::institutions().await?.institutions;
    Ok((accounts, institutions))
}

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    set_page(
        TITLE,
        vec![Crumb::link(T::ServiceName, "/"), Crumb::here(TITLE)],
    );
    let list = LocalResource::new(load);
    let reload = Callback::new(move |()| list.refetch());
    // A new initial password to show once: of a new account, or of a reset.
    let created = RwSignal::new(None::<(T, CreatedStaffAccount)>);
    let action_error = RwSignal::new(None::<ApiError>);
    let confirming = RwSignal::new(None::<(AccountAction, StaffAccount)>);
    let outcome = ActionOutcome {
        staff: use_staff_session(),
        reload,
        failed: Callback::new(move |e| {
            action_error.set(Some(e));
            request_animation_frame(|| focus_by_id(ACTION_ERROR_ID));
        }),
        new_password: Callback::new(move |account| {
            created.set(Some((S::StaffPasswordResetTitle, account)));
            request_animation_frame(|| focus_by_id(CREATED_ID));
        }),
    };
    move || match list.get() {
        None => view! { <Loading title=TITLE /> }.into_any(),
        Some(Err(error)) => view! {
            <OperatorLoadError
                error
                back=(S::OperatorApplicationsTitle, APPLICATIONS_PATH)
                retry=reload
            />
        }
        .into_any(),
        Some(Ok((accounts, institutions))) => view! {
            <h1>{tx(TITLE)}</h1>
            <OperatorNav current=STAFF_PATH />
            <p class="lead">{tx(S::StaffAccountsIntro)}</p>
            <ErrorBox error=action_error id=ACTION_ERROR_ID />
            <Created created />
            <ConfirmAccountAction confirming outcome />
            <AccountTable accounts confirming outcome />
            <NewAccountForm institutions reload created />
        }
        .into_any(),
    }
}

/// A new initial password (of a new account, or a reset one), shown this once.
#[component]
fn Created(created: RwSignal<Option<(T, CreatedStaffAccount)>>) -> impl IntoView {
    view! {
        <div id=CREATED_ID tabindex="-1">
            {move || {
                created
                    .get()
                    .map(|(title, c)| {
                        view! {
                            <div class="panel-confirmation">
                                <h2 class="panel-title">{tx(title)}</h2>
                                <div class="panel-body">
                                    <dl class="totp-secret">
                                        <dt>{tx(S::Username)}</dt>
                                        <dd>
                                            <code>{c.account.username.clone()}</code>
                                        </dd>
                                        <dt>{tx(S::StaffInitialPasswordLabel)}</dt>
                                        <dd>
                                            <code id="ilk-parola" translate="no">
                                                {c.initial_password.clone()}
                                            </code>
                                        </dd>
                                    </dl>
                                </div>
                            </div>
                            <p>{tx(S::StaffInitialPasswordNote)}</p>
                        }
                    })
            }}
        </div>
    }
}

#[component]
fn AccountTable(
    accounts: Vec<StaffAccount>,
    confirming: RwSignal<Option<(AccountAction, StaffAccount)>>,
    outcome: ActionOutcome,
) -> impl IntoView {
    let i18n = use_i18n();
    if accounts.is_empty() {
        return view! { <p>{tx(S::StaffNoAccounts)}</p> }.into_any();
    }
    let own_id = outcome.staff.info().map(|info| info.id);
    let rows = accounts
        .into_iter()
        .map(|account| {
            let own = own_id.as_deref() == Some(account.id.as_str());
            let role = role_text(account.role);
            let institution = account.institution_name.clone().unwrap_or_default();
            let failures = account.consecutive_failures;
            let status = if account.disabled {
                S::Disabled
            } else if account.locked {
                S::StaffStatusLocked
            } else {
                S::StaffStatusOk
            };
            let buttons = AccountAction::offered(&account, own)
                .into_iter()
                .map(|action| {
                    let target = account.clone();
                    view! {
                        <button
                            type="button"
                            class="button button-secondary button-small"
                            id=action.button_id(&account.username)
                            on:click=move |_| {
                                account_actions::start(action, target.clone(), confirming, outcome)
                            }
                        >
                            {tx(action.button())}
                            <span class="visually-hidden">": " {account.username.clone()}</span>
                        </button>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">
                        <code>{account.username.clone()}</code>
                    </th>
                    <td>{account.display_name.clone()}</td>
                    <td>
                        {tx(role)}
                        {(!institution.is_empty()).then(|| view! { <br /> {institution} })}
                    </td>
                    <td>
                        {tx(
                            if account.totp_enrolled {
                                S::StaffTotpEnrolled
                            } else {
                                S::StaffTotpNotEnrolled
                            },
                        )}
                    </td>
                    <td>
                        {tx(status)}
                        {(failures > 0)
                            .then(|| {
                                view! {
                                    <br />
                                    {move || failures_text(i18n.lang(), failures)}
                                }
                            })}
                        {account
                            .password_change_required
                            .then(|| view! { <br /> {tx(S::StaffPasswordNotChanged)} })}
                    </td>
                    <td>
                        {own.then(|| tx(S::StaffOwnAccount))}
                        <div class="button-group">{buttons}</div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            id="personel-baslik"
            caption=S::StaffAccounts
            columns=vec![S::Username, S::ColDisplayName, S::Role, S::ColTwoFactor, T::LoginStatus, T::Actions]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

#[component]
fn NewAccountForm(
    institutions: Vec<Institution>,
    reload: Callback<()>,
    created: RwSignal<Option<(T, CreatedStaffAccount)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let institution_id = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        failure.set(None);
        created.set(None);
        let optional = |s: String| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let request = CreateStaffAccountRequest {
            username: username.get_untracked(),
            display_name: display_name.get_untracked(),
            email: optional(email.get_untracked()),
            role: role.get_untracked(),
            institution_id: optional(institution_id.get_untracked()),
        };
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => api::staff::create_account(&request, &token).await,
                Err(e) => Err(e),
            };
            saving.try_set(false);
            match result {
                Ok(account) => {
                    for signal in [username, display_name, email, role, institution_id] {
                        signal.set(String::new());
                    }
                    errors.set(FieldErrors::new());
                    created.set(Some((S::StaffCreatedTitle, account)));
                    reload.run(());
                    request_animation_frame(|| focus_by_id(CREATED_ID));
                }
                Err(e) => match as_field_errors(&e) {
                    Some(found) => {
                        errors.set(found);
                        focus_error_summary();
                    }
                    None => {
                        failure.set(Some(e));
                        request_animation_frame(|| focus_by_id("yeni-hesap-hatasi"));
                    }
                },
            }
        });
    };

    let entries = Signal::derive(move || {
        let lang = i18n.lang();
        let errors = errors.get();
        FORM_FIELDS
            .iter()
            .flat_map(|name| {
                errors
                    .get(name)
                    .iter()
                    .map(|code| SummaryEntry {
                        message: field_text(name, code).get(lang).to_owned(),
                        target: FieldIds::new(name).control,
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    });
    let errors_of = move |name: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .get(name)
                .iter()
                .map(|code| field_text(name, code).get(i18n.lang()).to_owned())
                .collect::<Vec<_>>()
        })
    };
    let nothing = Callback::new(|()| {});
    let choices: Vec<(String, String)> = institutions
        .into_iter()
        .map(|i| (i.id, format!("{} ({})", i.name, i.code)))
        .collect();

    view! {
        <section class="section" aria-labelledby="yeni-hesap-baslik">
            <h2 id="yeni-hesap-baslik">{tx(S::StaffCreateHeading)}</h2>
            <ErrorSummary entries />
            <ErrorBox error=failure id="yeni-hesap-hatasi" />
            <form novalidate on:submit=submit>
                <TextField
                    name=field::USERNAME
                    label=S::Username
                    hint=S::HintStaffUsername
                    value=username
                    errors=errors_of(field::USERNAME)
                    options=TextOptions {
                        autocomplete: "off",
                        width: Some("width-20"),
                        ..TextOptions::default()
                    }
                    on_change=nothing
                    on_blur=nothing
                />
                <TextField
                    name=field::DISPLAY_NAME
                    label=S::LabelDisplayName
                    value=display_name
                    errors=errors_of(field::DISPLAY_NAME)
                    options=TextOptions {
                        autocomplete: "off",
                        ..TextOptions::default()
                    }
                    on_change=nothing
                    on_blur=nothing
                />
                <TextField
                    name=field::EMAIL
                    label=S::LabelStaffEmail
                    value=email
                    errors=errors_of(field::EMAIL)
                    options=TextOptions {
                        input_type: "email",
                        autocomplete: "off",
                        ..TextOptions::default()
                    }
                    on_change=nothing
                    on_blur=nothing
                />
                <RadioGroup
                    name=field::ROLE
                    legend=S::Role
                    choices=vec![
                        ("officer", S::StaffRoleOfficer),
                        ("operator", S::KamuSmOperator),
                    ]
                    value=role
                    errors=errors_of(field::ROLE)
                    on_change=nothing
                />
                <SelectField
                    name=field::INSTITUTION_ID
                    label=T::Institution
                    placeholder=S::ChooseInstitution
                    choices
                    value=institution_id
                    errors=errors_of(field::INSTITUTION_ID)
                    autocomplete="off"
                    on_change=nothing
                    on_blur=nothing
                />
                <p class="hint">{tx(S::HintInstitutionOfficer)}</p>
                <button
                    type="submit"
                    class="button"
                    aria-disabled=move || saving.get().then_some("true")
                >
                    {tx(S::StaffCreateButton)}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::problem::Problem;

    #[test]
    fn a_taken_user_name_is_shown_at_the_user_name() {
        let error = ApiError::Problem(Problem::new(ErrorCode::AlreadyExists, ""));
        let errors = as_field_errors(&error).unwrap_or_default();
        let code = &errors.get(field::USERNAME)[0];
        assert_eq!(field_text(field::USERNAME, code), S::StaffUsernameTaken);
    }

    #[test]
    fn every_code_of_the_api_has_its_message() {
        assert_eq!(
            field_text(field::INSTITUTION_ID, "institution_unknown"),
            S::StaffInstitutionUnknown
        );
        assert_eq!(
            field_text(field::INSTITUTION_ID, "required"),
            S::StaffInstitutionRequired
        );
        assert_eq!(
            field_text(field::USERNAME, "too_short"),
            S::StaffUsernameInvalid
        );
        assert_eq!(
            field_text(field::EMAIL, "email_invalid"),
            S::StaffEmailInvalid
        );
        assert_eq!(
            field_text(field::ROLE, "role_invalid"),
            S::StaffRoleRequired
        );
    }

    #[test]
    fn failures_are_counted_in_words() {
        assert_eq!(failures_text(Lang::Tr, 3), "3 başarısız deneme");
        assert_eq!(failures_text(Lang::En, 1), "1 failed attempt");
    }
}
