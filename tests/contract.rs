//! The facts the engine and the extension share live once, in
//! `extension/contract.json` (the extension imports it); these tests fail
//! when the engine, its schema or the built-in packs say otherwise.

use carelint::{Context, Pack, PackErrorKind, Severity};
use regex::Regex;
use serde_json::Value;

fn contract() -> Value {
    serde_json::from_str(include_str!("../extension/contract.json")).unwrap()
}

fn schema() -> Value {
    serde_json::from_str(include_str!("../packs/schema.json")).unwrap()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn severities_are_the_engines_from_mildest_to_strongest() {
    let contract = contract();
    let names = strings(&contract["severities"]);
    let engine = [Severity::Suggestion, Severity::Warning, Severity::Error];
    assert_eq!(names, engine.map(Severity::as_str));
    assert!(engine.is_sorted(), "the enum's order is the contract's");
    for name in &names {
        assert_eq!(name.parse::<Severity>().unwrap().as_str(), *name);
    }
    assert_eq!(strings(&schema()["$defs"]["severity"]["enum"]), names);
}

fn pack_with_ids(pack: &str, rule: &str) -> String {
    format!(
        r#"{{"id": {pack:?}, "name": "P", "version": "1", "lang": "en", "rules": [
  {{"id": {rule:?}, "category": "robotic", "severity": "warning", "phrases": ["fine"], "message": "m"}}
]}}"#
    )
}

#[test]
fn the_engine_accepts_exactly_the_ids_the_contract_describes() {
    let contract = contract();
    let id = Regex::new(contract["id"].as_str().unwrap()).unwrap();
    let full = Regex::new(contract["fullId"].as_str().unwrap()).unwrap();
    let long = "a".repeat(64);
    let too_long = "a".repeat(65);
    for candidate in [
        "team", "a-1", "9", &long, &too_long, "", "Team", "a_b", "a b", "a/b", "é",
    ] {
        let as_pack = Pack::from_json(&pack_with_ids(candidate, "ok"), "p.json");
        let as_rule = Pack::from_json(&pack_with_ids("p", candidate), "p.json");
        for result in [as_pack, as_rule] {
            assert_eq!(
                result.is_ok(),
                id.is_match(candidate),
                "`{candidate}`: {result:?}"
            );
            if let Err(e) = result {
                assert!(matches!(e.kind(), PackErrorKind::Invalid(_)), "{e}");
            }
        }
        let joined = format!("p/{candidate}");
        assert_eq!(full.is_match(&joined), id.is_match(candidate), "`{joined}`");
    }
    let schema = schema();
    assert_eq!(schema["$defs"]["id"]["pattern"], contract["id"]);
    assert_eq!(schema["$defs"]["fullId"]["pattern"], contract["fullId"]);
}

#[test]
fn placeholders_are_the_ones_the_engine_fills() {
    let contract = contract();
    let names = strings(&contract["placeholders"]);
    let mut ctx = Context::default();
    for name in &names {
        ctx.set(name, "Robin Ames").unwrap();
        assert_eq!(ctx.var(name).as_deref(), Some("Robin Ames"), "{name}");
    }
    let unknown = ctx.set("customer.email", "x").unwrap_err();
    assert!(
        unknown
            .to_string()
            .ends_with(&format!("known: {}", names.join(", "))),
        "{unknown}"
    );
    let described = schema()["$defs"]["suggestions"]["items"]["description"].to_string();
    for name in &names {
        assert!(
            described.contains(&format!("{{{name}}}")),
            "schema.json does not name {name}"
        );
    }
}

#[test]
fn a_first_name_comes_from_the_full_name_for_either_person() {
    // The extension sends only the name the page shows; the engine decides.
    let ctx: Context = serde_json::from_str(
        r#"{"customer": {"name": "Ines  Okafor"}, "agent": {"name": "Tomas Berg"}}"#,
    )
    .unwrap();
    assert_eq!(ctx.var("customer.first_name").as_deref(), Some("Ines"));
    assert_eq!(ctx.var("agent.first_name").as_deref(), Some("Tomas"));
    let blank: Context = serde_json::from_str(r#"{"customer": {"name": "  "}}"#).unwrap();
    assert_eq!(blank.var("customer.first_name"), None);
}

#[test]
fn built_in_packs_use_the_contracts_categories_and_blanks() {
    let contract = contract();
    let categories = strings(&contract["categories"]);
    let blank = Regex::new(contract["blank"].as_str().unwrap()).unwrap();
    let packs = Pack::builtin().unwrap();
    for rule in packs.iter().flat_map(|p| &p.rules) {
        assert!(
            categories.contains(&rule.category.as_str()),
            "{}: {}",
            rule.id,
            rule.category
        );
        for s in &rule.suggestions {
            // Every bracket must belong to a blank, or Tab in the extension
            // would stop short of it or select the wrong text.
            let outside = blank.replace_all(s, "");
            assert!(!outside.contains(['[', ']']), "{}: {s}", rule.id);
        }
    }
    for category in &categories {
        assert!(
            packs
                .iter()
                .flat_map(|p| &p.rules)
                .any(|r| r.category == *category),
            "no built-in rule in {category}"
        );
    }
}
