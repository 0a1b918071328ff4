//! Counts: recall and false flags overall, per set, per source; the rules
//! behind false flags; the misses.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::SerializeStruct;

use super::labelled::Labelled;
use crate::{Context, Engine};

/// A reply and the rules that gave it a hint (each once, in text order).
struct Scored {
    reply: Labelled,
    rules: Vec<String>,
}

impl Scored {
    fn flagged(&self) -> bool {
        !self.rules.is_empty()
    }
}

/// `flagged` of `total` replies; serialised with its `rate` (null when
/// there is nothing to divide by).
#[derive(Default, Clone, Copy)]
pub struct Ratio {
    /// Replies flagged.
    pub flagged: usize,
    /// Replies counted.
    pub total: usize,
}

impl Ratio {
    fn add(&mut self, flagged: bool) {
        self.total += 1;
        self.flagged += usize::from(flagged);
    }

    /// `flagged / total`; none when nothing was counted.
    pub fn rate(self) -> Option<f64> {
        (self.total > 0).then(|| self.flagged as f64 / self.total as f64)
    }
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Ratio", 3)?;
        st.serialize_field("flagged", &self.flagged)?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("rate", &self.rate())?;
        st.end()
    }
}

/// The figures for one group of replies (all, a set, a source).
#[derive(Serialize)]
pub struct Summary {
    /// `all`, the set's or the source's name.
    pub name: String,
    /// Replies in the group.
    pub replies: usize,
    /// Replies labelled with a problem that got a hint.
    pub recall: Ratio,
    /// Recall per problem label.
    pub labels: BTreeMap<String, Ratio>,
    /// Replies labelled `none` that got a hint.
    pub false_flags: Ratio,
}

impl Summary {
    fn new(name: &str) -> Self {
        Summary {
            name: name.to_string(),
            replies: 0,
            recall: Ratio::default(),
            labels: BTreeMap::new(),
            false_flags: Ratio::default(),
        }
    }

    fn add(&mut self, s: &Scored) {
        self.replies += 1;
        if s.reply.problems.is_empty() {
            self.false_flags.add(s.flagged());
            return;
        }
        self.recall.add(s.flagged());
        for label in &s.reply.problems {
            self.labels
                .entry(label.clone())
                .or_default()
                .add(s.flagged());
        }
    }
}

/// A rule and the replies labelled `none` it flagged.
#[derive(Serialize)]
pub struct RuleFlags {
    /// Full rule id.
    pub rule: String,
    /// Ids of the replies, in input order.
    pub replies: Vec<String>,
}

/// A reply labelled with a problem that got no hint.
#[derive(Serialize)]
pub struct Miss {
    /// The reply's id.
    pub id: String,
    /// Its set.
    pub set: String,
    /// Its source.
    pub source: String,
    /// Its problem labels.
    pub labels: Vec<String>,
    /// The words the labeller pointed at.
    pub evidence: Vec<String>,
    /// The reply.
    pub text: String,
}

/// Everything `carelint eval` reports.
#[derive(Serialize)]
pub struct Results {
    /// Replies read.
    pub replies: usize,
    /// All replies together.
    pub overall: Summary,
    /// One per input file, in the order given.
    pub sets: Vec<Summary>,
    /// Most replies first.
    pub sources: Vec<Summary>,
    /// Most false-flagged replies first.
    pub false_flag_rules: Vec<RuleFlags>,
    /// In input order.
    pub misses: Vec<Miss>,
}

impl Results {
    /// Lints every reply with `engine` and counts.
    pub fn measure(engine: &Engine, replies: Vec<Labelled>, ctx: &Context) -> Self {
        let scored = replies
            .into_iter()
            .map(|reply| {
                let mut rules: Vec<String> = Vec::new();
                for hint in engine.lint(&reply.text, ctx) {
                    if !rules.contains(&hint.rule) {
                        rules.push(hint.rule);
                    }
                }
                Scored { reply, rules }
            })
            .collect();
        Results::new(scored)
    }

    fn new(scored: Vec<Scored>) -> Self {
        let mut overall = Summary::new("all");
        let mut sets: Vec<Summary> = Vec::new();
        let mut sources: Vec<Summary> = Vec::new();
        let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut misses = Vec::new();
        for s in &scored {
            overall.add(s);
            group(&mut sets, &s.reply.set).add(s);
            group(&mut sources, &s.reply.source).add(s);
            if s.reply.problems.is_empty() {
                for rule in &s.rules {
                    by_rule
                        .entry(rule.clone())
                        .or_default()
                        .push(s.reply.id.clone());
                }
            }
        }
        for s in scored {
            if !s.reply.problems.is_empty() && !s.flagged() {
                let r = s.reply;
                misses.push(Miss {
                    id: r.id,
                    set: r.set,
                    source: r.source,
                    labels: r.problems,
                    evidence: r.evidence,
                    text: r.text,
                });
            }
        }
        sources.sort_by(|a, b| b.replies.cmp(&a.replies).then_with(|| a.name.cmp(&b.name)));
        let mut false_flag_rules: Vec<RuleFlags> = by_rule
            .into_iter()
            .map(|(rule, replies)| RuleFlags { rule, replies })
            .collect();
        // Stable: rules with as many false flags stay in id order.
        false_flag_rules.sort_by_key(|r| std::cmp::Reverse(r.replies.len()));
        Results {
            replies: overall.replies,
            overall,
            sets,
            sources,
            false_flag_rules,
            misses,
        }
    }
}

fn group<'a>(groups: &'a mut Vec<Summary>, name: &str) -> &'a mut Summary {
    let at = match groups.iter().position(|g| g.name == name) {
        Some(at) => at,
        None => {
            groups.push(Summary::new(name));
            groups.len() - 1
        }
    };
    &mut groups[at]
}
