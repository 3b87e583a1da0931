// Typed front for tcp-listener.mjs: Lab.serveTcp() starts it in a namespace and waits until it
// accepts connections; the service can be stopped early (else the lab's teardown kills it).
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { killGroup } from './exec';

export const TCP_LISTENER_SCRIPT = fileURLToPath(new URL('./tcp-listener.mjs', import.meta.url));

/** A TCP port the server serves in the scenarios (Lab.serveTcp's default). */
export const LAB_TCP_PORT = 8080;

/** A running TCP listener inside a lab namespace. */
export interface TcpService {
  /** The port it accepts on (the one asked for, or the kernel's pick for 0). */
  readonly port: number;
  /** Stop it now (SIGTERM to its process group) and wait until it has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Resolves with the listener's port once it prints "listening PORT"; rejects if it exits or stays silent. */
export function tcpServiceReady(child: ChildProcess, timeoutMs: number): Promise<TcpService> {
  let stderr = '';
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async (): Promise<void> => {
    killGroup(child, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`tcp listener did not start within ${timeoutMs} ms; stderr: ${stderr.trim()}`));
    }, timeoutMs);
    child.stderr?.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-4000);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the tcp listener: ${e.message}`, { cause: e }));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tcp listener exited (${code ?? signal}) while starting; stderr: ${stderr.trim()}`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^listening (\d+)$/.exec(line);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      resolve({ port: Number(m[1]), stop });
    });
  });
}
