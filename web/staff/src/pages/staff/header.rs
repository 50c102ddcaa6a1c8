//! The staff part of the page header: who is logged in (name and role), "Parolayı değiştir"
//! and "Çıkış". The staff session is asked for only on the staff areas' pages.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::api::staff::{StaffRoleKind, StaffSessionStage};

use super::session::{use_staff_session, StaffSessionState, LOGIN_PATH, PASSWORD_PATH};
use crate::api::{self, ApiError};
use crate::i18n::T;
use crate::nav::{is_staff_path, use_nav};
use crate::state::{tx, use_i18n};
use crate::texts::S;

pub fn role_text(role: StaffRoleKind) -> T {
    match role {
        StaffRoleKind::Officer => S::StaffRoleOfficer,
        StaffRoleKind::Operator => S::KamuSmOperator,
    }
}

#[component]
pub fn StaffHeaderTools() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let nav = use_nav();
    let location = use_location();
    let failed = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        let path = location.pathname.get();
        if is_staff_path(&path) && staff.state.get_untracked() == StaffSessionState::Unknown {
            leptos::task::spawn_local(async move {
                // A failure leaves the header without the staff member; the page reports it.
                let _ = staff.load().await;
            });
        }
    });

    let logout = move |_| {
        failed.set(None);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => api::staff::log_out(&token).await,
                Err(e) => Err(e),
            };
            match result {
                // Already logged out counts as done.
                Ok(()) | Err(ApiError::Unauthenticated) => {
                    staff.ended();
                    nav.go(LOGIN_PATH);
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };

    move || {
        staff.info().map(|info| {
            let role = role_text(info.role);
            let active = info.stage == StaffSessionStage::Active;
            view! {
                <p class="person">
                    <span class="visually-hidden">{tx(S::StaffSessionLabel)} ": "</span>
                    {info.display_name.clone()}
                    " ("
                    {tx(role)}
                    ")"
                </p>
                {active
                    .then(|| {
                        view! {
                            <a class="header-button header-link" href=PASSWORD_PATH>
                                {tx(S::StaffPasswordTitle)}
                            </a>
                        }
                    })}
                <button type="button" class="header-button" on:click=logout>
                    {tx(T::Logout)}
                </button>
                {move || {
                    failed
                        .get()
                        .map(|e| {
                            view! {
                                <p class="header-alert" role="alert">
                                    {tx(T::LogoutFailed)}
                                    " "
                                    {move || e.message(i18n.lang())}
                                </p>
                            }
                        })
                }}
            }
        })
    }
}
