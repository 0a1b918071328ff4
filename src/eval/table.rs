//! The figures of [`Results`] as tables of text, the one layout of
//! `carelint eval`'s Markdown and the site's "measure a pack" page: one
//! column per problem label (most frequent first), ratios as
//! `85.3 % (290/340)`.

use serde::Serialize;

use super::tally::{Ratio, Results, Summary};

/// A header row and rows of cells, as text. Names and labels come from the
/// input unchanged: escape them for where they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// One row per group or rule, as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

impl Results {
    /// Recall per label and false flags: `all` then one row per set.
    pub fn sets_table(&self) -> Table {
        let groups: Vec<&Summary> = std::iter::once(&self.overall).chain(&self.sets).collect();
        self.table("set", &groups)
    }

    /// The same figures, one row per source (most replies first).
    pub fn sources_table(&self) -> Table {
        let groups: Vec<&Summary> = self.sources.iter().collect();
        self.table("source", &groups)
    }

    /// The rules behind false flags, most first, with at most `ids_shown`
    /// reply ids each (then "and N more").
    pub fn false_flags_table(&self, ids_shown: usize) -> Table {
        let rows = self
            .false_flag_rules
            .iter()
            .map(|r| {
                let mut ids: Vec<String> = r.replies.iter().take(ids_shown).cloned().collect();
                if r.replies.len() > ids_shown {
                    ids.push(format!("and {} more", r.replies.len() - ids_shown));
                }
                vec![r.rule.clone(), r.replies.len().to_string(), ids.join(", ")]
            })
            .collect();
        Table {
            header: vec!["rule".into(), "replies".into(), "ids".into()],
            rows,
        }
    }

    fn table(&self, first: &str, groups: &[&Summary]) -> Table {
        let labels = self.label_order();
        let mut header = vec![first.to_string(), "replies".into(), "recall".into()];
        header.extend(labels.iter().map(|l| l.to_string()));
        header.push("false flags".into());
        let rows = groups
            .iter()
            .map(|g| {
                let mut row = vec![g.name.clone(), g.replies.to_string(), ratio(g.recall)];
                row.extend(
                    labels
                        .iter()
                        .map(|l| g.labels.get(*l).map_or_else(|| "-".into(), |r| ratio(*r))),
                );
                row.push(ratio(g.false_flags));
                row
            })
            .collect();
        Table { header, rows }
    }

    /// Problem labels, most frequent first: the tables' columns.
    fn label_order(&self) -> Vec<&str> {
        let mut labels: Vec<(&str, usize)> = self
            .overall
            .labels
            .iter()
            .map(|(l, r)| (l.as_str(), r.total))
            .collect();
        labels.sort_by_key(|&(_, total)| std::cmp::Reverse(total));
        labels.into_iter().map(|(l, _)| l).collect()
    }
}

/// `85.3 % (290/340)`, or `-` when there is nothing to count.
pub fn ratio(r: Ratio) -> String {
    match r.rate() {
        Some(rate) => format!("{} ({}/{})", percent(rate), r.flagged, r.total),
        None => "-".into(),
    }
}

/// A fraction as a percentage with one decimal: `85.3 %`.
pub fn percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}
