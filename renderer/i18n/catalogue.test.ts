// Every string of the UI exists in both languages, and the Japanese one is Japanese: a key
// left in English (or empty) by mistake fails here, not in front of a user.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from './en';
import { ja } from './ja';
import { localeFrom } from './locale';

type Leaf = { path: string; value: unknown };

function leaves(value: unknown, path = ''): Leaf[] {
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  return [{ path, value }];
}

/** Calls a message function with plausible arguments, so its output can be inspected. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return String((value as (...args: unknown[]) => unknown)(3, 4, 5, '0.1 ms – 0.2 ms'));
  return null;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Keys whose value is the same in both languages by design (names, notation). */
const SAME = new Set(['app.name', 'products.cloudflare.name', 'products.twingate.name', 'products.firezone.name', 'remediationKinds.yaml', 'live.mtu', 'live.columns.index', 'live.columns.seq', 'live.columns.rtt', 'live.columns.ttl', 'checks.cancelHint', 'setup.cloudflareLegend', 'export.formats.json.name', 'export.formats.html.name', 'export.formats.md.name', 'languageName']);

describe('message catalogues', () => {
  const english = new Map(leaves(en).map((leaf) => [leaf.path, leaf.value]));
  const japanese = leaves(ja);

  it('Japanese translates every English string', () => {
    for (const { path, value } of japanese) {
      const translated = text(value);
      if (translated === null) continue;
      if (!english.has(path)) assert.fail(`${path} exists only in Japanese`);
      if (SAME.has(path)) continue;
      assert.match(translated, JAPANESE, `${path} is not Japanese: ${translated}`);
    }
    for (const [path, value] of english) {
      if (typeof value === 'string' || typeof value === 'function') assert.ok(japanese.some((leaf) => leaf.path === path), `${path} is missing in Japanese`);
    }
  });

  it('English has no empty strings', () => {
    for (const [path, value] of english) {
      const shown = text(value);
      if (shown !== null) assert.ok(shown.trim().length > 0, `${path} is empty`);
    }
  });

  it('holds only the chrome: titles, summaries and step texts come from the message catalogue, and no banner says they stay English', () => {
    for (const catalogue of [en, ja]) {
      assert.deepEqual(
        Object.keys(catalogue).filter((key) => key === 'findingTitles' || key === 'steps'),
        [],
        'finding and step titles are messages (finding.title.*, step.*), not a second translation here',
      );
      assert.ok(!('untranslatedNote' in catalogue.findings), 'no note that findings stay in English');
    }
  });

  it('picks Japanese for ja tags only', () => {
    assert.equal(localeFrom('ja'), 'ja');
    assert.equal(localeFrom('ja-JP'), 'ja');
    assert.equal(localeFrom('ja_JP.UTF-8'), 'ja');
    assert.equal(localeFrom('jam'), 'en');
    assert.equal(localeFrom('en-GB'), 'en');
    assert.equal(localeFrom(''), 'en');
    assert.equal(localeFrom(undefined), 'en');
  });
});
