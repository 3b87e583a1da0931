// Typed front for netem-relay.mjs: start it in the wan namespace, change its settings, stop it.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { killGroup, spawnGroup } from './exec';
import { UNDERLAY } from './topology';

/**
 * Impairment of the netem link, as round-trip figures: the relay applies them once, to the
 * router → server direction, so `delayMs: 10` makes the RTT to the netem server ≈ 10 ms more
 * and `lossPct: 5` loses ≈ 5 % of round trips. Jitter is uniform in ±jitterMs and never reorders.
 */
export interface NetemSettings {
  delayMs: number;
  jitterMs?: number;
  lossPct?: number;
}

export const NO_NETEM: Required<NetemSettings> = { delayMs: 0, jitterMs: 0, lossPct: 0 };

const RELAY_SCRIPT = fileURLToPath(new URL('./netem-relay.mjs', import.meta.url));

export function normalizeNetem(s: NetemSettings): Required<NetemSettings> {
  const full = { delayMs: s.delayMs, jitterMs: s.jitterMs ?? 0, lossPct: s.lossPct ?? 0 };
  for (const [k, v] of Object.entries(full)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`setNetem: ${k} must be a finite number >= 0, got ${v}`);
  }
  if (full.lossPct > 100) throw new RangeError(`setNetem: lossPct must be <= 100, got ${full.lossPct}`);
  return full;
}

export class NetemRelay {
  private nextId = 1;
  private readonly acks = new Map<number, () => void>();
  private exited: string | null = null;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {}

  /** Start the relay with `nsPrefix` (e.g. ['ip','netns','exec',wanNs]); resolves once its sockets are bound. */
  static start(nsPrefix: readonly string[], timeoutMs: number): Promise<NetemRelay> {
    const u = UNDERLAY;
    const config = {
      fromRouter: [u.wanRouterEnd, u.vxlanPort],
      toServer: [u.serverEnd, u.vxlanPort],
      fromServer: [u.wanServerEnd, u.vxlanPort],
      toRouter: [u.routerEnd, u.vxlanPort],
    };
    const child = spawnGroup([...nsPrefix, process.execPath, RELAY_SCRIPT, JSON.stringify(config)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      // A bare environment: the test process may carry loader flags (NODE_OPTIONS, tsx) the relay does not need.
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    });
    const relay = new NetemRelay(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        relay.stop();
        reject(new Error(`netem relay did not start within ${timeoutMs} ms; stderr: ${relay.stderr.trim()}`));
      }, timeoutMs);
      child.stderr?.on('data', (b: Buffer) => {
        relay.stderr = (relay.stderr + b.toString('utf8')).slice(-4000);
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot start the netem relay: ${e.message}`, { cause: e }));
      });
      child.on('exit', (code, signal) => {
        relay.exited = `exited (${code ?? signal})`;
        clearTimeout(timer);
        reject(new Error(`netem relay ${relay.exited} while starting; stderr: ${relay.stderr.trim()}`));
        for (const ack of relay.acks.values()) ack();
      });
      const lines = readline.createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (line === 'ready') {
          clearTimeout(timer);
          resolve(relay);
          return;
        }
        const m = /^ack (\d+)$/.exec(line);
        if (m?.[1] !== undefined) {
          const id = Number(m[1]);
          relay.acks.get(id)?.();
          relay.acks.delete(id);
        }
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Apply settings; resolves once the relay confirms, so the next packet sees them. */
  configure(settings: Required<NetemSettings>): Promise<void> {
    if (this.exited !== null) {
      return Promise.reject(new Error(`netem relay ${this.exited}; stderr: ${this.stderr.trim()}`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.acks.set(id, () => {
        if (this.exited !== null) reject(new Error(`netem relay ${this.exited}; stderr: ${this.stderr.trim()}`));
        else resolve();
      });
      this.child.stdin!.write(JSON.stringify({ id, ...settings }) + '\n');
    });
  }

  stop(): void {
    this.child.stdin?.destroy();
    killGroup(this.child);
  }
}
