//! `/nes-islemleri`: the menu NES İşlemleri → Bireysel İşlemler → Başvuru İşlemleri
//! ("Kurum/Kişi Ödemeli Başvuru"), as the instruction's Şekil 1.

use leptos::prelude::*;

use crate::i18n::T;
use crate::state::{set_page, tx, Crumb};

#[component]
pub fn MenuPage() -> impl IntoView {
    set_page(
        T::MenuTitle,
        vec![Crumb::link(T::ServiceName, "/"), Crumb::here(T::MenuTitle)],
    );
    view! {
        <h1>{tx(T::MenuTitle)}</h1>
        <nav class="menu" aria-label=tx(T::MenuNavLabel)>
            <h2 class="menu-group">{tx(T::MenuIndividual)}</h2>
            <ul class="menu-list">
                <li class="card">
                    <h3 class="menu-item-title">{tx(T::ApplicationsTitle)}</h3>
                    <ul class="menu-sublist">
                        <li>
                            <a class="menu-link" href="/basvuru-islemleri">
                                {tx(T::MenuPaidApplication)}
                            </a>
                            <p class="hint">{tx(T::MenuPaidApplicationHint)}</p>
                        </li>
                    </ul>
                </li>
                <li class="card">
                    <h3 class="menu-item-title">{tx(T::MenuAccount)}</h3>
                    <ul class="menu-sublist">
                        <li>
                            <a class="menu-link" href="/hesabim/gecis-anahtarlari">
                                {tx(T::PasskeysTitle)}
                            </a>
                            <p class="hint">{tx(T::MenuPasskeysHint)}</p>
                        </li>
                    </ul>
                </li>
            </ul>
        </nav>
    }
}
