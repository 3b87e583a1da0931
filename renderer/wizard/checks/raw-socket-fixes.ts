// Fixes that need no host setting: run the diagnostic itself with CAP_NET_RAW (as root), so
// it probes through raw sockets. Root is never told to change a host sysctl just to run
// the diagnostic; and only raw sockets see ICMP errors a gateway did not translate back.

import type { CheckInputs } from '../../../contract/inputs';
import type { Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { fix } from '../remediation/fix';
import { shellCommand } from '../remediation/shell';

/** `sudo icmp-doctor check --socket raw [--target T] [--tcp-port P] [--unreachable A]`, as this run was asked. */
export function rawCheckCommand(inputs: CheckInputs): string {
  const words = ['sudo', 'icmp-doctor', 'check', '--socket', 'raw'];
  if (inputs.target) words.push('--target', inputs.target);
  if (inputs.tcpPort !== null) words.push('--tcp-port', String(inputs.tcpPort));
  if (inputs.unreachableTarget) words.push('--unreachable', inputs.unreachableTarget);
  if (inputs.product !== 'generic') words.push('--product', inputs.product);
  return shellCommand(words);
}

/** Run this diagnostic as root instead of widening ping_group_range for it. */
export function runPrivilegedRemediation(inputs: CheckInputs): Remediation {
  return fix({ id: 'raw-socket.run-privileged', deploy: [], kind: 'command', title: msg('raw-socket.fix.run-privileged'), text: rawCheckCommand(inputs) });
}

/** Rerun the check with raw sockets, to tell untranslated errors from swallowed ones. */
export function rerunRawRemediation(inputs: CheckInputs): Remediation {
  return fix({ id: 'raw-socket.rerun-raw', deploy: [], kind: 'command', title: msg('raw-socket.fix.rerun-raw'), text: rawCheckCommand(inputs) });
}
