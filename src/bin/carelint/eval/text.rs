//! The text report: Markdown tables padded to line up in a terminal, then
//! the rules behind false flags and the misses. Everything taken from the
//! input is escaped (a reply may hold terminal escape sequences).

use carelint::{Results, Table};

use crate::terminal::{escape, say};

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
    say!();
    markdown_table(&results.sets_table(), &[0]);
    say!();
    markdown_table(&results.sources_table(), &[0]);
    say!();
    print_false_flag_rules(results);
    say!();
    print_misses(results, misses_shown);
}

fn print_false_flag_rules(results: &Results) {
    if results.false_flag_rules.is_empty() {
        say!("No false flags.");
        return;
    }
    say!("Rules behind false flags, most first:");
    say!();
    markdown_table(&results.false_flags_table(IDS_SHOWN), &[0, 2]);
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
/// others (figures) right-aligned, as the separator row says. Every cell
/// is escaped: names and labels come from the input.
fn markdown_table(table: &Table, left: &[usize]) {
    let header: Vec<String> = table.header.iter().map(|c| cell(c)).collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| cell(c)).collect())
        .collect();
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
    line(&header);
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
    for row in &rows {
        line(row);
    }
}
