// Every helpdesk adapter is data validated by its schema, with selectors
// that parse and match patterns that Chrome accepts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const dir = new URL("../../extension/sites/", import.meta.url);
const read = (f) => JSON.parse(readFileSync(new URL(f, dir), "utf8"));
const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile(read("schema.json"));
const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "schema.json");

const required = ["Zendesk", "Freshdesk", "Help Scout", "Intercom", "Front", "HubSpot", "Zoho Desk", "Gorgias",
  "Kustomer", "Salesforce Service Cloud", "Jira Service Management", "Zammad", "Freshservice", "Gmail", "Outlook on the web"];

test("every known helpdesk has an adapter", () => {
  const names = files.map((f) => read(f).name);
  for (const n of required) assert.ok(names.includes(n), `missing adapter for ${n}`);
});

for (const f of files) {
  test(`${f} matches extension/sites/schema.json`, () => {
    const site = read(f);
    assert.ok(validate(site), ajv.errorsText(validate.errors));
    assert.equal(`${site.id}.json`, f, "file is named after the id");
    if (site.customer_name_title) new RegExp(site.customer_name_title);
    if (!site.verified) assert.match(site.notes, /unverified/i, "an unverified adapter says so");
  });
}
