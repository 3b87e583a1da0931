// Findings whose words are messages with a known Japanese rendering, for tests of what the
// reports and the CLI say themselves: the checks' own messages are the checks' parts, converted
// in parallel, so a test of the chrome must not depend on them.

import type { Finding } from '../../contract/findings';
import { msg } from '../../renderer/i18n/messages/message';

function cited(code: string, text: string) {
  return msg('failure.cited', { code, meaning: msg('failure.code.FAILED'), message: text });
}

/** `f` with its summary, evidence and fix titles (and dashboard steps) said by known messages; ids, statuses, causes and fix kinds and commands kept. */
export function saidByKnownMessages(f: Finding): Finding {
  return {
    ...f,
    reason: cited(f.id, '判定の理由'),
    // An evidence source is a label the checks write (no message in the contract): a neutral one here.
    evidence: f.evidence.map((item, index) => ({ ...item, source: `source-${index}`, message: cited(`source-${index}`, '証跡の内容') })),
    remediation: f.remediation.map((fix) => ({
      ...fix,
      titleMessage: cited(fix.id, '対処の名前'),
      ...(fix.kind === 'dashboard' ? { textMessage: cited(fix.id, 'ダッシュボードでの手順') } : {}),
    })),
  };
}
