#!/usr/bin/env node
// Runs every `*.test.ts` under electron/, renderer/, e2e/ and test-support/ with Node's test runner (via
// tsx for TypeScript). Arguments narrow the run: `npm run test:node -- e2e/lab`.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['electron', 'renderer', 'e2e', 'test-support'];

function testFiles(path) {
  const absolute = join(root, path);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return absolute.endsWith('.test.ts') ? [absolute] : [];
  return readdirSync(absolute)
    .filter((name) => name !== 'node_modules' && !name.startsWith('.'))
    .flatMap((name) => testFiles(join(path, name)));
}

const files = roots.flatMap(testFiles).sort();
if (files.length === 0) {
  console.error(`no *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
console.log(`running ${files.length} test files:\n  ${files.map((file) => relative(root, file)).join('\n  ')}`);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
