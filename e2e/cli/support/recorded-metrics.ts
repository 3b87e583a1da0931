// Starts recorded-metrics-server.mjs inside a lab namespace: a real cloudflared's recorded
// /metrics and /ready answers, served again on 127.0.0.1:PORT for a CLI run's --metrics.

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { killGroup } from '../../lab/exec';
import type { Lab } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';
import { RECORDINGS_DIR } from '../../../test-support/recordings/cloudflared-2023.7.3';

const SCRIPT = fileURLToPath(new URL('./recorded-metrics-server.mjs', import.meta.url));
const READY_TIMEOUT_MS = 5_000;

export interface RecordedMetrics {
  /** 127.0.0.1:PORT, for --metrics. */
  address: string;
  /** Paths requested so far. */
  requests: string[];
  stop(): void;
}

export function startRecordedMetrics(lab: Lab, role: NsRole, recording: string): Promise<RecordedMetrics> {
  const child: ChildProcess = lab.spawn(role, [process.execPath, SCRIPT], {
    env: {
      NODE_OPTIONS: undefined,
      RECORDED_METRICS: join(RECORDINGS_DIR, `${recording}.metrics.txt`),
      RECORDED_READY: join(RECORDINGS_DIR, `${recording}.ready.txt`),
    },
  });
  const requests: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error('the recorded metrics server did not start'));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the recorded metrics server exited (${code}) while starting`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ address: `127.0.0.1:${listening[1]}`, requests, stop: () => killGroup(child) });
        return;
      }
      requests.push(line);
    });
  });
}
