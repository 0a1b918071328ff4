//! The inputs of an audit reduced to text: a Zendesk macros export or a
//! CSV column, HTML turned into plain text. The fuzz target `audit_input`
//! (fuzz/) runs these on arbitrary bytes.

use std::fmt;

use serde::Deserialize;

/// One canned response, reduced to text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedResponse {
    /// Its id in the export (a CSV without an `id` column: the row number).
    pub id: String,
    /// Its title (a CSV: the `title` or `name` column, else the id).
    pub title: String,
    /// Its text, HTML reduced to plain text.
    pub text: String,
}

/// An export that cannot be read, and which file it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditError {
    /// The file's name, as given.
    pub origin: String,
    /// What is wrong.
    pub kind: AuditErrorKind,
}

/// What is wrong with an export.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuditErrorKind {
    /// Not JSON in the shape of a Zendesk macros export.
    NotZendesk {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The JSON reader's explanation.
        reason: String,
    },
    /// The CSV's first row cannot be read.
    CsvHeader(String),
    /// No column of that name (compared without case).
    NoColumn {
        /// The name asked for.
        column: String,
        /// The columns the CSV has.
        columns: Vec<String>,
    },
    /// A CSV row cannot be read.
    CsvRow {
        /// 1-based row in the file, the header being row 1.
        row: usize,
        /// The CSV reader's explanation.
        reason: String,
    },
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = &self.origin;
        match &self.kind {
            AuditErrorKind::NotZendesk {
                line,
                column,
                reason,
            } => write!(
                f,
                "{origin}:{line}:{column}: not a Zendesk macros export ({reason}); expected {{\"macros\": [{{\"id\", \"title\", \"actions\"}}]}}, or pass a CSV with --column"
            ),
            AuditErrorKind::CsvHeader(reason) => {
                write!(f, "{origin}: cannot read the CSV header: {reason}")
            }
            AuditErrorKind::NoColumn { column, columns } => write!(
                f,
                "{origin}: no column `{column}`; the columns are: {}",
                columns.join(", ")
            ),
            AuditErrorKind::CsvRow { row, reason } => write!(f, "{origin}: row {row}: {reason}"),
        }
    }
}

impl std::error::Error for AuditError {}

fn error(origin: &str, kind: AuditErrorKind) -> AuditError {
    AuditError {
        origin: origin.to_string(),
        kind,
    }
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

/// The macros of a Zendesk macros export (the macros API's JSON): each
/// macro's comment actions, HTML reduced to text, joined by blank lines.
pub fn read_zendesk_macros(src: &str, origin: &str) -> Result<Vec<CannedResponse>, AuditError> {
    let export: Export = serde_json::from_str(src).map_err(|e| {
        // serde_json's message ends with its position, which the kind holds.
        let msg = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        error(
            origin,
            AuditErrorKind::NotZendesk {
                line: e.line(),
                column: e.column(),
                reason: msg.strip_suffix(&suffix).unwrap_or(&msg).to_string(),
            },
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
            CannedResponse {
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

/// The columns of a CSV, as its header row names them.
pub fn csv_columns(src: &str, origin: &str) -> Result<Vec<String>, AuditError> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| error(origin, AuditErrorKind::CsvHeader(e.to_string())))?;
    Ok(headers.iter().map(str::to_string).collect())
}

/// The responses of a CSV: `column` holds the text (HTML is reduced to
/// text), `id` and `title` (or `name`) columns are used when present.
pub fn read_csv_column(
    src: &str,
    column: &str,
    origin: &str,
) -> Result<Vec<CannedResponse>, AuditError> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| error(origin, AuditErrorKind::CsvHeader(e.to_string())))?
        .clone();
    let find = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let text_at = find(column).ok_or_else(|| {
        error(
            origin,
            AuditErrorKind::NoColumn {
                column: column.to_string(),
                columns: headers.iter().map(str::to_string).collect(),
            },
        )
    })?;
    let id_at = find("id");
    let title_at = find("title").or_else(|| find("name"));
    reader
        .records()
        .enumerate()
        .map(|(i, rec)| {
            let rec = rec.map_err(|e| {
                error(
                    origin,
                    AuditErrorKind::CsvRow {
                        row: i + 2,
                        reason: e.to_string(),
                    },
                )
            })?;
            let get = |at: Option<usize>| at.and_then(|a| rec.get(a)).map(str::to_string);
            let id = get(id_at).unwrap_or_else(|| (i + 1).to_string());
            Ok(CannedResponse {
                title: get(title_at).unwrap_or_else(|| id.clone()),
                id,
                text: html_to_text(rec.get(text_at).unwrap_or_default()),
            })
        })
        .collect()
}

/// Tags dropped, block ends and `<br>` turned into line breaks, entities
/// decoded; script and style contents never count as text.
pub fn html_to_text(html: &str) -> String {
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
    decode_entities(&out)
        .replace('\u{a0}', " ")
        .trim()
        .to_string()
}

/// Named entities a helpdesk's editor writes. A full HTML5 table (2,231
/// names) added 57 KB to the extension's wasm for names canned responses
/// do not use; an unknown name stays as written.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("rsquo", '’'),
    ("lsquo", '‘'),
    ("rdquo", '”'),
    ("ldquo", '“'),
    ("hellip", '…'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("bull", '•'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("deg", '°'),
    ("times", '×'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("shy", '\u{ad}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("uacute", 'ú'),
    ("ugrave", 'ù'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("szlig", 'ß'),
    ("Auml", 'Ä'),
    ("Eacute", 'É'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
];

/// `&name;`, `&#N;` and `&#xN;` replaced by their character; anything
/// else (an unknown name, a code point that is not a character, a bare
/// `&`) left as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Names are short: looking further for the `;` would make a text
        // of many bare `&` quadratic.
        let decoded = rest.as_bytes()[1..]
            .iter()
            .take(33)
            .position(|&b| b == b';')
            .and_then(|end| Some((entity(rest.get(1..=end)?)?, end + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of an entity's name (`amp`, `#39`, `#x27`).
fn entity(name: &str) -> Option<char> {
    let code = match name.strip_prefix('#') {
        Some(n) => match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => n.parse().ok()?,
        },
        None => return ENTITIES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c),
    };
    char::from_u32(code).filter(|&c| c != '\0')
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
        assert_eq!(
            html_to_text(
                "Caf&eacute; &ldquo;ok&rdquo; &#x1F600; &#8212; &bogus; a & b &#0; &#xZZ;"
            ),
            "Café “ok” 😀 — &bogus; a & b &#0; &#xZZ;"
        );
    }
}
