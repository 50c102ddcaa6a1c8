//! `/basvuru/:id/onay`: "E-Onay Verme" (TAL.01.16 §3.4).
//!
//! 1. Without earlier consent to e-Onay, the consent step comes first; it is needed for
//!    E-Onay only (e-İmza needs no e-Onay consent, so the rest is shown regardless).
//! 2. The Taahhütname is opened ("Taahhütnameyi Oku") and read to its end; only then can its
//!    box be ticked. Both methods need the box ticked.
//! 3. "E-Onay" approves (after the consent); "e-İmza ile Onayla" opens a signing session and
//!    leads to the e-İmza page with its verification code.

use leptos::html;
use leptos::prelude::*;
use shared::api::{
    ApplicationDetail, ApproveWithEOnayRequest, Fees, SessionInfo, StartEImzaSigningRequest,
    Taahhutname,
};
use shared::form::{ApplicationForm, CertificateTerm};
use shared::problem::ErrorCode;
use shared::workflow::{ApplicationState, Payer};

use super::{application_id, application_url};
use crate::api::{self, ApiError};
use crate::components::feedback::{loaded_page, ErrorBox};
use crate::components::fields::{focus_error_summary, ErrorSummary, FieldError, SummaryEntry};
use crate::components::steps::{Step, StepIndicator};
use crate::i18n::messages::version;
use crate::i18n::{Lang, T};
use crate::nav::{focus_by_id, use_nav};
use crate::state::{
    application_trail, set_page, tx, use_e_imza, use_i18n, use_session, AcceptedTaahhutname,
    OpenedSigning,
};
use crate::time;

const CONSENT_BOX_ID: &str = "e-onay-izni";
const ACCEPT_BOX_ID: &str = "taahhutname-kabul";
const TAAHHUTNAME_HEADING_ID: &str = "taahhutname-baslik";
const TAAHHUTNAME_TEXT_ID: &str = "taahhutname-metni";
const ACTION_ERROR_ID: &str = "onay-hatasi";
const E_IMZA_BUTTON_ID: &str = "e-imza-ile-onayla";
const READ_BUTTON_ID: &str = "taahhutnameyi-oku";

/// Scrolled this close to the end counts as read (sub-pixel rounding, zoom).
const END_TOLERANCE_PX: i32 = 8;

/// The Taahhütname's text as paragraphs (split at blank lines), each a list of lines.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a scroll box shows its end (or had nothing to scroll).
pub fn at_end(scroll_top: i32, client_height: i32, scroll_height: i32) -> bool {
    scroll_top + client_height + END_TOLERANCE_PX >= scroll_height
}

#[derive(Debug, Clone)]
struct ApprovalData {
    session: SessionInfo,
    detail: ApplicationDetail,
    taahhutname: Taahhutname,
}

#[component]
pub fn ApprovalPage() -> impl IntoView {
    set_page(T::ApprovalTitle, application_trail(T::ApprovalTitle));
    let session = use_session();
    let id = application_id();
    let load = move || {
        let id = id.get();
        async move {
            // The session tells whether the person has consented to e-Onay before.
            let info = session.load().await?;
            let detail = api::application(&id).await?;
            let taahhutname = api::taahhutname().await?;
            Ok::<_, ApiError>(ApprovalData {
                session: info,
                detail,
                taahhutname,
            })
        }
    };
    loaded_page(T::ApprovalTitle, load, |data: ApprovalData| {
        if data.detail.summary.state == ApplicationState::PhoneVerified {
            view! { <Approval data /> }.into_any()
        } else {
            view! { <NotReady detail=data.detail /> }.into_any()
        }
    })
}

/// What approving sets off, for whoever pays and whether production waits for the payment.
pub fn approval_intro(payer: Payer, prepaid: bool) -> T {
    match (payer, prepaid) {
        (Payer::Person, true) => T::ApprovalIntroPersonPrepaid,
        (Payer::Person, false) => T::ApprovalIntroPersonPostpaid,
        (Payer::Institution, true) => T::ApprovalIntroInstitutionPrepaid,
        (Payer::Institution, false) => T::ApprovalIntroInstitutionPostpaid,
    }
}

#[component]
fn NotReady(detail: ApplicationDetail) -> impl IntoView {
    let id = detail.summary.id.clone();
    let link = match detail.summary.state {
        ApplicationState::PreApplication => Some((T::GoToForm, application_url(&id, "form"))),
        ApplicationState::FormSubmitted => Some((T::ActionEnterSms, application_url(&id, "sms"))),
        ApplicationState::Cancelled | ApplicationState::Expired => None,
        _ => Some((T::ActionResult, application_url(&id, "sonuc"))),
    };
    view! {
        <h1>{tx(T::ApprovalTitle)}</h1>
        <p class="lead">{tx(T::NotReadyForApproval)}</p>
        {link
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

/// Where "tick the box" leads: the box once it can be ticked; before, the Taahhütname's text
/// while it is shown (reading it to the end enables the box), else the button that shows it.
/// A disabled box cannot take focus, so a link to it would leave focus on the link.
pub fn acceptance_target(read: bool, open: bool) -> &'static str {
    match (read, open) {
        (true, _) => ACCEPT_BOX_ID,
        (false, true) => TAAHHUTNAME_TEXT_ID,
        (false, false) => READ_BUTTON_ID,
    }
}

#[component]
fn Approval(data: ApprovalData) -> impl IntoView {
    let i18n = use_i18n();
    let consent_given = RwSignal::new(data.session.e_onay_consent_given);
    let just_consented = RwSignal::new(false);
    let action_error = RwSignal::new(None::<ApiError>);
    let missing = Missing {
        consent: RwSignal::new(false),
        acceptance: RwSignal::new(false),
    };
    // Whether the Taahhütname has been read to its end (its box can be ticked only then).
    let read = RwSignal::new(false);
    // Whether its text is shown.
    let open = RwSignal::new(false);
    let fee = fee_view(data.detail.fees.as_ref(), data.detail.form.as_ref());
    let summary = data.detail.summary;
    let intro = approval_intro(summary.payer, summary.prepaid);
    let id = StoredValue::new(summary.id.clone());
    let taahhutname = data.taahhutname;

    // One error summary for the page, whichever step is missing something.
    let entries = Signal::derive(move || {
        let mut entries = Vec::new();
        if missing.consent.get() {
            entries.push(SummaryEntry {
                message: i18n.t(T::ConsentRequired).to_owned(),
                target: CONSENT_BOX_ID.to_owned(),
            });
        }
        if missing.acceptance.get() {
            entries.push(SummaryEntry {
                message: i18n.t(T::AcceptRequired).to_owned(),
                target: acceptance_target(read.get(), open.get()).to_owned(),
            });
        }
        entries
    });
    view! {
        <StepIndicator current=Step::Approval />
        <ErrorBox error=action_error id=ACTION_ERROR_ID />
        <ErrorSummary entries />
        <h1>{tx(T::ApprovalTitle)}</h1>
        <p class="lead">{tx(intro)}</p>
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{tx(T::Reference)}</dt>
                <dd>{summary.reference}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::Institution)}</dt>
                <dd>{summary.institution}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::LabelFee)}</dt>
                <dd>{fee}</dd>
            </div>
        </dl>
        <Show when=move || !consent_given.get()>
            <ConsentStep consent_given just_consented missing action_error />
        </Show>
        <Show when=move || just_consented.get() && consent_given.get()>
            <p class="notice" role="status">
                {tx(T::ConsentGiven)}
            </p>
        </Show>
        <TaahhutnameAndApproval id taahhutname consent_given missing read open action_error />
    }
}

/// What the person will pay for the term on their form — before they approve it.
fn fee_view(fees: Option<&Fees>, form: Option<&ApplicationForm>) -> AnyView {
    let Some(fees) = fees else {
        return tx(T::FeePaidByInstitution).into_any();
    };
    let Some((fee, term)) = form.and_then(|form| {
        let term = form.certificate_term;
        fees.of(term.years())
            .map(|fee| (fee.amount_display.clone(), term))
    }) else {
        return tx(T::FeeHint).into_any();
    };
    let term = match term {
        CertificateTerm::OneYear => T::Term1,
        CertificateTerm::TwoYears => T::Term2,
        CertificateTerm::ThreeYears => T::Term3,
    };
    view! {
        <strong>{fee}</strong>
        " (" {tx(term)} ")"
        {fees.production_waits_for_payment.then(|| view! { <br /> <span class="hint">{tx(T::FeePrepaidHint)}</span> })}
    }
    .into_any()
}

/// What a failed press found missing: the consent box, or the Taahhütname's box.
#[derive(Debug, Clone, Copy)]
struct Missing {
    consent: RwSignal<bool>,
    acceptance: RwSignal<bool>,
}

/// "E-Onay ile işlem yapmayı kabul ediyorum", once per person; needed for E-Onay only.
#[component]
fn ConsentStep(
    consent_given: RwSignal<bool>,
    just_consented: RwSignal<bool>,
    missing: Missing,
    action_error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let nav = use_nav();
    let ticked = RwSignal::new(false);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action_error.set(None);
        missing.acceptance.set(false);
        if !ticked.get_untracked() {
            missing.consent.set(true);
            focus_error_summary();
            return;
        }
        missing.consent.set(false);
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = match session.csrf().await {
                Ok(token) => api::give_e_onay_consent(&token).await,
                Err(e) => Err(e),
            };
            saving.set(false);
            match result {
                Ok(_) => {
                    session.consent_given();
                    just_consented.set(true);
                    consent_given.set(true);
                    request_animation_frame(|| focus_by_id(TAAHHUTNAME_HEADING_ID));
                }
                Err(ApiError::Unauthenticated) => nav.session_ended(session),
                Err(e) => {
                    action_error.set(Some(e));
                    request_animation_frame(|| focus_by_id(ACTION_ERROR_ID));
                }
            }
        });
    };

    let messages = Signal::derive(move || {
        if missing.consent.get() {
            vec![i18n.t(T::ConsentRequired).to_owned()]
        } else {
            Vec::new()
        }
    });

    view! {
        <section class="section" aria-labelledby="e-onay-izni-baslik">
            <h2 id="e-onay-izni-baslik">{tx(T::ConsentHeading)}</h2>
            <p>{tx(T::ConsentText)}</p>
            <p class="hint">{tx(T::ConsentSkipForEImza)}</p>
            <form novalidate on:submit=submit>
                <div class="form-group" class:form-group-error=move || missing.consent.get()>
                    <FieldError id="e-onay-izni-hata".to_owned() messages />
                    <div class="checkbox">
                        <input
                            class="checkbox-input"
                            type="checkbox"
                            id=CONSENT_BOX_ID
                            aria-describedby=move || {
                                missing.consent.get().then_some("e-onay-izni-hata")
                            }
                            aria-invalid=move || missing.consent.get().then_some("true")
                            prop:checked=move || ticked.get()
                            on:change=move |ev| ticked.set(event_target_checked(&ev))
                        />
                        <label class="checkbox-label" for=CONSENT_BOX_ID>
                            {tx(T::ConsentCheckbox)}
                        </label>
                    </div>
                </div>
                <button type="submit" class="button" disabled=move || saving.get()>
                    {tx(T::ConsentButton)}
                </button>
            </form>
        </section>
    }
}

#[component]
fn TaahhutnameAndApproval(
    id: StoredValue<String>,
    taahhutname: Taahhutname,
    consent_given: RwSignal<bool>,
    missing: Missing,
    read: RwSignal<bool>,
    open: RwSignal<bool>,
    action_error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let e_imza = use_e_imza();
    let nav = use_nav();
    // Accepted earlier in this visit (before going to the e-İmza page): still read and ticked.
    let accepted_before = e_imza
        .accepted_for(&id.get_value())
        .is_some_and(|a| a.version == taahhutname.version && a.sha256 == taahhutname.sha256);
    if accepted_before {
        read.set(true);
    }
    let accepted = RwSignal::new(accepted_before);
    let approving = RwSignal::new(false);
    let starting = RwSignal::new(false);
    let text_box = NodeRef::<html::Div>::new();
    let claim = StoredValue::new((taahhutname.version.clone(), taahhutname.sha256.clone()));

    let check_read = move || {
        if let Some(el) = text_box.get_untracked() {
            if at_end(el.scroll_top(), el.client_height(), el.scroll_height()) {
                read.set(true);
            }
        }
    };
    let toggle = move |_| {
        let now_open = !open.get_untracked();
        open.set(now_open);
        if now_open {
            // Once shown: a text that fits without scrolling counts as read; focus goes into
            // the text so that the keyboard scrolls it.
            request_animation_frame(move || {
                check_read();
                focus_by_id(TAAHHUTNAME_TEXT_ID);
            });
        }
    };

    // Both methods need the box ticked; says so when it is not.
    let ready = move || {
        action_error.set(None);
        missing.consent.set(false);
        if accepted.get_untracked() {
            missing.acceptance.set(false);
            true
        } else {
            missing.acceptance.set(true);
            focus_error_summary();
            false
        }
    };
    let failed = move |e: ApiError| match e {
        ApiError::Unauthenticated => nav.session_ended(session),
        e => {
            action_error.set(Some(e));
            request_animation_frame(|| focus_by_id(ACTION_ERROR_ID));
        }
    };

    let approve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !ready() {
            return;
        }
        approving.set(true);
        let (taahhutname_version, taahhutname_sha256) = claim.get_value();
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            let request = ApproveWithEOnayRequest {
                taahhutname_version,
                taahhutname_sha256,
                accepted: true,
            };
            let result = match session.csrf().await {
                Ok(token) => api::approve_with_e_onay(&id, &request, &token).await,
                Err(e) => Err(e),
            };
            approving.set(false);
            match result {
                Ok(_) => nav.go(&application_url(&id, "sonuc")),
                Err(e) => {
                    if e.code() == Some(ErrorCode::EOnayConsentRequired) {
                        consent_given.set(false);
                    }
                    failed(e);
                }
            }
        });
    };

    let start_e_imza = move |_| {
        if !ready() {
            return;
        }
        starting.set(true);
        let (version, sha256) = claim.get_value();
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            let request = StartEImzaSigningRequest {
                taahhutname_version: version.clone(),
                taahhutname_sha256: sha256.clone(),
                accepted: true,
            };
            let result = match session.csrf().await {
                Ok(token) => api::start_e_imza(&id, &request, &token).await,
                Err(e) => Err(e),
            };
            starting.set(false);
            match result {
                Ok(signing) => {
                    e_imza.accepted.set(Some(AcceptedTaahhutname {
                        application_id: id.clone(),
                        version,
                        sha256,
                    }));
                    e_imza.opened.set(Some(OpenedSigning {
                        application_id: id.clone(),
                        session: signing,
                        received_at: time::now(),
                    }));
                    nav.go(&application_url(&id, "e-imza"));
                }
                Err(e) => failed(e),
            }
        });
    };

    let on_accept_change = move |ev: leptos::ev::Event| {
        let ticked = event_target_checked(&ev);
        accepted.set(ticked);
        if !ticked {
            // Taken back: a new e-İmza code needs it ticked again.
            e_imza.accepted.set(None);
        }
    };

    let messages = Signal::derive(move || {
        if missing.acceptance.get() {
            vec![i18n.t(T::AcceptRequired).to_owned()]
        } else {
            Vec::new()
        }
    });

    let text = paragraphs(&taahhutname.text)
        .into_iter()
        .map(|lines| {
            let count = lines.len();
            let body = lines
                .into_iter()
                .enumerate()
                .map(|(i, line)| view! { {line} {(i + 1 < count).then(|| view! { <br /> })} })
                .collect_view();
            view! { <p>{body}</p> }
        })
        .collect_view();
    let title = taahhutname.title.clone();
    let version_text = taahhutname.version.clone();

    view! {
        <section class="section" aria-labelledby=TAAHHUTNAME_HEADING_ID>
            <h2 id=TAAHHUTNAME_HEADING_ID tabindex="-1">
                {tx(T::TaahhutnameHeading)}
            </h2>
            <p>{tx(T::TaahhutnameIntro)}</p>
            <button
                type="button"
                class="button button-secondary"
                id=READ_BUTTON_ID
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="taahhutname"
                on:click=toggle
            >
                {tx(T::ReadTaahhutname)}
            </button>
            <div class="taahhutname" id="taahhutname" hidden=move || !open.get()>
                <h3 lang="tr" id="taahhutname-adi">
                    {title}
                </h3>
                <p class="hint">{move || version(i18n.lang(), &version_text)}</p>
                <Show when=move || i18n.lang() == Lang::En>
                    <p class="hint">{tx(T::TaahhutnameTurkishOnly)}</p>
                </Show>
                <div
                    class="taahhutname-text"
                    id=TAAHHUTNAME_TEXT_ID
                    node_ref=text_box
                    role="region"
                    tabindex="0"
                    aria-label=tx(T::TaahhutnameTextLabel)
                    on:scroll=move |_| check_read()
                >
                    <div lang="tr">{text}</div>
                    <p class="end-marker">{tx(T::TaahhutnameEnd)}</p>
                </div>
            </div>
        </section>

        <section class="section" aria-labelledby="onay-baslik">
            <h2 id="onay-baslik">{tx(T::ApprovalMethodsHeading)}</h2>
            <form novalidate on:submit=approve>
                <div class="form-group" class:form-group-error=move || missing.acceptance.get()>
                    <FieldError id="taahhutname-kabul-hata".to_owned() messages />
                    <div class="checkbox">
                        <input
                            class="checkbox-input"
                            type="checkbox"
                            id=ACCEPT_BOX_ID
                            disabled=move || !read.get()
                            aria-describedby=move || {
                                if missing.acceptance.get() {
                                    "taahhutname-kabul-ipucu taahhutname-kabul-hata"
                                } else {
                                    "taahhutname-kabul-ipucu"
                                }
                            }
                            aria-invalid=move || missing.acceptance.get().then_some("true")
                            prop:checked=move || accepted.get()
                            on:change=on_accept_change
                        />
                        <label class="checkbox-label" for=ACCEPT_BOX_ID>
                            {tx(T::AcceptCheckbox)}
                        </label>
                    </div>
                    <p class="hint checkbox-hint" id="taahhutname-kabul-ipucu" aria-live="polite">
                        {move || {
                            i18n.t(if read.get() { T::AcceptReadyHint } else { T::AcceptLockedHint })
                        }}
                    </p>
                </div>
                <Show when=move || !consent_given.get()>
                    <p class="hint">
                        <a
                            href=format!("#{CONSENT_BOX_ID}")
                            on:click=|ev| {
                                ev.prevent_default();
                                focus_by_id(CONSENT_BOX_ID);
                            }
                        >
                            {tx(T::EOnayNeedsConsent)}
                        </a>
                    </p>
                </Show>
                <div class="button-group">
                    <Show when=move || consent_given.get()>
                        <button type="submit" class="button" disabled=move || approving.get()>
                            {tx(T::EOnayButton)}
                        </button>
                    </Show>
                    <button
                        type="button"
                        id=E_IMZA_BUTTON_ID
                        class=move || {
                            if consent_given.get() { "button button-secondary" } else { "button" }
                        }
                        disabled=move || starting.get()
                        aria-describedby="e-imza-ipucu"
                        on:click=start_e_imza
                    >
                        {tx(T::EImzaButton)}
                    </button>
                </div>
                <p class="hint" id="e-imza-ipucu">
                    {tx(T::EImzaButtonHint)}
                </p>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_missing_acceptance_leads_to_something_that_can_take_focus() {
        assert_eq!(acceptance_target(false, false), READ_BUTTON_ID);
        assert_eq!(acceptance_target(false, true), TAAHHUTNAME_TEXT_ID);
        assert_eq!(acceptance_target(true, true), ACCEPT_BOX_ID);
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_keep_their_lines() {
        let text = "BAŞLIK\n\nBirinci paragraf.\nİkinci satır.\n\n\n2. Madde.\n";
        assert_eq!(
            paragraphs(text),
            vec![
                vec!["BAŞLIK".to_owned()],
                vec!["Birinci paragraf.".to_owned(), "İkinci satır.".to_owned()],
                vec!["2. Madde.".to_owned()],
            ]
        );
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        // Rendered as text nodes, never as HTML: this is just a paragraph with brackets.
        assert_eq!(paragraphs("<b>x</b>"), vec![vec!["<b>x</b>".to_owned()]]);
    }

    #[test]
    fn the_intro_speaks_of_prepayment_only_where_it_applies_and_of_the_right_payer() {
        let intros = [
            approval_intro(Payer::Person, true),
            approval_intro(Payer::Person, false),
            approval_intro(Payer::Institution, true),
            approval_intro(Payer::Institution, false),
        ];
        for (i, a) in intros.iter().enumerate() {
            assert!(!intros[i + 1..].contains(a));
        }
        let institution = approval_intro(Payer::Institution, true).get(crate::i18n::Lang::Tr);
        assert!(institution.contains("kurumunuzun ödemesi"));
        assert!(!approval_intro(Payer::Institution, false)
            .get(crate::i18n::Lang::Tr)
            .contains("ön ödemeli"));
    }

    #[test]
    fn the_end_counts_within_a_few_pixels() {
        assert!(at_end(0, 400, 400));
        assert!(at_end(595, 400, 1000));
        assert!(!at_end(500, 400, 1000));
    }
}
