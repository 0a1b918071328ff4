// The JSON Schema that editors use must agree with the engine: every pack
// the engine accepts validates, and typical mistakes are caught by both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const read = (p) => JSON.parse(readFileSync(new URL(`../../${p}`, import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile(read("packs/schema.json"));

const packFiles = readdirSync(new URL("../../packs/", import.meta.url))
  .filter((f) => f.endsWith(".json") && !["schema.json", "checklist.json", "cues.json"].includes(f))
  .map((f) => `packs/${f}`)
  .concat(["tests/fixtures/team.json", "tests/fixtures/context.json", "tests/fixtures/eval/tone.json"]);

for (const file of packFiles) {
  test(`${file} matches packs/schema.json`, () => {
    assert.ok(validate(read(file)), ajv.errorsText(validate.errors));
  });
}

test("the schema refuses a misspelt field, a bad severity and a rule without a matcher", () => {
  const pack = read("tests/fixtures/team.json");
  const rule = pack.rules[0];
  for (const bad of [
    { ...rule, phrase: rule.phrases },
    { ...rule, severity: "loud" },
    { id: "x", category: "robotic", severity: "warning", message: "m" },
  ]) {
    assert.equal(validate({ ...pack, rules: [bad] }), false, JSON.stringify(bad));
  }
});

test("the schema refuses the typical condition and cue mistakes", () => {
  const pack = read("tests/fixtures/context.json");
  const rule = pack.rules[0];
  for (const when of [
    [{ unless: ["offer"], only_if: ["urgent"], in: "after" }],
    [{ in: "after" }],
    [{ unless: [], in: "after" }],
    [{ unless: ["offer"], in: "nearby" }],
    [{ unless: ["offer"] }],
    [{ unless: ["Offer"], in: "after" }],
    Array(9).fill({ unless: ["offer"], in: "after" }),
    [{ unless: Array(21).fill("offer"), in: "after" }],
  ]) {
    assert.equal(validate({ ...pack, rules: [{ ...rule, when }] }), false, JSON.stringify(when));
  }
  for (const cue of [{ phrases: ["a"], pattern: "b" }, { about: "nothing to match" }, { phrase: ["a"] }]) {
    assert.equal(validate({ ...pack, cues: { ...pack.cues, mine: cue } }), false, JSON.stringify(cue));
  }
  assert.equal(validate({ ...pack, cues: { ...pack.cues, "Right Away": { phrases: ["a"] } } }), false);
  assert.equal(
    validate({ ...pack, rules: [], overrides: { "ctx/before": { when: [{ unless: ["offer"], in: "everywhere" }] } } }),
    false,
  );
  assert.ok(
    validate({ ...pack, rules: [], overrides: { "ctx/before": { when: [] } } }),
    ajv.errorsText(validate.errors),
  );
});
