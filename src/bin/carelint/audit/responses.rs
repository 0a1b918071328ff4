//! The inputs of `carelint audit` reduced to text: a Zendesk macros export
//! or a CSV column, HTML turned into plain text. Pure and free of the CLI's
//! types, so the fuzz target `audit_input` (fuzz/) includes this file as is.

use serde::Deserialize;

/// One canned response, reduced to text.
pub(crate) struct Response {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) text: String,
}

#[derive(Deserialize)]
struct Export {
    macros: Vec<Macro>,
}

#[derive(Deserialize)]
struct Macro {
    id: serde_json::Value,
    title: String,
    #[serde(default)]
    actions: Vec<Action>,
}

#[derive(Deserialize)]
struct Action {
    field: String,
    #[serde(default)]
    value: serde_json::Value,
}

pub(crate) fn from_zendesk(src: &str, name: &str) -> Result<Vec<Response>, String> {
    let export: Export = serde_json::from_str(src).map_err(|e| {
        format!(
            "{name}:{}:{}: not a Zendesk macros export ({e}); expected {{\"macros\": [{{\"id\", \"title\", \"actions\"}}]}}, or pass a CSV with --column",
            e.line(),
            e.column()
        )
    })?;
    Ok(export
        .macros
        .into_iter()
        .map(|m| {
            let text = m
                .actions
                .iter()
                .filter_map(|a| {
                    let value = action_text(&a.value)?;
                    match a.field.as_str() {
                        "comment_value_html" => Some(html_to_text(value)),
                        "comment_value" => Some(value.to_string()),
                        _ => None,
                    }
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            let id = match m.id {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            Response {
                id,
                title: m.title,
                text,
            }
        })
        .collect())
}

/// A comment action's value is a string, or `[channel, text]`.
fn action_text(value: &serde_json::Value) -> Option<&str> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Array(items) => items.last().and_then(|v| v.as_str()),
        _ => None,
    }
}

pub(crate) fn from_csv(src: &str, column: &str, name: &str) -> Result<Vec<Response>, String> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("{name}: cannot read the CSV header: {e}"))?
        .clone();
    let find = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let text_at = find(column).ok_or_else(|| {
        format!(
            "{name}: no column `{column}`; the columns are: {}",
            headers.iter().collect::<Vec<_>>().join(", ")
        )
    })?;
    let id_at = find("id");
    let title_at = find("title").or_else(|| find("name"));
    reader
        .records()
        .enumerate()
        .map(|(i, rec)| {
            let rec = rec.map_err(|e| format!("{name}: row {}: {e}", i + 2))?;
            let get = |at: Option<usize>| at.and_then(|a| rec.get(a)).map(str::to_string);
            let id = get(id_at).unwrap_or_else(|| (i + 1).to_string());
            Ok(Response {
                title: get(title_at).unwrap_or_else(|| id.clone()),
                id,
                text: html_to_text(rec.get(text_at).unwrap_or_default()),
            })
        })
        .collect()
}

/// Tags dropped, block ends and `<br>` turned into line breaks, entities
/// decoded; script and style contents never count as text.
pub(crate) fn html_to_text(html: &str) -> String {
    const BREAKS: &[&str] = &[
        "br",
        "p",
        "/p",
        "div",
        "/div",
        "li",
        "/li",
        "tr",
        "/tr",
        "h1",
        "h2",
        "h3",
        "/h1",
        "/h2",
        "/h3",
        "blockquote",
        "/blockquote",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&rest[..open]);
        }
        let Some(close) = rest[open..].find('>') else {
            if skip_until.is_none() {
                out.push_str(&rest[open..]);
            }
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let tag_name = tag
            .split(|c: char| c.is_whitespace() || c == '/' && !tag.starts_with('/'))
            .next()
            .unwrap_or("");
        match skip_until {
            Some(end) if tag_name == end => skip_until = None,
            Some(_) => {}
            None if tag_name == "script" || tag_name == "style" => {
                skip_until = Some(if tag_name == "script" {
                    "/script"
                } else {
                    "/style"
                });
            }
            None if BREAKS.contains(&tag_name) => out.push('\n'),
            None => {}
        }
        rest = &rest[open + close + 1..];
    }
    if skip_until.is_none() {
        out.push_str(rest);
    }
    let decoded = html_escape::decode_html_entities(&out).replace('\u{a0}', " ");
    decoded.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn html_reduces_to_text() {
        assert_eq!(
            html_to_text("<p>Hi&nbsp;Maria,</p><p>We&#39;re on it &amp; more<br/>Thanks</p>"),
            "Hi Maria,\n\nWe're on it & more\nThanks"
        );
        assert_eq!(
            html_to_text("a<script>alert(1)</script>b<style>x{}</style>c"),
            "abc"
        );
    }
}
