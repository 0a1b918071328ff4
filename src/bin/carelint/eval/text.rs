//! The text report: Markdown tables padded to line up in a terminal, then
//! the rules behind false flags and the misses. Everything taken from the
//! input is escaped (a reply may hold terminal escape sequences).

use super::escape;
use super::tally::{Ratio, Results, Summary};
use crate::terminal::say;

/// Reply ids shown per rule before "and N more".
const IDS_SHOWN: usize = 6;
/// Characters of a missed reply's text shown.
const TEXT_SHOWN: usize = 100;

pub(crate) fn print(results: &Results, misses_shown: Option<usize>) {
    let o = &results.overall;
    say!(
        "{} replies: {} labelled with a problem, {} labelled none.",
        results.replies,
        o.recall.total,
        o.false_flags.total
    );
    say!(
        "recall: replies labelled with a problem that got a hint; \
         false flags: replies labelled none that got one."
    );
    let labels = label_order(o);
    say!();
    let sets: Vec<&Summary> = std::iter::once(o).chain(&results.sets).collect();
    print_table("set", &labels, &sets);
    say!();
    let sources: Vec<&Summary> = results.sources.iter().collect();
    print_table("source", &labels, &sources);
    say!();
    print_false_flag_rules(results);
    say!();
    print_misses(results, misses_shown);
}

/// Problem labels, most frequent first: the table's columns.
fn label_order(overall: &Summary) -> Vec<&str> {
    let mut labels: Vec<(&str, usize)> = overall
        .labels
        .iter()
        .map(|(l, r)| (l.as_str(), r.total))
        .collect();
    labels.sort_by_key(|&(_, total)| std::cmp::Reverse(total));
    labels.into_iter().map(|(l, _)| l).collect()
}

fn print_table(first: &str, labels: &[&str], groups: &[&Summary]) {
    let mut header = vec![first.to_string(), "replies".into(), "recall".into()];
    header.extend(labels.iter().map(|l| cell(l)));
    header.push("false flags".into());
    let rows: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let mut row = vec![cell(&g.name), g.replies.to_string(), ratio(g.recall)];
            row.extend(
                labels
                    .iter()
                    .map(|l| g.labels.get(*l).map_or_else(|| "-".into(), |r| ratio(*r))),
            );
            row.push(ratio(g.false_flags));
            row
        })
        .collect();
    markdown_table(&header, &rows, &[0]);
}

fn print_false_flag_rules(results: &Results) {
    if results.false_flag_rules.is_empty() {
        say!("No false flags.");
        return;
    }
    say!("Rules behind false flags, most first:");
    say!();
    let rows: Vec<Vec<String>> = results
        .false_flag_rules
        .iter()
        .map(|r| {
            let mut ids: Vec<String> = r
                .replies
                .iter()
                .take(IDS_SHOWN)
                .map(|id| cell(id))
                .collect();
            if r.replies.len() > IDS_SHOWN {
                ids.push(format!("and {} more", r.replies.len() - IDS_SHOWN));
            }
            vec![cell(&r.rule), r.replies.len().to_string(), ids.join(", ")]
        })
        .collect();
    markdown_table(
        &["rule".into(), "replies".into(), "ids".into()],
        &rows,
        &[0, 2],
    );
}

fn print_misses(results: &Results, shown: Option<usize>) {
    let misses = &results.misses;
    if misses.is_empty() {
        say!("No misses: every reply labelled with a problem got a hint.");
        return;
    }
    say!(
        "Misses: {} replies labelled with a problem got no hint.",
        misses.len()
    );
    let shown = shown.unwrap_or(misses.len()).min(misses.len());
    if shown > 0 {
        say!();
    }
    for m in &misses[..shown] {
        say!(
            "- {} [{}] \"{}\"",
            escape(&m.id),
            escape(&m.labels.join(", ")),
            truncate(&m.text)
        );
        if !m.evidence.is_empty() {
            let evidence: Vec<String> = m
                .evidence
                .iter()
                .map(|e| format!("\"{}\"", escape(e)))
                .collect();
            say!("  evidence: {}", evidence.join("; "));
        }
    }
    if shown < misses.len() {
        say!(
            "... and {} more (--misses N shows more, --format json shows all)",
            misses.len() - shown
        );
    }
}

/// `85.3 % (290/340)`, or `-` when there is nothing to count.
pub(crate) fn ratio(r: Ratio) -> String {
    match r.rate() {
        Some(rate) => format!("{} ({}/{})", percent(rate), r.flagged, r.total),
        None => "-".into(),
    }
}

pub(crate) fn percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}

/// Input text made safe for one table cell.
fn cell(s: &str) -> String {
    escape(s).replace('|', "\\|")
}

fn truncate(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(TEXT_SHOWN).collect();
    if flat.chars().count() > TEXT_SHOWN {
        out.push('…');
    }
    escape(&out)
}

/// Columns padded to their widest cell: those in `left` left-aligned, the
/// others (figures) right-aligned, as the separator row says.
fn markdown_table(header: &[String], rows: &[Vec<String>], left: &[usize]) {
    let width = |s: &str| s.chars().count();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| width(&r[c]))
                .chain([width(&header[c]), 3])
                .max()
                .unwrap_or(3)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (s, &w))| {
                if left.contains(&c) {
                    format!("{s:<w$}")
                } else {
                    format!("{s:>w$}")
                }
            })
            .collect();
        say!("| {} |", padded.join(" | "));
    };
    line(header);
    let separator: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(c, &w)| {
            if left.contains(&c) {
                "-".repeat(w)
            } else {
                format!("{}:", "-".repeat(w - 1))
            }
        })
        .collect();
    say!("| {} |", separator.join(" | "));
    for row in rows {
        line(row);
    }
}
