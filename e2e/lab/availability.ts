// Can the lab run here? Answered without side effects, so tests can decide to skip up front.
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';

const CAP_NET_ADMIN = 12;
const CAP_SYS_ADMIN = 21; // `ip netns add` bind-mounts the namespace under /run/netns.

/** Tools the lab itself runs, with the Debian package that provides each. */
const REQUIRED_TOOLS: ReadonlyArray<readonly [tool: string, pkg: string]> = [
  ['ip', 'iproute2'],
  ['nft', 'nftables'],
  ['sysctl', 'procps'],
  ['setpriv', 'util-linux'],
  ['env', 'coreutils'],
];

const HOW_TO_RUN = 'Run the tests as root: `sudo npm test` (or `sudo node --import tsx --test e2e/lab/lab.test.ts`).';

export function findTool(tool: string): string | null {
  const dirs = (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin', '/bin']);
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function effectiveCaps(): bigint | null {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    return hex === undefined ? null : BigInt(`0x${hex}`);
  } catch {
    return null;
  }
}

/**
 * null when the lab can run; otherwise a sentence saying exactly why not and what to do.
 * It does not prove `ip netns add` will work (a locked-down container may still refuse);
 * createLab turns that refusal into a LabUnavailableError too.
 */
export function labUnavailableReason(): string | null {
  if (process.platform !== 'linux') {
    return `The network-namespace lab needs Linux network namespaces; this is ${process.platform}. Run the end-to-end tests on Linux as root.`;
  }
  const caps = effectiveCaps();
  const has = (bit: number): boolean => caps !== null && (caps & (1n << BigInt(bit))) !== 0n;
  if (!has(CAP_NET_ADMIN) || !has(CAP_SYS_ADMIN)) {
    const uid = process.getuid?.() ?? -1;
    const missing = [has(CAP_NET_ADMIN) ? null : 'CAP_NET_ADMIN', has(CAP_SYS_ADMIN) ? null : 'CAP_SYS_ADMIN'].filter(Boolean).join(' and ');
    return (
      `The network-namespace lab needs root: creating network namespaces takes CAP_NET_ADMIN and CAP_SYS_ADMIN, ` +
      `and this process (uid ${uid}) lacks ${missing}. ${HOW_TO_RUN}`
    );
  }
  const missingTools = REQUIRED_TOOLS.filter(([tool]) => findTool(tool) === null);
  if (missingTools.length > 0) {
    const list = missingTools.map(([t, p]) => `${t} (package ${p})`).join(', ');
    return `The network-namespace lab needs ${list}, not found in PATH. Install with: apt-get install -y ${[...new Set(missingTools.map(([, p]) => p))].join(' ')}`;
  }
  return null;
}

export { HOW_TO_RUN };
