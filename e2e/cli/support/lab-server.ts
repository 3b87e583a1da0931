// Starts a small Node server script inside a lab namespace and waits until it says
// "listening PORT" on stdout; every other line it prints is handed to `onLine` (the requests
// it saw). The stand-ins for the Cloudflare API and for a recorded metrics server share this.

import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { killGroup } from '../../lab/exec';
import type { Lab } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';

const READY_TIMEOUT_MS = 5_000;

export interface LabServer {
  port: number;
  stop(): void;
}

/** Runs `script` with `env` in `role`; `name` says what failed when it does not start. */
export function startLabServer(lab: Lab, role: NsRole, script: string, env: Record<string, string>, name: string, onLine: (line: string) => void): Promise<LabServer> {
  const child: ChildProcess = lab.spawn(role, [process.execPath, script], { env: { NODE_OPTIONS: undefined, ...env } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`${name} did not start`));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) while starting`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ port: Number(listening[1]), stop: () => killGroup(child) });
        return;
      }
      onLine(line);
    });
  });
}
