// A real, long-running process standing in for cloudflared inside a lab namespace (and a
// private PID namespace): the node binary exec'ed through a symlink named `cloudflared`, so
// argv[0] and /proc/PID/comm say cloudflared, as the user and groups a container image would
// give it, with exactly the argv and environment a test chooses. A preloaded script blocks
// in Atomics.wait before node looks at its arguments, so it sleeps at no CPU cost until its
// namespace ends. (e2e/evidence/cloudflared/support/stand-in-connector.ts does the same on
// the host; this one goes through setpriv and the lab.)

import { chmodSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PidNamespace } from './pid-namespace';

export interface StandInOptions {
  /** A directory every user may read and enter: the symlink and the preload go there. */
  dir: string;
  uid: number;
  gid: number;
  args: readonly string[];
  /** The complete environment (besides NODE_OPTIONS, which carries the preload). */
  env?: Readonly<Record<string, string>>;
  /** The program's file name (argv[0]'s basename, and comm cut to 15 bytes). Default `cloudflared`. */
  program?: string;
  /** A file its stdout and stderr are appended to (as `PROGRAM >>FILE 2>&1` would); default: a pipe. */
  output?: string;
}

/** Linux keeps the first 15 bytes of the program's name as its comm. */
const COMM_LENGTH = 15;

/** The program path the stand-in runs as (argv[0]). */
export function standInProgram(dir: string, name = 'cloudflared'): string {
  return join(dir, name);
}

/** Starts the stand-in in `space`; resolves with its PID as seen inside that PID namespace. */
export async function startStandIn(space: PidNamespace, options: StandInOptions): Promise<number> {
  const name = options.program ?? 'cloudflared';
  const program = standInProgram(options.dir, name);
  const preload = join(options.dir, 'block-forever.cjs');
  chmodSync(options.dir, 0o755);
  if (!existsSync(program)) symlinkSync(process.execPath, program);
  if (!existsSync(preload)) writeFileSync(preload, 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n', { mode: 0o644 });
  const environment = Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`);
  const argv = [
    'setpriv', `--reuid=${options.uid}`, `--regid=${options.gid}`, '--clear-groups', '--no-new-privs', '--',
    'env', '-i', ...environment, `NODE_OPTIONS=--require ${preload}`, program, ...options.args,
  ];
  // The shell only opens the file and execs: the program itself holds it as fd 1 and 2.
  space.spawn(options.output ? ['sh', '-c', 'exec "$@" >>"$0" 2>&1', options.output, ...argv] : argv);
  return space.waitForProcess(name.slice(0, COMM_LENGTH));
}
