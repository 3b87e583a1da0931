// Real, long-running stand-ins for connector processes inside a lab PID namespace, for the
// UI's connector picker: the node binary exec'ed through a symlink with the name a test
// chooses (`cloudflared`, or a renamed copy such as `cloudflared-b`), so /proc shows that
// name, as the user and group a test chooses, with exactly the argv a test chooses. A
// preloaded script blocks in Atomics.wait before node reads its arguments: it sleeps at no
// CPU cost until the namespace ends. (e2e/cli/support/lab-stand-in.ts starts one named
// `cloudflared`; a second process needs another name to be told apart by pgrep.)

import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PidNamespace } from '../../cli/support/pid-namespace';

export interface ConnectorStandIn {
  /** A directory every user may read and enter: the program and its preload go there. */
  dir: string;
  /** The program's file name: argv[0] and /proc/PID/comm (at most 15 bytes). */
  name: string;
  uid: number;
  gid: number;
  args: readonly string[];
}

/** Starts the stand-in in `space`; resolves with its PID as seen inside that PID namespace. */
export async function startConnectorStandIn(space: PidNamespace, options: ConnectorStandIn): Promise<{ pid: number; program: string }> {
  if (Buffer.byteLength(options.name) > 15) throw new Error(`${options.name}: /proc/PID/comm keeps 15 bytes; pick a shorter name`);
  mkdirSync(options.dir, { recursive: true });
  chmodSync(options.dir, 0o755);
  const program = join(options.dir, options.name);
  const preload = join(options.dir, 'block-forever.cjs');
  if (!existsSync(program)) symlinkSync(process.execPath, program);
  if (!existsSync(preload)) writeFileSync(preload, 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n', { mode: 0o644 });
  space.spawn([
    'setpriv', `--reuid=${options.uid}`, `--regid=${options.gid}`, '--clear-groups', '--no-new-privs', '--',
    'env', '-i', 'PATH=/usr/bin:/bin', `NODE_OPTIONS=--require ${preload}`, program, ...options.args,
  ]);
  return { pid: await space.waitForProcess(options.name), program };
}
