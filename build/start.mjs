#!/usr/bin/env node
// `npm start`: runs the desktop app (`electron .`) when Electron's binary is installed; when
// it is not, says so in one paragraph (no stack trace) and exits 1. Arguments after `--`
// go to Electron (for example `npm start -- --no-sandbox` when running as root).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronVersion, locateElectron, ROOT } from './electron-binary.mjs';

const electron = locateElectron();
if (!electron.ok) {
  const version = electronVersion() ?? 'the pinned version';
  process.stderr.write(
    `ICMP Doctor's desktop app cannot start here. ${electron.reason.replace(/\.$/, '')}. ` +
      `The electron package downloads its binary (Electron ${version}) in an install script, which this ` +
      `checkout does not run (package.json "allowScripts" denies it) and which needs to reach github.com ` +
      `(or $ELECTRON_MIRROR). To install it, run \`node node_modules/electron/install.js\` where downloads ` +
      `work, or set ELECTRON_OVERRIDE_DIST_PATH to a directory holding an unpacked Electron ${version}. ` +
      `Everything the app diagnoses also works without Electron, from the command line: ` +
      `\`npm run doctor -- check --target HOST\` or \`npm run doctor -- ping HOST\`.\n`,
  );
  process.exit(1);
}

if (!existsSync(join(ROOT, 'dist', 'main.cjs'))) {
  process.stderr.write('ICMP Doctor is not built yet: dist/main.cjs is missing. Run `npm run build` first.\n');
  process.exit(1);
}

const environment = { ...process.env };
// Set, it would make Electron behave as plain Node and never open a window.
delete environment.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.path, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit', env: environment });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`could not start Electron (${electron.path}): ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
