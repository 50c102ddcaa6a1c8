//! What an operator can do to another staff member's account on "Personel Hesapları", and
//! the confirmation each asks for first (all but unlocking, which only lifts a wait): what
//! it does is said before it is done, and "Vazgeç" leaves the account as it was.

use leptos::prelude::*;
use shared::api::staff::{CreatedStaffAccount, StaffAccount};

use super::session::StaffSession;
use crate::api::{self, ApiError};
use crate::components::confirm::ConfirmButtons;
use crate::i18n::T;
use crate::nav::focus_by_id;
use crate::state::tx;
use crate::texts::S;

pub const CONFIRM_HEADING_ID: &str = "hesap-islemi-onayi";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    Unlock,
    Disable,
    Enable,
    ResetSecondFactor,
    ResetPassword,
}

impl AccountAction {
    /// The actions offered for `account`; none on the operator's own account (`own`).
    pub fn offered(account: &StaffAccount, own: bool) -> Vec<AccountAction> {
        if own {
            return Vec::new();
        }
        let mut actions = Vec::new();
        if account.locked || account.consecutive_failures > 0 {
            actions.push(AccountAction::Unlock);
        }
        if account.disabled {
            actions.push(AccountAction::Enable);
        } else {
            actions.push(AccountAction::Disable);
        }
        if account.totp_enrolled {
            actions.push(AccountAction::ResetSecondFactor);
        }
        actions.push(AccountAction::ResetPassword);
        actions
    }

    pub fn button(self) -> T {
        match self {
            AccountAction::Unlock => S::StaffUnlockButton,
            AccountAction::Disable => S::StaffDisableButton,
            AccountAction::Enable => S::Enable,
            AccountAction::ResetSecondFactor => S::StaffResetSecondFactorButton,
            AccountAction::ResetPassword => S::StaffResetPasswordButton,
        }
    }

    /// The id of the button on `username`'s row (stable for the tests).
    pub fn button_id(self, username: &str) -> String {
        let action = match self {
            AccountAction::Unlock => "unlock",
            AccountAction::Disable => "disable",
            AccountAction::Enable => "enable",
            AccountAction::ResetSecondFactor => "reset-second-factor",
            AccountAction::ResetPassword => "reset-password",
        };
        format!("{action}-{username}")
    }

    /// Title and text of the confirmation; none for unlocking.
    fn confirmation(self) -> Option<(T, T)> {
        match self {
            AccountAction::Unlock => None,
            AccountAction::Disable => {
                Some((S::StaffDisableConfirmTitle, S::StaffDisableConfirmText))
            }
            AccountAction::Enable => Some((S::StaffEnableConfirmTitle, S::StaffEnableConfirmText)),
            AccountAction::ResetSecondFactor => Some((
                S::StaffResetSecondFactorButton,
                S::StaffResetSecondFactorConfirmText,
            )),
            AccountAction::ResetPassword => Some((
                S::StaffResetPasswordButton,
                S::StaffResetPasswordConfirmText,
            )),
        }
    }

    /// Calls the API; a password reset answers the new initial password.
    async fn run(
        self,
        id: &str,
        staff: StaffSession,
    ) -> Result<Option<CreatedStaffAccount>, ApiError> {
        let csrf = staff.csrf().await?;
        let route = match self {
            AccountAction::ResetPassword => {
                return api::staff::reset_password(id, &csrf).await.map(Some);
            }
            AccountAction::Unlock => "unlock",
            AccountAction::Disable => "disable",
            AccountAction::Enable => "enable",
            AccountAction::ResetSecondFactor => "second-factor/reset",
        };
        api::staff::account_action(id, route, &csrf)
            .await
            .map(|_| None)
    }
}

/// What the page does with the outcome of an action.
#[derive(Clone, Copy)]
pub struct ActionOutcome {
    pub staff: StaffSession,
    pub reload: Callback<()>,
    pub failed: Callback<ApiError>,
    /// A password was reset: its new initial password, to show once.
    pub new_password: Callback<CreatedStaffAccount>,
}

/// Starts `action` on `account`: at once for unlocking, else after the confirmation.
pub fn start(
    action: AccountAction,
    account: StaffAccount,
    confirming: RwSignal<Option<(AccountAction, StaffAccount)>>,
    outcome: ActionOutcome,
) {
    if action.confirmation().is_some() {
        confirming.set(Some((action, account)));
        request_animation_frame(|| focus_by_id(CONFIRM_HEADING_ID));
    } else {
        perform(action, account, outcome);
    }
}

fn perform(action: AccountAction, account: StaffAccount, outcome: ActionOutcome) {
    leptos::task::spawn_local(async move {
        match action.run(&account.id, outcome.staff).await {
            Ok(Some(created)) => {
                outcome.new_password.run(created);
                outcome.reload.run(());
            }
            Ok(None) => outcome.reload.run(()),
            Err(e) => outcome.failed.run(e),
        }
    });
}

/// The confirmation of the action waiting in `confirming`.
#[component]
pub fn ConfirmAccountAction(
    confirming: RwSignal<Option<(AccountAction, StaffAccount)>>,
    outcome: ActionOutcome,
) -> impl IntoView {
    move || {
        let (action, account) = confirming.get()?;
        let (title, text) = action.confirmation()?;
        let go = {
            let account = account.clone();
            Callback::new(move |()| {
                confirming.set(None);
                perform(action, account.clone(), outcome);
            })
        };
        Some(view! {
            <section class="card" aria-labelledby=CONFIRM_HEADING_ID>
                <h2 id=CONFIRM_HEADING_ID tabindex="-1">
                    {tx(title)}
                </h2>
                <p>
                    <code>{account.username.clone()}</code>
                    " — "
                    {account.display_name.clone()}
                </p>
                <p class="warning-text">{tx(text)}</p>
                <ConfirmButtons
                    confirm=S::StaffConfirmAction
                    keep=T::Cancel
                    on_confirm=go
                    on_keep=Callback::new(move |()| confirming.set(None))
                />
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::staff::StaffRoleKind;

    fn account() -> StaffAccount {
        StaffAccount {
            id: "a".into(),
            username: "ayse".into(),
            display_name: "Ayşe".into(),
            email: None,
            role: StaffRoleKind::Officer,
            institution_id: Some("i".into()),
            institution_name: None,
            totp_enrolled: true,
            locked: false,
            consecutive_failures: 0,
            created_at: Default::default(),
            disabled: false,
            password_change_required: false,
        }
    }

    #[test]
    fn nothing_is_offered_on_ones_own_account() {
        assert!(AccountAction::offered(&account(), true).is_empty());
    }

    #[test]
    fn a_disabled_account_is_offered_enabling_and_a_locked_one_unlocking() {
        use AccountAction::*;
        assert_eq!(
            AccountAction::offered(&account(), false),
            [Disable, ResetSecondFactor, ResetPassword]
        );
        let mut other = account();
        other.disabled = true;
        other.locked = true;
        other.totp_enrolled = false;
        assert_eq!(
            AccountAction::offered(&other, false),
            [Unlock, Enable, ResetPassword]
        );
    }

    #[test]
    fn everything_but_unlocking_asks_first() {
        assert!(AccountAction::Unlock.confirmation().is_none());
        for action in [
            AccountAction::Disable,
            AccountAction::Enable,
            AccountAction::ResetSecondFactor,
            AccountAction::ResetPassword,
        ] {
            assert!(action.confirmation().is_some(), "{action:?}");
        }
    }
}
