// Every report format speaks the report's language (issue 8): the Qiita seed's situation,
// decided by the real checks, built in Japanese and rendered. The findings' own words are the
// checks' (other parts of the catalogue); here each finding says a message whose Japanese is
// known, so what is left to judge is the reports' own words: headings, labels, the verdict,
// the causes block, column heads, the chart. Secrets and control characters in Japanese text
// stay handled.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../contract/report';
import { msg } from '../../renderer/i18n/messages/message';
import { localizeFinding, renderMessage } from '../../renderer/i18n/messages/render';
import { runChecks } from '../../renderer/wizard/checks/index';
import { finding } from '../../renderer/wizard/checks/finding';
import { QIITA_CAUSES, qiitaEvidence, qiitaInputs } from '../../test-support/causes/qiita';
import { assertFindingHasNoEnglishProse, englishProse } from '../../test-support/i18n/english-prose';
import { buildReport, type BuildReportInput } from './build-report';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { saidByKnownMessages } from '../../test-support/report/known-messages';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { makeApiToken } from '../../test-support/report/sample-report';

function qiitaInput(lang: 'en' | 'ja', secrets: readonly string[] = []): BuildReportInput {
  const evidence = qiitaEvidence();
  return {
    inputs: qiitaInputs,
    evidence,
    findings: runChecks(evidence, qiitaInputs).map(saidByKnownMessages),
    probes: mixedProbes(),
    createdAt: '2026-12-04T12:00:00.000Z',
    appVersion: '0.1.0',
    host: { os: 'OpenWrt 23.05', kernel: '5.15.150', arch: 'arm64' },
    secrets,
    lang,
  };
}

/** What the probe events say themselves (the addon's decoder, not the report's words). */
function withoutProbeMessages(text: string): string {
  return mixedProbes().reduce((rest, probe) => (probe.error ? rest.split(probe.error.message).join(' ') : rest), text);
}

/** The words of an HTML document a reader sees, code blocks (commands, raw JSON) and styles left out. */
function htmlWords(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The lines of a Markdown document outside fenced code blocks. */
function markdownProse(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, ' ');
}

describe('reports in Japanese', () => {
  const report = buildReport(qiitaInput('ja'));

  it('carries lang "ja", and its findings said once, in Japanese, from their messages', () => {
    assert.equal(report.lang, 'ja');
    const parsed = JSON.parse(renderJson(report)) as Report;
    assert.equal(parsed.lang, 'ja');
    for (const f of parsed.findings) {
      assert.ok(f.reason, f.id);
      assert.equal(f.summary, renderMessage(f.reason, 'ja'), f.id);
      assert.equal(f.title, renderMessage({ key: `finding.title.${f.id}` }, 'ja'));
      assertFindingHasNoEnglishProse(f);
    }
    assert.deepEqual(parsed.causes, QIITA_CAUSES);
  });

  it('a report built in English says its findings in English, and keeps the messages to say them again', () => {
    const english = buildReport(qiitaInput('en'));
    assert.equal(english.lang, 'en');
    const f = english.findings[0]!;
    assert.equal(f.summary, renderMessage(f.reason!, 'en'));
    assert.notEqual(f.summary, report.findings[0]!.summary);
    assert.deepEqual(localizeFinding(f, 'ja'), report.findings[0]);
  });

  it('HTML: <html lang="ja">, and no English prose in anything the page says', () => {
    const html = renderHtml(report);
    assert.match(html, /^<!doctype html>\n<html lang="ja">/);
    assert.match(html, /<p class="verdict status-fail">3 件の問題が見つかりました: /);
    assert.deepEqual([...html.matchAll(/<li data-cause="([^"]+)">/g)].map((m) => m[1]), QIITA_CAUSES);
    assert.deepEqual(englishProse(withoutProbeMessages(htmlWords(html))), []);
  });

  it('Markdown: no English prose outside code blocks; the causes first, in fix order', () => {
    const markdown = renderMarkdown(report);
    assert.match(markdown, /^# ICMP Doctor 診断レポート\n\n\*\*判定:\*\* 3 件の問題が見つかりました: /);
    assert.deepEqual([...markdown.matchAll(/^\d+\. .*\(`([a-z-]+)`\)/gm)].map((m) => m[1]), QIITA_CAUSES);
    assert.deepEqual(englishProse(withoutProbeMessages(markdownProse(markdown))), []);
  });

  it('the English report keeps its English words (the test above can fail)', () => {
    const english = buildReport(qiitaInput('en'));
    assert.match(renderHtml(english), /^<!doctype html>\n<html lang="en">/);
    assert.notDeepEqual(englishProse(htmlWords(renderHtml(english))), []);
    assert.match(renderMarkdown(english), /^# ICMP Doctor report\n\n\*\*Verdict:\*\* 3 problems found: /);
  });

  it('a report from before lang existed reads as English; one with a foreign lang too', () => {
    const { lang: _dropped, ...old } = buildReport(qiitaInput('en'));
    assert.match(renderHtml(old as Report), /<html lang="en">/);
    assert.match(renderHtml({ ...(old as Report), lang: 'xx' as 'en' }), /<html lang="en">/);
  });
});

describe('secrets and control characters in Japanese text', () => {
  it('a token quoted in a message parameter is redacted from the Japanese words in every format', () => {
    const token = makeApiToken();
    const input = qiitaInput('ja', [token]);
    const leaky = finding('icmp-proxy', 'unknown', msg('failure.cited', { code: 'AUTH_FAILED', meaning: msg('failure.code.AUTH_FAILED'), message: `トークン ${token} は拒否されました` }));
    const report = buildReport({ ...input, findings: [leaky] });
    assert.match(report.findings[0]!.summary, /^AUTH_FAILED（認証に失敗しました）: トークン .* は拒否されました$/);
    for (const text of [JSON.stringify(report), renderJson(report), renderHtml(report), renderMarkdown(report)]) {
      assert.ok(!text.includes(token), 'the token leaked');
      assert.ok(text.includes('認証に失敗しました'), 'the Japanese words are gone');
    }
  });

  it('control characters in a Japanese sentence become visible pictures; the Japanese stays', () => {
    const hostile = finding('tunnel-transport', 'fail', msg('failure.cited', { code: 'UNPARSEABLE', meaning: msg('failure.code.UNPARSEABLE'), message: 'ログ\u001b[2J\u0007行' }));
    const report = buildReport({ ...qiitaInput('ja'), findings: [hostile] });
    for (const text of [renderHtml(report), renderMarkdown(report), renderJson(report)]) {
      assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text), 'a raw control character');
    }
    assert.ok(renderHtml(report).includes('内容を解釈できません）: ログ\u241b[2J\u2407行'));
    assert.ok(renderMarkdown(report).includes('内容を解釈できません）: ログ\u241b\\[2J\u2407行'));
  });
});
