// The Firezone gateway translates ICMP errors for DNS resources only since firezone/firezone#7398
// (December 2024): an older gateway drops them, and the fix is an upgrade.

import type { Remediation } from '../../../contract/findings';
import { shellAnd, shellCommand } from './shell';

export function upgradeFirezoneGateway(): Remediation[] {
  return [
    {
      id: 'firezone-gateway.compose-upgrade',
      deploy: ['docker'],
      title: 'Firezone: upgrade the gateway to a release with the ICMP error translation (firezone/firezone#7398, December 2024), Docker Compose install (firezone-gateway is the service name)',
      kind: 'command',
      text: shellAnd([shellCommand(['docker', 'compose', 'pull', 'firezone-gateway']), shellCommand(['docker', 'compose', 'up', '-d', 'firezone-gateway'])]),
    },
    {
      id: 'firezone-gateway.other-upgrade',
      deploy: [],
      title: 'Firezone: upgrade the gateway, other installs',
      kind: 'dashboard',
      text: 'Admin portal → Sites → the site → Gateways shows each gateway\'s version; deploy the latest release with the install command the portal gives (Deploy a Gateway), then remove the old one.',
    },
  ];
}
