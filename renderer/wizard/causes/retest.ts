// "Re-test with …": the check to run again once the causes are fixed, with the options this
// run had, so the user re-runs exactly what failed. The API token is never part of it: the
// CLI reads it from CLOUDFLARE_API_TOKEN, which the user's shell still holds.

import type { CheckInputs } from '../../../contract/inputs';
import { shellCommand } from '../remediation/shell';

export function retestCommand(inputs: CheckInputs): string {
  const words: string[] = ['icmp-doctor', 'check'];
  const option = (name: string, value: string | number | null): void => {
    if (value !== null) words.push(name, String(value));
  };
  option('--target', inputs.target);
  option('--tcp-port', inputs.tcpPort);
  if (inputs.product !== 'generic') option('--product', inputs.product);
  option('--unreachable', inputs.unreachableTarget);
  option('--cloudflared-log', inputs.cloudflaredLog);
  option('--cloudflared-config', inputs.cloudflaredConfig);
  option('--metrics', inputs.metricsUrl);
  option('--cloudflare-account', inputs.cloudflareAccountId);
  for (const report of inputs.connectorReports) option('--connector-report', report);
  return shellCommand(words);
}
