// Worker for checks/lab.test.ts: runs inside a lab namespace (as whichever user the test
// chooses) and reports, as one JSON line, what this process sees: its identity, the socket
// capability and ping_group_range of its namespace, the probe events of each ping asked for,
// and a TCP connect. Test-only (Node, native addon).
//
//   node --import tsx lab-worker.ts '{"pings":[{"name":"echo","request":{"target":"10.200.2.2","count":2}}],"tcp":{"host":"10.200.2.2","port":8022}}'

import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { collectPing } from '../../electron/core/ping/collect-ping';
import { openPingSession } from '../../electron/core/ping/ping-session';
import { loadAddon } from '../../electron/native/addon';
import type { PingRequest, ProbeEvent } from '../../native/index';

export interface WorkerRequest {
  pings?: Array<{ name: string; request: PingRequest }>;
  tcp?: { host: string; port: number; timeoutMs?: number };
}

export interface WorkerReport {
  identity: { uid: number; euid: number; gid: number; egid: number; groups: number[] };
  pingGroupRange: { low: number; high: number } | null;
  capability: { v4: { allowed: boolean; errno: string | null }; v6: { allowed: boolean; errno: string | null } };
  pings: Record<string, { probes: ProbeEvent[] } | { failure: string }>;
  tcp: { outcome: 'connected' | 'refused' | 'timeout' | 'unreachable' | 'error'; errno: string | null; ms: number } | null;
}

function readRange(): WorkerReport['pingGroupRange'] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ping_group_range', 'utf8').trim().split(/\s+/).map(Number);
    return low !== undefined && high !== undefined ? { low, high } : null;
  } catch {
    return null;
  }
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<NonNullable<WorkerReport['tcp']>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome: NonNullable<WorkerReport['tcp']>['outcome'], errno: string | null): void => {
      socket.destroy();
      resolve({ outcome, errno, ms: performance.now() - started });
    };
    socket.setTimeout(timeoutMs, () => done('timeout', null));
    socket.once('connect', () => done('connected', null));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'EIO';
      done(code === 'ECONNREFUSED' ? 'refused' : code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? 'unreachable' : 'error', code);
    });
  });
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
  const capability = loadAddon().probeCapability();
  const report: WorkerReport = {
    identity: { uid: process.getuid?.() ?? -1, euid: process.geteuid?.() ?? -1, gid: process.getgid?.() ?? -1, egid: process.getegid?.() ?? -1, groups: process.getgroups?.() ?? [] },
    pingGroupRange: readRange(),
    capability: { v4: { allowed: capability.v4.allowed, errno: capability.v4.errno }, v6: { allowed: capability.v6.allowed, errno: capability.v6.errno } },
    pings: {},
    tcp: null,
  };
  if (request.pings && request.pings.length > 0) {
    const session = openPingSession();
    if (!session.ok) {
      for (const { name } of request.pings) report.pings[name] = { failure: `${session.code}: ${session.message}` };
    } else {
      for (const { name, request: ping } of request.pings) {
        const job = session.value.start(ping);
        report.pings[name] = job.ok ? { probes: (await collectPing(job.value)).probes } : { failure: `${job.code}: ${job.message}` };
      }
      session.value.close();
    }
  }
  if (request.tcp) report.tcp = await tcpConnect(request.tcp.host, request.tcp.port, request.tcp.timeoutMs ?? 2000);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
