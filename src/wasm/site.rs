//! What only the try-it site's tool pages call (the macro audit and
//! measure-a-pack pages): `carelint audit` and `carelint eval` on files
//! the page read. Built with the `site` feature into the site's copy of
//! the engine; the extension's wasm leaves it out (about 44 KB gzipped).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{WasmEngine, to_js};
use crate::{Audited, Context, Results, Table};

/// An audited response with its counts by severity, as the page ranks it.
#[derive(Serialize)]
struct AuditRow {
    #[serde(flatten)]
    audited: Audited,
    errors: usize,
    warnings: usize,
    suggestions: usize,
}

/// A labelled file as the page read it.
#[derive(Deserialize)]
struct LabelledFile {
    name: String,
    text: String,
}

/// `carelint eval`'s figures and its tables.
#[derive(Serialize)]
struct Evaluation {
    results: Results,
    sets: Table,
    sources: Table,
    false_flags: Table,
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// `carelint audit` on an export's text: a CSV when `column` names the
    /// column holding the responses, else a Zendesk macros export (JSON);
    /// `name` is the file's, for errors. Worst first:
    /// `[{ id, title, text, hints, improved, errors, warnings, suggestions }]`.
    pub fn audit(
        &self,
        source: &str,
        name: &str,
        column: Option<String>,
        context: JsValue,
    ) -> Result<JsValue, JsError> {
        let ctx = super::context(context)?;
        let responses = match column {
            Some(column) => crate::read_csv_column(source, &column, name),
            None => crate::read_zendesk_macros(source, name),
        }
        .map_err(|e| JsError::new(&e.to_string()))?;
        let rows: Vec<AuditRow> = crate::audit(&self.engine, responses, &ctx)
            .into_iter()
            .map(|audited| {
                let (errors, warnings, suggestions) = audited.counts();
                AuditRow {
                    audited,
                    errors,
                    warnings,
                    suggestions,
                }
            })
            .collect();
        to_js(&rows)
    }

    /// The columns a CSV's header names, for choosing the one to audit.
    #[wasm_bindgen(js_name = csvColumns)]
    pub fn csv_columns(source: &str, name: &str) -> Result<JsValue, JsError> {
        to_js(&crate::csv_columns(source, name).map_err(|e| JsError::new(&e.to_string()))?)
    }

    /// `carelint eval` on labelled files (`[{ name, text }]`, JSONL each):
    /// `{ results, sets, sources, false_flags }`, the tables as
    /// `{ header, rows }` of text, false flags with at most `ids_shown`
    /// ids per rule.
    pub fn evaluate(&self, files: JsValue, ids_shown: u32) -> Result<JsValue, JsError> {
        let files: Vec<LabelledFile> = serde_wasm_bindgen::from_value(files)
            .map_err(|e| JsError::new(&format!("bad labelled files: {e}")))?;
        let mut replies = Vec::new();
        for f in &files {
            replies.extend(
                crate::read_labelled(std::path::Path::new(&f.name), &f.text)
                    .map_err(|e| JsError::new(&e.to_string()))?,
            );
        }
        if replies.is_empty() {
            return Err(JsError::new(
                "no labelled replies in the files given (each line: {\"text\": ..., \"labels\": [...]})",
            ));
        }
        let results = Results::measure(&self.engine, replies, &Context::default());
        to_js(&Evaluation {
            sets: results.sets_table(),
            sources: results.sources_table(),
            false_flags: results.false_flags_table(ids_shown as usize),
            results,
        })
    }
}
