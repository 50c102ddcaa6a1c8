//! Where the person is on the way to approval: form → check → SMS → approval. An ordered
//! list (the steps have an order), the current step marked with `aria-current="step"`, the
//! ones behind named as done for screen readers too (not by colour alone).

use leptos::prelude::*;

use crate::i18n::T;
use crate::state::{tx, use_i18n};

/// A step of the applicant's path, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Form,
    Check,
    Sms,
    Approval,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Form, Step::Check, Step::Sms, Step::Approval];

    pub fn label(self) -> T {
        match self {
            Step::Form => T::StepForm,
            Step::Check => T::StepCheck,
            Step::Sms => T::StepSms,
            Step::Approval => T::StepApproval,
        }
    }
}

/// How one step shows beside the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Done,
    Current,
    Ahead,
}

pub fn status(step: Step, current: Step) -> StepStatus {
    match step.cmp(&current) {
        std::cmp::Ordering::Less => StepStatus::Done,
        std::cmp::Ordering::Equal => StepStatus::Current,
        std::cmp::Ordering::Greater => StepStatus::Ahead,
    }
}

#[component]
pub fn StepIndicator(current: Step) -> impl IntoView {
    let i18n = use_i18n();
    let items = Step::ALL
        .into_iter()
        .map(|step| {
            let status = status(step, current);
            let class = match status {
                StepStatus::Done => "step step-done",
                StepStatus::Current => "step step-current",
                StepStatus::Ahead => "step",
            };
            let done = (status == StepStatus::Done).then(|| {
                view! { <span class="visually-hidden">{move || i18n.t(T::StepDone)}</span> }
            });
            view! {
                <li class=class aria-current=(status == StepStatus::Current).then_some("step")>
                    <span class="step-label">{tx(step.label())}</span>
                    {done}
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="steps" aria-label=tx(T::StepsLabel)>
            <ol class="steps-list">{items}</ol>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_before_the_current_one_are_done_and_later_ones_ahead() {
        let statuses: Vec<StepStatus> = Step::ALL.iter().map(|s| status(*s, Step::Sms)).collect();
        assert_eq!(
            statuses,
            [
                StepStatus::Done,
                StepStatus::Done,
                StepStatus::Current,
                StepStatus::Ahead
            ]
        );
    }
}
