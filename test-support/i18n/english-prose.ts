// Finds English prose in text that should be Japanese. Commands, flags, paths, addresses,
// product and protocol names stay in English by design, so the test is for *prose*: a run of
// four or more plain words in a row ("could not be read", "the host is down"). Quotes
// (「…」, "…", `…`) are what something else said or a command, and are skipped.

import assert from 'node:assert/strict';
import type { Finding } from '../../contract/findings';
import { localizeFinding, renderMessage } from '../../renderer/i18n/messages/render';

const QUOTED = /「[^」]*」|"[^"\n]*"|`[^`\n]*`|'[^'\n]*'/g;
/**
 * Four or more words of letters only, separated by single spaces. A word glued to a path,
 * flag or key (`a/b`, `x=y`, `--flag`, `file.txt`, `host:port`) is not prose; a word followed
 * by sentence punctuation ("down.", "causes:") still is.
 */
const PROSE = /(?<![\w/=-]|\w[.:])(?:[A-Za-z]+ ){3,}[A-Za-z]+(?![\w/=-]|[.:]\w)/g;

/** The runs of English prose left in `text`, outside quotes. */
export function englishProse(text: string): string[] {
  return [...text.replace(QUOTED, ' ').matchAll(PROSE)].map((match) => match[0]);
}

export function assertNoEnglishProse(text: string, where: string): void {
  const found = englishProse(text);
  assert.deepEqual(found, [], `${where} still has English prose: ${JSON.stringify(found)} in ${JSON.stringify(text)}`);
}

/** Every field of a localized finding a reader sees as words (commands are not words). */
export function assertFindingHasNoEnglishProse(finding: Finding): void {
  assert.ok(!JSON.stringify(finding).includes('[object Object]'), `${finding.id}: a message was pasted into a string`);
  assertNoEnglishProse(finding.title, `${finding.id} title`);
  assertNoEnglishProse(finding.summary, `${finding.id} summary`);
  for (const item of finding.evidence) {
    if (item.message) assertNoEnglishProse(item.detail, `${finding.id} evidence`);
    if (item.sourceMessage) assertNoEnglishProse(item.source, `${finding.id} evidence source`);
  }
  for (const fix of finding.remediation) {
    assertNoEnglishProse(fix.title, `${finding.id} fix ${fix.id} title`);
    if (fix.textMessage) assertNoEnglishProse(fix.text, `${finding.id} fix ${fix.id} text`);
  }
}

/**
 * A finding said in Japanese from its messages: it has a reason, the Japanese summary is that
 * reason rendered (and differs from the English), and nothing a reader sees — fixes included —
 * is English prose.
 */
export function assertSaidInJapanese(finding: Finding): void {
  const reason = finding.reason;
  assert.ok(reason, `${finding.summary}: a reason`);
  const ja = localizeFinding(finding, 'ja');
  assert.notEqual(ja.summary, finding.summary);
  assert.equal(ja.summary, renderMessage(reason, 'ja'));
  assertFindingHasNoEnglishProse(ja);
}
