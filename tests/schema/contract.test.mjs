// extension/contract.json holds the facts the engine and the extension share
// (tests/contract.rs holds the engine to it); here, the extension's side.
import { test } from "node:test";
import assert from "node:assert/strict";
import contract from "../../extension/contract.json" with { type: "json" };
import { PALETTE } from "../../extension/content/ui.js";
import { atLeast, cleanLayer } from "../../extension/policy.js";

test("every category a pack can name has its own colour, and unknown ones share one", () => {
  assert.deepEqual(Object.keys(PALETTE), [...contract.categories, "other"]);
});

test("the nudge's severity threshold follows the contract's order", () => {
  const [mild, middle, strong] = contract.severities;
  assert.ok(atLeast(strong, middle) && atLeast(middle, middle) && !atLeast(mild, middle));
  assert.deepEqual(cleanLayer({ nudge: { severity: strong } }).nudge, { severity: strong });
  assert.equal(cleanLayer({ nudge: { severity: "loud" } }).nudge, undefined);
});

test("rules turned off keep only full rule ids the engine accepts", () => {
  const rules = ["robotic/kindly", "team-2/no-eta", "Robotic/kindly", "robotic", "a/b/c", `x/${"a".repeat(65)}`];
  assert.deepEqual(cleanLayer({ disabledRules: rules }).disabledRules, ["robotic/kindly", "team-2/no-eta"]);
});
