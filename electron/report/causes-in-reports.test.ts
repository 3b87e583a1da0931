// Every report format opens with the causes (issue 8): the Qiita seed's situation decided by
// the real checks, built into a report and rendered. Asserted by ids, data attributes and
// counts — the same fix text appearing once — not by the wording around them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../contract/report';
import { runChecks } from '../../renderer/wizard/checks/index';
import { QIITA_CAUSES, QIITA_TARGET, qiitaEvidence, qiitaInputs } from '../../test-support/causes/qiita';
import { buildReport } from './build-report';
import { escapeHtml } from './html-text';
import { markdownInline } from './markdown-text';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { say } from './say';

function qiitaReport(): Report {
  const evidence = qiitaEvidence();
  return buildReport({
    inputs: qiitaInputs,
    evidence,
    findings: runChecks(evidence, qiitaInputs),
    probes: [],
    createdAt: '2026-12-04T12:00:00.000Z',
    appVersion: '0.1.0',
    host: { os: 'OpenWrt 23.05', kernel: '5.15.150', arch: 'arm64' },
  });
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('reports lead with the causes', () => {
  const report = qiitaReport();
  const dashboard = report.findings.find((f) => f.id === 'icmp-proxy')?.remediation.find((r) => r.kind === 'dashboard');
  const titleOf = (id: string): string => report.findings.find((f) => f.id === id)?.title ?? id;
  const firewall = report.findings.find((f) => f.id === 'icmp-policy')?.remediation.find((r) => r.text.includes('FORWARD'));

  it('JSON: causes in fix order, the symptoms explainedBy them', () => {
    const parsed = JSON.parse(renderJson(report)) as Report;
    assert.deepEqual(parsed.causes, QIITA_CAUSES);
    const explained = Object.fromEntries(parsed.findings.filter((f) => f.explainedBy).map((f) => [f.id, f.explainedBy]));
    assert.deepEqual(explained, { 'tcp-vs-icmp': QIITA_CAUSES, 'icmp-policy': QIITA_CAUSES });
  });

  it('HTML: the causes section first, in fix order, then re-test; each fix once; symptoms name their causes', () => {
    const html = renderHtml(report);
    assert.ok(html.includes(`<p class="verdict status-fail">${escapeHtml(say('en', 'report.verdict.problems', { count: 3, titles: QIITA_CAUSES.map(titleOf) }))}</p>`));
    const causes = html.indexOf('<section id="causes">');
    assert.ok(causes > 0 && causes < html.indexOf('<section id="overview">'));
    assert.deepEqual([...html.matchAll(/<li data-cause="([^"]+)">/g)].map((m) => m[1]), QIITA_CAUSES);
    assert.ok(html.includes(`--target ${QIITA_TARGET}`), 'the re-test command');
    assert.ok(dashboard && firewall);
    assert.equal(count(html, escapeHtml(dashboard.text)), 1, 'the dashboard steps once');
    assert.equal(count(html, escapeHtml(firewall.text)), 0, 'a symptom\'s own fix is not offered');
    for (const id of ['tcp-vs-icmp', 'icmp-policy']) {
      assert.match(html, new RegExp(`data-finding="${id}"><h3>.*?</h3><p class="explained-by" data-explained-by="${QIITA_CAUSES.join(' ')}">`));
    }
  });

  it('Markdown: the causes first, in fix order, then re-test; each fix once; symptoms name their causes', () => {
    const markdown = renderMarkdown(report);
    assert.ok(markdown.startsWith(`# ICMP Doctor report\n\n**Verdict:** ${markdownInline(say('en', 'report.verdict.problems', { count: 3, titles: QIITA_CAUSES.map(titleOf) }))}\n`));
    const items = [...markdown.matchAll(/^\d+\. .*\(`([a-z-]+)`\)/gm)].map((m) => m[1]);
    assert.deepEqual(items, QIITA_CAUSES);
    assert.ok(markdown.indexOf('(`connector-gid-range`)') < markdown.indexOf('| Status | Finding | Summary |'));
    assert.match(markdown, new RegExp(`\`\`\`sh\\nicmp-doctor check --target ${QIITA_TARGET.replaceAll('.', '\\.')} `));
    assert.ok(dashboard && firewall);
    assert.equal(count(markdown, dashboard.text), 1);
    assert.equal(count(markdown, firewall.text), 0);
    assert.equal(count(markdown, `_${say('en', 'report.explained-by', { causes: QIITA_CAUSES.map((id) => `\`${id}\``) })}_`), 2);
  });

  it('a report from before the cause model (no causes, no explainedBy) still leads with its failing findings', () => {
    const { causes: _dropped, ...rest } = structuredClone(report);
    const old = { ...rest, findings: rest.findings.map(({ explainedBy: _none, ...f }) => f) } as unknown as Report;
    const html = renderHtml(old);
    assert.match(html, new RegExp(`<p class="verdict status-fail">${say('en', 'report.verdict.problems', { count: 5, titles: [] }).replace(/: $/, '')}`));
    assert.equal([...html.matchAll(/<li data-cause="/g)].length, 5);
  });
});
