//! `/basvuru/:id/e-imza`: approval with e-İmza comes with the signing application.

use leptos::prelude::*;

use super::{application_id, application_url};
use crate::i18n::T;
use crate::state::{application_trail, set_page, tx};

#[component]
pub fn EImzaPage() -> impl IntoView {
    let id = application_id();
    set_page(T::EImzaTitle, application_trail(T::EImzaTitle));
    view! {
        <h1>{tx(T::EImzaTitle)}</h1>
        <p class="lead">{tx(T::EImzaText)}</p>
        <p>{tx(T::EImzaMeanwhile)}</p>
        <p>
            <a class="button" href=move || application_url(&id.get(), "onay")>
                {tx(T::EImzaBack)}
            </a>
        </p>
    }
}
