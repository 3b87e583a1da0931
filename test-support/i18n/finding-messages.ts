// What a check's tests need to say its findings were all put into words from the catalogue:
// every message key a finding carries (nested ones too), so a test can show it walked every
// message of its area; and the finding in Japanese with only the words its own area owns.

import type { Finding } from '../../contract/findings';
import type { Message, MessageParam } from '../../contract/message';
import { localizeFinding } from '../../renderer/i18n/messages/render';

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { key?: unknown }).key === 'string';
}

function collect(value: MessageParam | Message | undefined, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collect(item as MessageParam, into);
  else if (isMessage(value)) {
    into.add(value.key);
    for (const param of Object.values(value.params ?? {})) collect(param, into);
  }
}

/** Every key in the findings' reasons, evidence and fixes, nested messages included. */
export function messageKeys(findings: readonly Finding[]): Set<string> {
  const keys = new Set<string>();
  for (const f of findings) {
    collect(f.reason, keys);
    for (const item of f.evidence) collect(item.message, keys);
    for (const fix of f.remediation) {
      collect(fix.titleMessage, keys);
      collect(fix.textMessage, keys);
    }
  }
  return keys;
}

/**
 * The finding in Japanese, leaving out the words other areas own and say in English until
 * they are converted: fixes without a title message (remediation/ builds them) and cited
 * gather failures whose text is still the gatherer's English (no reason message).
 */
export function inJapaneseOwnWordsOnly(finding: Finding): Finding {
  const gathererEnglish = (m: Message | undefined): boolean => m?.key === 'failure.cited' && typeof m.params?.['message'] === 'string';
  return localizeFinding(
    {
      ...finding,
      evidence: finding.evidence.filter((item) => !gathererEnglish(item.message)),
      remediation: finding.remediation.filter((fix) => fix.titleMessage !== undefined),
    },
    'ja',
  );
}
