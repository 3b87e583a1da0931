// The Firezone gateway translates ICMP errors for DNS resources only since firezone/firezone#7398
// (December 2024): an older gateway drops them, and the fix is an upgrade.

import type { Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { fix } from './fix';
import { shellAnd, shellCommand } from './shell';

export function upgradeFirezoneGateway(): Remediation[] {
  return [
    fix({
      id: 'firezone-gateway.compose-upgrade',
      deploy: ['docker'],
      title: msg('fix.firezone-gateway.compose-upgrade'),
      kind: 'command',
      text: shellAnd([shellCommand(['docker', 'compose', 'pull', 'firezone-gateway']), shellCommand(['docker', 'compose', 'up', '-d', 'firezone-gateway'])]),
    }),
    fix({
      id: 'firezone-gateway.other-upgrade',
      deploy: [],
      title: msg('fix.firezone-gateway.other-upgrade'),
      kind: 'dashboard',
      textMessage: msg('fix.firezone-gateway.other-upgrade.text'),
    }),
  ];
}
