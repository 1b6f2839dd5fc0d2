// Validates every element template under ../../element-templates with the schema's maintained
// validator (Camunda 7 schema); prints each error and warning and exits 1 if there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@bpmn-io/element-templates-validator';

const directory = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', 'element-templates');
let problems = 0;
for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')).sort()) {
  const result = validate(readFileSync(join(directory, file), "utf-8"));
  const { valid } = result;
  const errors = result.errors ?? [];
  const warnings = result.warnings ?? [];
  for (const issue of [...errors, ...warnings]) {
    problems++;
    console.log(`${file}: ${issue.dataPath || issue.instancePath || '/'} ${issue.message}`);
  }
  if (!valid && errors.length === 0) {
    problems++;
    console.log(`${file}: invalid`);
  }
}
process.exit(problems === 0 ? 0 : 1);
