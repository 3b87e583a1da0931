#!/usr/bin/env node
// The `icmp-doctor` command: runs the bundled CLI (npm run build writes dist/cli.cjs).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('icmp-doctor: not built yet. Run `npm install` (or `npm run build`) in ' + join(__dirname, '..') + '.\n');
  process.exit(2);
}
require(bundle);
