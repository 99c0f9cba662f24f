// Writes schema/rules.schema.json from the validator's tables (src/ruleset/schema.ts, built to dist/).
// Run with `npm run schema`; test/ruleset/schema.test.ts fails while the shipped file is out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { rulesetSchemaText } from '../dist/ruleset/schema.js';

const dir = new URL('../schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('rules.schema.json', dir), rulesetSchemaText());
console.log('wrote schema/rules.schema.json');
