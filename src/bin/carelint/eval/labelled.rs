//! Labelled replies from JSONL files: one reply per line, checked field by
//! field so a bad line is reported as `file:line`, never skipped.

use std::path::Path;

use serde::Deserialize;
use serde_json::error::Category;

use super::escape;
use crate::Fatal;

/// The label of a reply that has nothing wrong with it.
pub(crate) const NONE: &str = "none";

/// One reply as a person labelled it.
pub(crate) struct Labelled {
    pub(crate) id: String,
    /// The file stem it came from.
    pub(crate) set: String,
    pub(crate) source: String,
    /// Empty for a reply labelled `none`.
    pub(crate) problems: Vec<String>,
    pub(crate) evidence: Vec<String>,
    pub(crate) text: String,
}

/// A line as written; other fields (`title`, ...) are ignored.
#[derive(Deserialize)]
struct Line {
    text: String,
    labels: Vec<String>,
    id: Option<String>,
    source: Option<String>,
    #[serde(default)]
    evidence: Vec<String>,
}

/// Every reply in `src`, the content of `path`.
pub(crate) fn parse(path: &Path, src: &str) -> Result<Vec<Labelled>, Fatal> {
    let name = path.display().to_string();
    let set = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut replies = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line_no = i + 1;
        let line: Line = serde_json::from_str(raw).map_err(|e| {
            // serde_json counts lines and columns within this one line: keep
            // the column, say the line in the file.
            let msg = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let msg = escape(msg.strip_suffix(&suffix).unwrap_or(&msg));
            let what = match e.classify() {
                Category::Data => "",
                _ => "not valid JSON: ",
            };
            Fatal(format!(
                "{name}:{line_no}:{}: {what}{msg}; each line must be a JSON object with `text` and `labels`",
                e.column()
            ))
        })?;
        let problems =
            problems(line.labels).map_err(|msg| Fatal(format!("{name}:{line_no}: {msg}")))?;
        replies.push(Labelled {
            id: line.id.unwrap_or_else(|| format!("{set}:{line_no}")),
            set: set.clone(),
            source: line.source.unwrap_or_else(|| set.clone()),
            problems,
            evidence: line.evidence,
            text: line.text,
        });
    }
    Ok(replies)
}

/// The problem labels, without duplicates; none for `["none"]`.
fn problems(labels: Vec<String>) -> Result<Vec<String>, String> {
    if labels.is_empty() {
        return Err(format!(
            "`labels` is empty; write [\"{NONE}\"] for a reply with nothing wrong"
        ));
    }
    if labels.iter().any(|l| l.trim().is_empty()) {
        return Err("`labels` holds an empty label".to_string());
    }
    if labels.iter().any(|l| l == NONE) {
        return if labels.iter().all(|l| l == NONE) {
            Ok(Vec::new())
        } else {
            Err(format!(
                "`labels` mixes \"{NONE}\" with other labels: {}",
                escape(&labels.join(", "))
            ))
        };
    }
    let mut out: Vec<String> = Vec::with_capacity(labels.len());
    for l in labels {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    Ok(out)
}
