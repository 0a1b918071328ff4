//! The wasm-bindgen API used by the extension (wasm32 only). Every failure
//! is returned as a JavaScript `Error`; nothing here panics on input.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[cfg(feature = "site")]
mod site;

use crate::lean::n;
use crate::{
    Context, Engine, EngineBuild, EngineBuilder, ExampleFailure, Pack, PackError, Severity,
};

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Options {
    builtin: Option<bool>,
    packs: Vec<PackSource>,
    disabled: Vec<String>,
}

/// A pack as text, optionally with a label for errors and with what an
/// earlier validation of the same text counted (`validated()`), which
/// skips validating it again.
#[derive(Deserialize)]
#[serde(untagged)]
enum PackSource {
    Text(String),
    Labelled {
        json: String,
        origin: String,
        #[serde(default, rename = "regexBytes")]
        regex_bytes: Option<usize>,
    },
}

#[derive(Serialize)]
struct ErrorInfo {
    origin: String,
    message: String,
    path: Option<String>,
    rule: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    display: String,
}

impl From<&PackError> for ErrorInfo {
    fn from(e: &PackError) -> Self {
        ErrorInfo {
            origin: e.origin().to_string(),
            message: e.message().to_string(),
            path: e.path().map(str::to_string),
            rule: e.rule().map(str::to_string),
            line: e.line_column().map(|l| l.0),
            column: e.line_column().map(|l| l.1),
            display: e.to_string(),
        }
    }
}

#[derive(Serialize)]
struct Validation {
    ok: bool,
    id: Option<String>,
    errors: Vec<ErrorInfo>,
    failures: Vec<ExampleFailure>,
}

#[derive(Serialize)]
struct PackInfo<'a> {
    builtin: bool,
    #[serde(flatten)]
    pack: &'a Pack,
}

/// One row of the rule table the extension reads once per engine.
#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    category: &'a str,
    severity: Severity,
    message: &'a str,
}

fn context(value: JsValue) -> Result<Context, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(Context::default())
    } else {
        serde_wasm_bindgen::from_value(value)
            .map_err(|e| JsError::new(&format!("bad lint context: {e}")))
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert result: {e}")))
}

/// The Carelint engine for JavaScript.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    engine: Engine,
    builtin_ids: Vec<String>,
    errors: Vec<PackError>,
    validated: Vec<Option<u32>>,
}

/// An engine being compiled a step at a time, so that a page can yield
/// between steps: `const b = new EngineBuild(options); while (b.step())
/// await nextTask(); const engine = b.finish();`.
#[wasm_bindgen(js_name = EngineBuild)]
pub struct WasmEngineBuild {
    build: EngineBuild,
    builtins: Vec<Pack>,
    packs: Vec<Pack>,
    disabled: Vec<String>,
    errors: Vec<PackError>,
    validated: Vec<Option<u32>>,
}

#[wasm_bindgen(js_class = EngineBuild)]
impl WasmEngineBuild {
    /// Takes the options of `new Engine` and starts compiling.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<WasmEngineBuild, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)
                .map_err(|e| JsError::new(&format!("bad engine options: {e}")))?
        };
        let mut errors = Vec::new();
        let mut packs = Vec::new();
        let mut validated = Vec::new();
        for (i, source) in options.packs.into_iter().enumerate() {
            let (json, origin, checked) = match source {
                PackSource::Text(json) => (json, format!("pack {}", i + 1), None),
                PackSource::Labelled {
                    json,
                    origin,
                    regex_bytes,
                } => (json, origin, regex_bytes),
            };
            let pack = match checked {
                Some(bytes) => Pack::from_checked_json(&json, &origin, bytes),
                None => Pack::from_json(&json, &origin),
            };
            validated.push(match (&pack, checked) {
                (Ok(p), None) => Some(n(p.regex_bytes())),
                _ => None,
            });
            match pack {
                Ok(p) => packs.push(p),
                Err(e) => errors.push(e),
            }
        }
        // The built-in packs are parsed once, here, and handed to every
        // build (see `finish`).
        let builtins = if options.builtin.unwrap_or(true) {
            Pack::builtin().map_err(|e| JsError::new(&e.to_string()))?
        } else {
            Vec::new()
        };
        let build = builder(&builtins, &packs, &options.disabled).start();
        Ok(WasmEngineBuild {
            build,
            builtins,
            packs,
            disabled: options.disabled,
            errors,
            validated,
        })
    }

    /// Does the next piece of compiling; false once nothing is left.
    pub fn step(&mut self) -> bool {
        self.build.step()
    }

    /// The engine, after whatever steps are left. When the packs together
    /// do not build (a duplicate id, a reference to a missing rule), they
    /// are added one by one, so the pack that breaks it is the only one
    /// skipped and `errors()` says why; that path compiles at once.
    pub fn finish(self) -> Result<WasmEngine, JsError> {
        let WasmEngineBuild {
            build,
            builtins,
            packs,
            disabled,
            mut errors,
            validated,
        } = self;
        let engine = match build.finish() {
            Ok(engine) => engine,
            Err(_) => {
                let mut accepted: Vec<Pack> = Vec::new();
                for p in packs {
                    accepted.push(p);
                    if let Err(e) = builder(&builtins, &accepted, &disabled).build() {
                        accepted.pop();
                        errors.push(e);
                    }
                }
                builder(&builtins, &accepted, &disabled)
                    .build()
                    .map_err(|e| JsError::new(&e.to_string()))?
            }
        };
        let builtin_ids = builtins.into_iter().map(|p| p.id).collect();
        Ok(WasmEngine {
            engine,
            builtin_ids,
            errors,
            validated,
        })
    }
}

fn builder(builtins: &[Pack], packs: &[Pack], disabled: &[String]) -> EngineBuilder {
    let mut b = Engine::builder().builtin(false);
    for p in builtins.iter().chain(packs) {
        b = b.pack(p.clone());
    }
    for d in disabled {
        b = b.disable(d.clone());
    }
    b
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// `new Engine({ builtin: true, packs: [json | {json, origin}], disabled: ["pack/rule"] })`.
    /// A pack that fails to parse or to compile is skipped and reported by
    /// `errors()`; it never stops the other packs. Compiles at once (see
    /// `EngineBuild` for a page's main thread).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<WasmEngine, JsError> {
        WasmEngineBuild::new(options)?.finish()
    }

    /// Compiles a little more of what a lint would otherwise compile on
    /// first need, and lastly lints a made-up reply once so that the first
    /// real lint finds its code and caches warm; false once nothing is
    /// left. Call it while idle.
    pub fn warm(&self) -> bool {
        self.engine.warm()
    }

    /// Whether `warm` has work left (a lint may then compile regexes first).
    pub fn cold(&self) -> bool {
        self.engine.cold()
    }

    /// Compiles a little more of what a lint of `text` would compile first;
    /// false once nothing it needs is left. Call it a task at a time before
    /// a lint while the engine is `cold`.
    pub fn prepare(&self, text: &str) -> bool {
        self.engine.prepare(text)
    }

    /// `{ hints, checklist }` for `text`, spans in UTF-16 code units.
    /// `context` is `{ customer: { first_name, name }, agent: { first_name } }`.
    pub fn lint(&self, text: &str, context: JsValue) -> Result<JsValue, JsError> {
        to_js(&self.engine.report(text, &self::context(context)?))
    }

    /// `lint` with hints as rule indices and offsets (see `rules()`), as
    /// JSON text: `{ hints: [rule, start, end, flags, ...], groups?: [[hint, [text | null]]], checklist, stopped? }`.
    /// One string crosses the boundary (`JSON.parse` reads it far faster
    /// than a value built field by field), none per hint.
    ///
    /// The reply comes as UTF-8 bytes (`TextEncoder`), not a string:
    /// wasm-bindgen copies a string in a JavaScript loop a character at a
    /// time while it is ASCII, which was over a quarter of a keystroke's
    /// lint of a 5,000-word reply; bytes are copied in one call.
    #[wasm_bindgen(js_name = lintLean)]
    pub fn lint_lean(&self, text: &[u8], context: JsValue) -> Result<String, JsError> {
        let text = std::str::from_utf8(text)
            .map_err(|e| JsError::new(&format!("the reply is not UTF-8: {e}")))?;
        serde_json::to_string(&self.engine.lean_report(text, &self::context(context)?))
            .map_err(|e| JsError::new(&format!("cannot convert result: {e}")))
    }

    /// The rules that are on, in the order `lintLean` numbers them:
    /// `[{ id, category, severity, message }]`.
    pub fn rules(&self) -> Result<JsValue, JsError> {
        let rows: Vec<_> = self
            .engine
            .rule_table()
            .map(|(id, r)| RuleRow {
                id,
                category: &r.category,
                severity: r.severity,
                message: &r.message,
            })
            .collect();
        to_js(&rows)
    }

    /// The suggestions of rule `rule` (a `rules()` index) for a hint of
    /// `lintLean`: the flagged text, its capture groups, whether it begins
    /// a sentence, and the lint's context.
    pub fn suggestions(
        &self,
        rule: u32,
        flagged: &str,
        groups: JsValue,
        sentence_start: bool,
        context: JsValue,
    ) -> Result<JsValue, JsError> {
        let groups: Vec<Option<String>> = if groups.is_undefined() || groups.is_null() {
            Vec::new()
        } else {
            serde_wasm_bindgen::from_value(groups)
                .map_err(|e| JsError::new(&format!("bad capture groups: {e}")))?
        };
        let ctx = self::context(context)?;
        let group = |i: usize| groups.get(i - 1).cloned().flatten();
        to_js(
            &self
                .engine
                .suggestions(rule as usize, flagged, &group, sentence_start, &ctx),
        )
    }

    /// The packs in use, each with `builtin` and its rules.
    pub fn packs(&self) -> Result<JsValue, JsError> {
        let infos: Vec<_> = self
            .engine
            .packs()
            .iter()
            .map(|p| PackInfo {
                builtin: self.builtin_ids.contains(&p.id),
                pack: p,
            })
            .collect();
        to_js(&infos)
    }

    /// Per pack of the options, in order: what its regexes compile to, in
    /// bytes, when this build validated it and it passed; `null` when it
    /// failed or came with `regexBytes`. Handing the number back with the
    /// same text (`{ json, origin, regexBytes }`) skips validating it
    /// again, most of the time an admin pack takes to load.
    pub fn validated(&self) -> Result<JsValue, JsError> {
        to_js(&self.validated)
    }

    /// Packs that were skipped, with what is wrong in each.
    pub fn errors(&self) -> Result<JsValue, JsError> {
        to_js(&self.errors.iter().map(ErrorInfo::from).collect::<Vec<_>>())
    }

    /// Checks a pack as the options page needs it: syntax and fields
    /// (with line:column or JSON path and rule id), its references against
    /// the built-in packs, then its own examples.
    pub fn validate(json: &str, origin: Option<String>) -> Result<JsValue, JsError> {
        let origin = origin.unwrap_or_else(|| "pack".to_string());
        let result = Pack::from_json(json, &origin).and_then(|pack| {
            let id = pack.id.clone();
            let engine = Engine::check_pack(pack)?;
            Ok((id.clone(), engine.run_examples(&id)))
        });
        let v = match result {
            Ok((id, failures)) => Validation {
                ok: failures.is_empty(),
                id: Some(id),
                errors: vec![],
                failures,
            },
            Err(e) => Validation {
                ok: false,
                id: None,
                errors: vec![(&e).into()],
                failures: vec![],
            },
        };
        to_js(&v)
    }
}
