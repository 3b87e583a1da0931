// "Re-test with …": the check to run again once the causes are fixed, with the options this
// run had, so the user re-runs exactly what failed. The API token is never part of it: the
// CLI reads it from CLOUDFLARE_API_TOKEN, which the user's shell still holds.

import type { CheckInputs } from '../../../contract/inputs';
import { shellCommand } from '../remediation/shell';

export function retestCommand(inputs: CheckInputs): string {
  const words: string[] = ['icmp-doctor', 'check'];
  const option = (name: string, value: string | number | null | undefined): void => {
    if (typeof value === 'string' || typeof value === 'number') words.push(name, String(value));
  };
  option('--target', inputs.target);
  option('--tcp-port', inputs.tcpPort);
  if (inputs.product !== 'generic') option('--product', inputs.product);
  option('--unreachable', inputs.unreachableTarget);
  option('--cloudflared-log', inputs.cloudflaredLog);
  option('--cloudflared-config', inputs.cloudflaredConfig);
  option('--metrics', inputs.metricsUrl);
  option('--cloudflare-account', inputs.cloudflareAccountId);
  // Imported files, read again: the user updates them (a new pod spec, the ruleset after the fix).
  const imports: unknown = inputs.imports;
  if (Array.isArray(imports)) {
    for (const entry of imports as unknown[]) {
      const { kind, path } = (entry ?? {}) as { kind?: unknown; path?: unknown };
      if (typeof kind === 'string' && typeof path === 'string') option('--import', `${kind}=${path}`);
    }
  }
  // A chosen style, not a detected one: detection runs again on the new evidence.
  option('--deploy', inputs.deploy);
  // The connector examined: a PID outlives no restart, but the re-test right after the fix is the same process.
  if (typeof inputs.pid === 'number' && Number.isInteger(inputs.pid) && inputs.pid > 0) option('--pid', inputs.pid);
  // A report read back from a file may be hand-edited: only a list of paths is one.
  const reports: unknown = inputs.connectorReports;
  if (Array.isArray(reports)) for (const report of reports) if (typeof report === 'string') option('--connector-report', report);
  return shellCommand(words);
}
