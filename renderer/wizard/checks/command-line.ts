// A connector's command line as evidence: shown with its secrets removed (a tunnel token in a
// report is a live credential), and read for the transport it asks for.

import type { Transport } from '../../../contract/evidence';

/** cloudflared flags whose value is a credential, and the variable cloudflared also reads it from. */
export const CLOUDFLARED_SECRET_FLAGS: ReadonlyMap<string, string> = new Map([
  ['--token', 'TUNNEL_TOKEN'],
  ['--credentials-contents', 'TUNNEL_CRED_CONTENTS'],
]);

/**
 * If `arg` is a secret flag ("--token", "-token", "--token=…"), its canonical name and
 * whether the value is inside the same argument; otherwise null.
 */
export function secretFlag(arg: string): { flag: string; inline: boolean } | null {
  const match = /^--?([A-Za-z-]+)(=.*)?$/s.exec(arg);
  if (!match) return null;
  const flag = `--${match[1] ?? ''}`;
  return CLOUDFLARED_SECRET_FLAGS.has(flag) ? { flag, inline: match[2] !== undefined } : null;
}

/** argv with every secret flag's value replaced by "[redacted]", joined for display. */
export function redactedCommandLine(argv: readonly string[]): string {
  const shown: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const secret = secretFlag(arg);
    if (!secret) {
      shown.push(arg);
      continue;
    }
    shown.push(secret.inline ? `${secret.flag}=[redacted]` : secret.flag);
    if (!secret.inline && index + 1 < argv.length) {
      shown.push('[redacted]');
      index += 1;
    }
  }
  return shown.join(' ');
}

/** The value of `--protocol X` / `--protocol=X` (also with one dash, as Go's flag parser allows). */
export function protocolFlag(argv: readonly string[]): string | null {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--protocol' || arg === '-protocol') return argv[index + 1] ?? null;
    const match = /^--?protocol=(.*)$/.exec(arg);
    if (match) return match[1] ?? null;
  }
  return null;
}

export function asTransport(value: string | null | undefined): Transport | 'auto' | null {
  const normalized = value?.trim().toLowerCase();
  return normalized === 'quic' || normalized === 'http2' || normalized === 'auto' ? normalized : null;
}
