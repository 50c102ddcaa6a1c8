//! The two buttons under a question that asks before something hard to undo: the warning
//! button that does it and the secondary one that leaves things as they were.

use leptos::prelude::*;

use crate::i18n::T;
use crate::state::tx;

#[component]
pub fn ConfirmButtons(
    /// "Evet, …": does it.
    confirm: T,
    /// "Vazgeç": leaves things as they were.
    keep: T,
    on_confirm: Callback<()>,
    on_keep: Callback<()>,
    /// While the answer is awaited the confirm button is disabled.
    #[prop(into, optional)]
    busy: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="button-group">
            <button
                type="button"
                class="button button-warning"
                disabled=move || busy.get()
                on:click=move |_| on_confirm.run(())
            >
                {tx(confirm)}
            </button>
            <button type="button" class="button button-secondary" on:click=move |_| on_keep.run(())>
                {tx(keep)}
            </button>
        </div>
    }
}
