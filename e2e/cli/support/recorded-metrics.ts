// Starts recorded-metrics-server.mjs inside a lab namespace: a real cloudflared's recorded
// /metrics and /ready answers, served again on 127.0.0.1:PORT for a CLI run's --metrics.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';
import { startLabServer } from './lab-server';
import { RECORDINGS_DIR } from '../../../test-support/recordings/cloudflared-2023.7.3';

const SCRIPT = fileURLToPath(new URL('./recorded-metrics-server.mjs', import.meta.url));

export interface RecordedMetrics {
  /** 127.0.0.1:PORT, for --metrics. */
  address: string;
  /** Paths requested so far. */
  requests: string[];
  stop(): void;
}

/** `port`: where to listen (e.g. cloudflared's default 20241, which the product scans); default any free port. */
export async function startRecordedMetrics(lab: Lab, role: NsRole, recording: string, port = 0): Promise<RecordedMetrics> {
  const requests: string[] = [];
  const env = {
    RECORDED_METRICS: join(RECORDINGS_DIR, `${recording}.metrics.txt`),
    RECORDED_READY: join(RECORDINGS_DIR, `${recording}.ready.txt`),
    RECORDED_PORT: String(port),
  };
  const server = await startLabServer(lab, role, SCRIPT, env, 'the recorded metrics server', (line) => requests.push(line));
  return { address: `127.0.0.1:${server.port}`, requests, stop: server.stop };
}
