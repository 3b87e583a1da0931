// Builds a Finding from its reason (a message), so every check reads as "status, why,
// evidence, fix". The text fields are filled in English, the report's default; the edges say
// them again in the user's language from the messages (renderer/i18n/messages/render.ts).

import type { Finding, FindingEvidence, FindingId, FindingStatus, Remediation } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';

/** The fixed title of a finding, in English. */
export function findingTitle(id: FindingId): string {
  return renderMessage(msg(`finding.title.${id}`), 'en');
}

export function finding(
  id: FindingId,
  status: FindingStatus,
  reason: Message,
  evidence: readonly FindingEvidence[] = [],
  remediation: readonly Remediation[] = [],
): Finding {
  return { id, status, title: findingTitle(id), summary: renderMessage(reason, 'en'), reason, evidence: [...evidence], remediation: [...remediation] };
}
