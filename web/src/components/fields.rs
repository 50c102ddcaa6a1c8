//! Form building blocks in the GOV.UK pattern: label, hint, error message, control; an error
//! summary at the top whose links move focus to the fields.

use leptos::prelude::*;

use crate::i18n::T;
use crate::nav::focus_by_id;
use crate::state::{tx, use_i18n};

/// The id of the error summary, so that it can receive focus after a failed submit.
pub const ERROR_SUMMARY_ID: &str = "hata-ozeti";

/// One line of the error summary: the message and the id of the control it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryEntry {
    pub message: String,
    pub target: String,
}

/// Moves focus to the error summary once it is on the page.
pub fn focus_error_summary() {
    request_animation_frame(|| focus_by_id(ERROR_SUMMARY_ID));
}

/// "Bir sorun var": a list of links to the fields in error; receives focus.
#[component]
pub fn ErrorSummary(#[prop(into)] entries: Signal<Vec<SummaryEntry>>) -> impl IntoView {
    view! {
        <Show when=move || !entries.read().is_empty()>
            <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                id=ERROR_SUMMARY_ID
                aria-labelledby="hata-ozeti-baslik"
            >
                <h2 class="error-summary-title" id="hata-ozeti-baslik">
                    {tx(T::ErrorSummaryTitle)}
                </h2>
                <ul class="error-summary-list">
                    {move || {
                        entries
                            .get()
                            .into_iter()
                            .map(|entry| {
                                let target = entry.target.clone();
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{}", entry.target)
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                focus_by_id(&target);
                                            }
                                        >
                                            {entry.message}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The ids that belong to one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldIds {
    pub control: String,
    pub hint: String,
    pub error: String,
}

impl FieldIds {
    pub fn new(name: &str) -> FieldIds {
        FieldIds {
            control: name.replace('_', "-"),
            hint: format!("{}-ipucu", name.replace('_', "-")),
            error: format!("{}-hata", name.replace('_', "-")),
        }
    }

    /// `aria-describedby`: the hint and, when there is one, the error.
    pub fn described_by(&self, has_hint: bool, has_error: bool) -> Option<String> {
        let ids: Vec<&str> = [(has_hint, &self.hint), (has_error, &self.error)]
            .into_iter()
            .filter_map(|(on, id)| on.then_some(id.as_str()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The field's own error messages, each after a hidden "Hata:".
#[component]
pub fn FieldError(id: String, #[prop(into)] messages: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !messages.read().is_empty()>
            <p class="error-message" id=id.clone()>
                {move || {
                    messages
                        .get()
                        .into_iter()
                        .map(|m| {
                            view! {
                                <span class="error-line">
                                    <span class="visually-hidden">{i18n.t(T::ErrorPrefix)} " "</span>
                                    {m}
                                </span>
                            }
                        })
                        .collect_view()
                }}
            </p>
        </Show>
    }
}

/// How a text control looks and what the browser may offer for it.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    pub input_type: &'static str,
    pub autocomplete: &'static str,
    pub inputmode: Option<&'static str>,
    /// A CSS width class (`width-10`, `width-20`), full width when `None`.
    pub width: Option<&'static str>,
    pub multiline: bool,
    pub spellcheck: bool,
}

/// A labelled text input (or textarea) with hint and error message.
#[component]
pub fn TextField(
    /// The field's name (`shared::form::field::*`).
    name: &'static str,
    label: T,
    #[prop(optional)] hint: Option<T>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<String>>,
    options: TextOptions,
    /// Called after every change.
    on_change: Callback<()>,
    /// Called when the control loses focus.
    on_blur: Callback<()>,
) -> impl IntoView {
    let ids = FieldIds::new(name);
    let has_error = move || !errors.read().is_empty();
    let described_by = {
        let ids = ids.clone();
        move || ids.described_by(hint.is_some(), has_error())
    };
    let class = match options.width {
        Some(width) => format!("input {width}"),
        None => "input".to_owned(),
    };
    let input_type = if options.input_type.is_empty() {
        "text"
    } else {
        options.input_type
    };
    let on_input = move |ev: leptos::ev::Event| {
        value.set(event_target_value(&ev));
        on_change.run(());
    };
    let control = if options.multiline {
        view! {
            <textarea
                class=format!("{class} textarea")
                id=ids.control.clone()
                name=name
                rows="3"
                autocomplete=options.autocomplete
                spellcheck=if options.spellcheck { "true" } else { "false" }
                aria-describedby=described_by.clone()
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || value.get()
                on:input=on_input
                on:blur=move |_| on_blur.run(())
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class=class
                id=ids.control.clone()
                name=name
                type=input_type
                autocomplete=options.autocomplete
                inputmode=options.inputmode
                spellcheck=if options.spellcheck { "true" } else { "false" }
                aria-describedby=described_by.clone()
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || value.get()
                on:input=on_input
                on:blur=move |_| on_blur.run(())
            />
        }
        .into_any()
    };
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for=ids.control.clone()>
                {tx(label)}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <p class="hint" id=ids.hint.clone()>
                            {tx(hint)}
                        </p>
                    }
                })}
            <FieldError id=ids.error.clone() messages=errors />
            {control}
        </div>
    }
}

/// A labelled `<select>`: `(value, text)` choices after an empty "choose" option.
#[component]
pub fn SelectField(
    name: &'static str,
    label: T,
    placeholder: T,
    choices: Vec<(String, String)>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<String>>,
    autocomplete: &'static str,
    on_change: Callback<()>,
    on_blur: Callback<()>,
) -> impl IntoView {
    let ids = FieldIds::new(name);
    let has_error = move || !errors.read().is_empty();
    let described_by = {
        let ids = ids.clone();
        move || ids.described_by(false, has_error())
    };
    let options = choices
        .into_iter()
        .map(|(choice, text)| {
            let selected = {
                let choice = choice.clone();
                move || value.get() == choice
            };
            view! {
                <option value=choice selected=selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for=ids.control.clone()>
                {tx(label)}
            </label>
            <FieldError id=ids.error.clone() messages=errors />
            <select
                class="select"
                id=ids.control.clone()
                name=name
                autocomplete=autocomplete
                aria-describedby=described_by
                aria-invalid=move || has_error().then_some("true")
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    on_change.run(());
                }
                on:blur=move |_| on_blur.run(())
            >
                <option value="" selected=move || value.get().is_empty()>
                    {tx(placeholder)}
                </option>
                {options}
            </select>
        </div>
    }
}

/// Radio buttons in a fieldset whose legend is the question.
#[component]
pub fn RadioGroup(
    name: &'static str,
    legend: T,
    #[prop(optional)] hint: Option<T>,
    /// `(value, label)` per choice.
    choices: Vec<(&'static str, T)>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<String>>,
    on_change: Callback<()>,
    /// `(value, text)`: something every reader of a choice must see with it (a price), in
    /// its label.
    #[prop(optional)]
    notes: Vec<(&'static str, String)>,
) -> impl IntoView {
    let ids = FieldIds::new(name);
    let has_error = move || !errors.read().is_empty();
    let described_by = {
        let ids = ids.clone();
        move || ids.described_by(hint.is_some(), has_error())
    };
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(index, (choice, text))| {
            let note = notes.iter().find(|(value, _)| *value == choice).map(
                |(_, note)| view! { " — " <strong class="radio-note">{note.clone()}</strong> },
            );
            // The first radio carries the field's id, so that the error summary can focus it.
            let id = if index == 0 {
                ids.control.clone()
            } else {
                format!("{}-{choice}", ids.control)
            };
            view! {
                <div class="radio">
                    <input
                        class="radio-input"
                        type="radio"
                        id=id.clone()
                        name=name
                        value=choice
                        prop:checked=move || value.get() == choice
                        on:change=move |_| {
                            value.set(choice.to_owned());
                            on_change.run(());
                        }
                    />
                    <label class="radio-label" for=id>
                        {tx(text)}
                        {note}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <fieldset class="fieldset" aria-describedby=described_by>
                <legend class="legend">{tx(legend)}</legend>
                {hint
                    .map(|hint| {
                        view! {
                            <p class="hint" id=ids.hint.clone()>
                                {tx(hint)}
                            </p>
                        }
                    })}
                <FieldError id=ids.error.clone() messages=errors />
                <div class="radios">{radios}</div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_field_name() {
        let ids = FieldIds::new("mobile_phone");
        assert_eq!(ids.control, "mobile-phone");
        assert_eq!(ids.hint, "mobile-phone-ipucu");
        assert_eq!(ids.error, "mobile-phone-hata");
    }

    #[test]
    fn described_by_names_only_what_is_there() {
        let ids = FieldIds::new("title");
        assert_eq!(ids.described_by(false, false), None);
        assert_eq!(
            ids.described_by(true, false).as_deref(),
            Some("title-ipucu")
        );
        assert_eq!(
            ids.described_by(true, true).as_deref(),
            Some("title-ipucu title-hata")
        );
        assert_eq!(ids.described_by(false, true).as_deref(), Some("title-hata"));
    }
}
