//! The reply-level care checklist: shown as a summary, never as
//! underlines. Its cues are the shared ones of `packs/cues.json`, its
//! settings `packs/checklist.json`: data, not code.

use serde::Deserialize;

use crate::context::Context;
use crate::cue::{CueHits, CueSet};
use crate::normalize::Normalized;
use crate::pack::error::{InvalidField, SyntaxError};
use crate::pack::{PackError, PackErrorKind};
use crate::paragraph::{Apology, Para, Placed};
use crate::report::{ChecklistItem, Status};
use crate::search::floor_char;

/// A hint as the checklist reads it: its rule's category and where it ends
/// in the normalised reply.
pub(crate) struct Shown<'a> {
    pub(crate) category: &'a str,
    pub(crate) norm_end: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    #[serde(rename = "about")]
    _about: String,
    dead_end_categories: Vec<String>,
    stock_categories: Vec<String>,
}

/// Indices into the engine's cue set.
pub(crate) struct Checklist {
    first_person_action: usize,
    follow_up_promise: usize,
    time: usize,
    apology: usize,
    generic_apology_object: usize,
    alternative: usize,
    refusal: usize,
    dead_end_categories: Vec<String>,
    stock_categories: Vec<String>,
}

const SOURCE: &str = include_str!("../packs/checklist.json");
const ORIGIN: &str = "packs/checklist.json";

impl Checklist {
    /// The cues it may look for.
    pub(crate) fn cues(&self) -> [usize; 7] {
        [
            self.first_person_action,
            self.follow_up_promise,
            self.time,
            self.apology,
            self.generic_apology_object,
            self.alternative,
            self.refusal,
        ]
    }

    pub(crate) fn builtin(cues: &CueSet) -> Result<Checklist, PackError> {
        let settings: Settings = serde_json::from_str(SOURCE).map_err(|e| {
            PackError::new(
                ORIGIN,
                PackErrorKind::Syntax(SyntaxError::Json(e.to_string())),
            )
            .at_line(e.line(), e.column())
        })?;
        let cue = |name: &str| {
            cues.get(name).ok_or_else(|| {
                PackError::new(
                    ORIGIN,
                    PackErrorKind::Invalid(InvalidField::MissingBuiltinCue(name.to_string())),
                )
            })
        };
        Ok(Checklist {
            first_person_action: cue("first-person-action")?,
            follow_up_promise: cue("follow-up-promise")?,
            time: cue("time")?,
            apology: cue("apology")?,
            generic_apology_object: cue("generic-apology-object")?,
            alternative: cue("alternative")?,
            refusal: cue("refusal")?,
            dead_end_categories: settings.dead_end_categories,
            stock_categories: settings.stock_categories,
        })
    }

    pub(crate) fn evaluate(
        &self,
        paras: &[Placed],
        hints: &[Shown],
        ctx: &Context,
        cues: &CueHits,
    ) -> Vec<ChecklistItem> {
        let blank = paras.iter().all(|p| p.para.norm.trim().is_empty());
        let item = |id, label, status, reason: &str| ChecklistItem {
            id,
            label,
            status: if blank { Status::NotApplicable } else { status },
            reason: if blank {
                "the reply is empty".into()
            } else {
                reason.to_string()
            },
        };
        use Status::*;
        vec![
            match ctx.customer_first_name() {
                None => item(
                    "customer-named",
                    "Customer named",
                    NotApplicable,
                    "the page does not tell the customer's name",
                ),
                Some(name) if named(paras, &name) => item(
                    "customer-named",
                    "Customer named",
                    Pass,
                    &format!("the reply addresses {name}"),
                ),
                Some(name) => item(
                    "customer-named",
                    "Customer named",
                    Fail,
                    &format!("{name} is not addressed by name"),
                ),
            },
            if cues.anywhere(self.first_person_action) {
                item(
                    "first-person-action",
                    "First-person action",
                    Pass,
                    "says what I did or will do",
                )
            } else {
                item(
                    "first-person-action",
                    "First-person action",
                    Fail,
                    "no \"I did / I will\" action",
                )
            },
            match cues.anywhere(self.follow_up_promise) {
                false => item(
                    "follow-up-time",
                    "Follow-up has a time",
                    NotApplicable,
                    "no follow-up is promised",
                ),
                true if cues.anywhere(self.time) => item(
                    "follow-up-time",
                    "Follow-up has a time",
                    Pass,
                    "the follow-up has a time",
                ),
                true => item(
                    "follow-up-time",
                    "Follow-up has a time",
                    Fail,
                    "a follow-up is promised without a time",
                ),
            },
            self.apology_item(paras, cues, &item),
            self.dead_end_item(hints, cues, &item),
            {
                let stock = hints
                    .iter()
                    .filter(|h| self.stock_categories.iter().any(|c| c == h.category))
                    .count();
                match stock {
                    0 => item(
                        "no-stock-phrase",
                        "No stock phrase",
                        Pass,
                        "no stock phrase left",
                    ),
                    1 => item(
                        "no-stock-phrase",
                        "No stock phrase",
                        Fail,
                        "1 stock phrase left",
                    ),
                    n => item(
                        "no-stock-phrase",
                        "No stock phrase",
                        Fail,
                        &format!("{n} stock phrases left"),
                    ),
                }
            },
        ]
    }

    fn apology_item(
        &self,
        paras: &[Placed],
        cues: &CueHits,
        item: &dyn Fn(&'static str, &'static str, Status, &str) -> ChecklistItem,
    ) -> ChecklistItem {
        let mut any = false;
        for p in paras {
            let a = p
                .para
                .apology
                .get_or_init(|| self.apology(&p.para, cues.set()));
            if a.specific {
                return item(
                    "specific-apology",
                    "Apology is specific",
                    Status::Pass,
                    "the apology names what went wrong",
                );
            }
            any |= a.any;
        }
        if any {
            item(
                "specific-apology",
                "Apology is specific",
                Status::Fail,
                "the apology does not say what went wrong",
            )
        } else {
            item(
                "specific-apology",
                "Apology is specific",
                Status::NotApplicable,
                "no apology",
            )
        }
    }

    /// Whether a paragraph apologises, and for something named.
    fn apology(&self, para: &Para, set: &CueSet) -> Apology {
        let t = para.norm.as_str();
        let mut out = Apology::default();
        let Some(generic) = set.regex(self.generic_apology_object) else {
            return out;
        };
        for m in &para.cue(set, self.apology).0 {
            out.any = true;
            // What an apology is for follows it closely; reading to a far
            // sentence end after every apology would be quadratic.
            let rest = &t[m.end..];
            let rest = &rest[..floor_char(rest, APOLOGY_OBJECT_BYTES.min(rest.len()))];
            let sentence = rest
                .split(['.', '!', '?', '\n', ';'])
                .next()
                .unwrap_or_default();
            let words = sentence.split_whitespace().count();
            if words >= 3 && !generic.is_match(sentence) {
                out.specific = true;
                break;
            }
        }
        out
    }

    /// A refusal is what the dismissive rules flag (so their exceptions
    /// apply: "we can't wait" is no refusal); what follows the last one
    /// must offer something.
    fn dead_end_item(
        &self,
        hints: &[Shown],
        cues: &CueHits,
        item: &dyn Fn(&'static str, &'static str, Status, &str) -> ChecklistItem,
    ) -> ChecklistItem {
        let last = hints
            .iter()
            .rfind(|h| self.dead_end_categories.iter().any(|c| c == h.category));
        let Some(last) = last else {
            // The refusal rules stay quiet when a way forward comes with the
            // no; the checklist agrees with them and says so.
            let refused = cues.anywhere(self.refusal);
            return if refused {
                item(
                    "no-dead-end",
                    "No dead end",
                    Status::Pass,
                    "the refusal comes with what you can do",
                )
            } else {
                item(
                    "no-dead-end",
                    "No dead end",
                    Status::NotApplicable,
                    "no refusal or policy line",
                )
            };
        };
        let after = last.norm_end;
        if cues.all(self.alternative).iter().any(|h| h.start >= after) {
            item(
                "no-dead-end",
                "No dead end",
                Status::Pass,
                "the refusal is followed by what you can do",
            )
        } else {
            item(
                "no-dead-end",
                "No dead end",
                Status::Fail,
                "a refusal is not followed by what you can do instead",
            )
        }
    }
}

/// Whether a paragraph has the customer's name as a word.
fn named(paras: &[Placed], name: &str) -> bool {
    let word = Normalized::new(&name.to_lowercase()).text;
    paras.iter().any(|p| contains_word(&p.para.norm, &word))
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(crate::normalize::is_word_char)
            && !after.is_some_and(crate::normalize::is_word_char)
    })
}

/// How far after an apology its object is looked for, in bytes.
const APOLOGY_OBJECT_BYTES: usize = 400;
