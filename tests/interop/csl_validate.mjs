// Validates a CSL-JSON file against the CSL-JSON schema with Ajv, a JSON Schema validator written
// by others. Usage: node csl_validate.mjs SCHEMA.json DATA.json
// Prints "valid N" (N items) and exits 0, or prints each error and exits 1.
import { readFileSync } from "node:fs";
import Ajv from "ajv";

const [schemaPath, dataPath] = process.argv.slice(2);
if (!schemaPath || !dataPath) {
  console.error("usage: node csl_validate.mjs SCHEMA.json DATA.json");
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const data = JSON.parse(readFileSync(dataPath, "utf8"));
// strict: false because the schema declares union types ("type": ["string", "number"]), which
// Ajv's strict mode reports on every such property.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
if (validate(data)) {
  console.log(`valid ${data.length}`);
} else {
  for (const e of validate.errors) console.log(`${e.instancePath || "/"} ${e.message}`);
  process.exit(1);
}
