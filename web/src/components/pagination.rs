//! GOV.UK pagination: "Önceki" and "Sonraki" links around the page numbers, the first and
//! the last always there, the current one's neighbours, and an ellipsis for the gaps.

use leptos::prelude::*;

use crate::i18n::{Lang, T};
use crate::state::{tx, use_i18n};

/// One place in the row of page numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageItem {
    Number(u32),
    Gap,
}

/// The numbers shown for page `current` of `pages`: 1, the current one and its
/// neighbours, the last; a gap where numbers are left out.
pub fn page_items(current: u32, pages: u32) -> Vec<PageItem> {
    let mut items = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        let near = n + 1 >= current && n <= current + 1;
        if n == 1 || n == pages || near {
            if n > last_shown + 1 {
                items.push(PageItem::Gap);
            }
            items.push(PageItem::Number(n));
            last_shown = n;
        }
    }
    items
}

fn page_label(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Tr => format!("Sayfa {n}"),
        Lang::En => format!("Page {n}"),
    }
}

/// Nothing when everything fits on one page. `href` gives a page's address.
#[component]
pub fn Pagination(current: u32, pages: u32, href: Callback<u32, String>) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        let previous = (current > 1).then(|| {
            view! {
                <div class="pagination-prev">
                    <a class="pagination-link" href=href.run(current - 1) rel="prev">
                        {tx(T::PreviousPage)}
                        <span class="visually-hidden">{tx(T::PageWord)}</span>
                    </a>
                </div>
            }
        });
        let next = (current < pages).then(|| {
            view! {
                <div class="pagination-next">
                    <a class="pagination-link" href=href.run(current + 1) rel="next">
                        {tx(T::NextPage)}
                        <span class="visually-hidden">{tx(T::PageWord)}</span>
                    </a>
                </div>
            }
        });
        let items = page_items(current, pages)
            .into_iter()
            .map(|item| match item {
                PageItem::Gap => {
                    view! { <li class="pagination-item pagination-gap">"⋯"</li> }.into_any()
                }
                PageItem::Number(n) => {
                    let is_current = n == current;
                    view! {
                        <li class="pagination-item" class:pagination-item-current=is_current>
                            <a
                                class="pagination-link"
                                href=href.run(n)
                                aria-label=move || page_label(i18n.lang(), n)
                                aria-current=is_current.then_some("page")
                            >
                                {n}
                            </a>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! {
            <nav class="pagination" aria-label=tx(T::PaginationLabel)>
                {previous}
                <ul class="pagination-list">{items}</ul>
                {next}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use PageItem::{Gap, Number};

    #[test]
    fn a_few_pages_are_all_shown() {
        assert_eq!(page_items(1, 3), [Number(1), Number(2), Number(3)]);
        assert_eq!(page_items(1, 1), [Number(1)]);
    }

    #[test]
    fn many_pages_show_the_ends_and_the_current_neighbours_with_gaps() {
        assert_eq!(
            page_items(15, 31),
            [
                Number(1),
                Gap,
                Number(14),
                Number(15),
                Number(16),
                Gap,
                Number(31)
            ]
        );
        assert_eq!(page_items(1, 31), [Number(1), Number(2), Gap, Number(31)]);
        assert_eq!(
            page_items(3, 31),
            [Number(1), Number(2), Number(3), Number(4), Gap, Number(31)]
        );
    }
}
