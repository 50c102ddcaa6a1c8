//! The one table of the app: a caption that names a scrolling region (reachable and
//! scrollable by keyboard on a narrow screen), column headers, and the rows the page makes.
//! A stacked table turns each row into a card on a narrow screen; the explicit ARIA roles
//! keep it a table for screen readers once CSS has changed its display.

use leptos::prelude::*;

use crate::i18n::T;
use crate::state::tx;

#[component]
pub fn DataTable(
    /// The caption's id; it names the scrolling region.
    #[prop(into)]
    id: String,
    caption: T,
    /// The column headers, in order.
    columns: Vec<T>,
    /// Rows become cards on a narrow screen (each cell labelled by its `data-label`).
    #[prop(optional)]
    stacked: bool,
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    let (table_class, group_role, row_role, header_role) = if stacked {
        (
            "table table-stack",
            Some("rowgroup"),
            Some("row"),
            Some("columnheader"),
        )
    } else {
        ("table", None, None, None)
    };
    let headers = columns
        .into_iter()
        .map(|column| view! { <th scope="col" role=header_role>{tx(column)}</th> })
        .collect_view();
    let region_label = id.clone();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby=region_label>
            <table class=table_class role=stacked.then_some("table")>
                <caption class="table-caption" id=id>
                    {tx(caption)}
                </caption>
                <thead role=group_role>
                    <tr role=row_role>{headers}</tr>
                </thead>
                <tbody role=group_role>{children()}</tbody>
            </table>
        </div>
    }
}
