// Re-running the symptom after a fix: the same for every deployment.

import type { Remediation } from '../../../contract/findings';
import { shellCommand } from './shell';

/** Ping again: a command that is safe whatever the target string holds. */
export function pingAgainRemediation(target: string): Remediation {
  return { id: 'retest.ping', deploy: [], title: 'Ping again after the fix', kind: 'command', text: shellCommand(['icmp-doctor', 'ping', target, '-c', '4']) };
}
