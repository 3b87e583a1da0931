// Re-running the symptom after a fix: the same for every deployment.

import type { Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { fix } from './fix';
import { shellCommand } from './shell';

/** Ping again: a command that is safe whatever the target string holds. */
export function pingAgainRemediation(target: string): Remediation {
  return fix({ id: 'retest.ping', deploy: [], title: msg('fix.retest.ping'), kind: 'command', text: shellCommand(['icmp-doctor', 'ping', target, '-c', '4']) });
}
