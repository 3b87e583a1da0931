// A Firezone resource's traffic restrictions are enforced by its gateways: what they leave out
// is refused (ICMP 3/13 since gateway 1.4.13, dropped before). Allowing ICMP is a change in the
// admin portal (Resources → resource → Edit → Traffic Restrictions), not on any host.

import type { Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { fix } from './fix';

/** The portal change that lets ICMP through the named resources (none named: "the resource"). */
export function allowIcmpInFirezoneResource(resources: readonly string[]): Remediation[] {
  return [
    fix({
      id: 'firezone.allow-icmp',
      deploy: [],
      title: msg('fix.firezone.allow-icmp'),
      kind: 'dashboard',
      textMessage: msg('fix.firezone.allow-icmp.text', { resources: [...resources] }),
    }),
  ];
}
