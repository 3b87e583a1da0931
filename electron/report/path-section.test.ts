// The path section in every report format: the trace is in the JSON evidence, a table in
// Markdown, a table and a per-hop loss/RTT chart in HTML; in Japanese with no English prose.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BuildReportInput } from './build-report';
import { buildReport } from './build-report';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';
import { englishProse } from '../../test-support/i18n/english-prose';
import { REFUSED_TRACE } from '../../test-support/trace/sample-trace';

const secrets = { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() };

function input(trace: 'traced' | 'failed' | 'none', lang: 'en' | 'ja' = 'en'): BuildReportInput {
  const base = sampleReportInput({ secrets, target: '10.210.99.1', echo: mixedProbes().slice(0, 3), transparency: [] });
  const probes = { ...base.evidence.probes };
  if (trace === 'traced') probes.trace = { ok: true, value: REFUSED_TRACE, source: 'trace', at: '2025-01-15T10:00:00.000Z' } as never;
  if (trace === 'failed') probes.trace = { ok: false, code: 'PERMISSION_DENIED', message: 'EACCES', source: 'trace', at: '2025-01-15T10:00:00.000Z' } as never;
  return { ...base, evidence: { ...base.evidence, probes }, lang };
}

/** The text of the section with this id, tags removed. */
function htmlSectionText(html: string, id: string): string {
  const match = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  assert.ok(match, `section #${id}`);
  return (match[1] ?? '').replace(/<title>[\s\S]*?<\/title>/g, '').replace(/<[^>]+>/g, ' ');
}

function markdownSection(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  assert.ok(start >= 0, `## ${heading}`);
  const end = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('the path section of the reports', () => {
  it('JSON: the evidence carries the trace as gathered', () => {
    const parsed = JSON.parse(renderJson(buildReport(input('traced')))) as { evidence: { probes: { trace: { ok: boolean; value: typeof REFUSED_TRACE } } } };
    assert.deepEqual(parsed.evidence.probes.trace.value.hops.map((h) => [h.ttl, h.address, h.status]), [
      [1, '10.210.1.2', 'time-exceeded'],
      [2, null, 'timeout'],
      [3, '10.210.2.2', 'icmp-error'],
    ]);
  });

  it('Markdown: how the trace ended, then one row per hop in mtr\'s columns, the refusal named', () => {
    const section = markdownSection(renderMarkdown(buildReport(input('traced'))), 'Path');
    assert.match(section, /Trace to 10\.210\.99\.1: hop 3 \\\(10\.210\.2\.2\\\) refused the probes with "communication-administratively-prohibited"\./);
    assert.match(section, /^\| Hop \| Host \| Loss% \| Snt \| Last \| Avg \| Best \| Wrst \| Note \|$/m);
    assert.match(section, /^\| 1 \| 10\.210\.1\.2 \| 0\.0% \| 3 \| 0\.05 \| 0\.08 \| 0\.05 \| 0\.12 \|  \|$/m);
    assert.match(section, /^\| 2 \| no answer \| 100\.0% \| 3 \| – \| – \| – \| – \|  \|$/m);
    assert.match(section, /^\| 3 \| 10\.210\.2\.2, 10\.210\.2\.3 \| 33\.3% \| 3 \| 0\.2 \| 0\.15 \| 0\.1 \| 0\.2 \| communication-administratively-prohibited \|$/m);
  });

  it('HTML: a table row per hop and a chart with one loss bar per hop and an RTT dot where one answered, no script', () => {
    const html = renderHtml(buildReport(input('traced')));
    assert.equal((html.match(/<tr class="path-hop">/g) ?? []).length, 3);
    assert.deepEqual([...html.matchAll(/<rect class="hop-loss" data-ttl="(\d+)" data-loss="([\d.]+)"/g)].map((m) => [m[1], m[2]]), [
      ['1', '0'],
      ['2', '100'],
      ['3', '33.3'],
    ]);
    assert.deepEqual([...html.matchAll(/<circle class="hop-rtt" data-ttl="(\d+)"/g)].map((m) => m[1]), ['1', '3']);
    assert.ok(!/<script/i.test(html));
  });

  it('says when the path was not traced, or why it could not be', () => {
    assert.match(markdownSection(renderMarkdown(buildReport(input('none'))), 'Path'), /The path was not traced\./);
    assert.match(htmlSectionText(renderHtml(buildReport(input('failed'))), 'path'), /The path could not be traced: PERMISSION_DENIED/);
  });

  it('in Japanese: headings, columns and the summary with no English prose', () => {
    const report = buildReport(input('traced', 'ja'));
    const markdown = markdownSection(renderMarkdown(report), '経路');
    assert.match(markdown, /ホップ 3（10\.210\.2\.2）がプローブを「communication-administratively-prohibited」で拒否しました/);
    assert.deepEqual(englishProse(markdown), []);
    const html = htmlSectionText(renderHtml(report), 'path');
    assert.match(html, /損失%/);
    assert.deepEqual(englishProse(html), []);
    assert.deepEqual(englishProse(markdownSection(renderMarkdown(buildReport(input('none', 'ja'))), '経路')), []);
  });
});

describe('the path in check\'s human output', () => {
  it('one line per hop under how the trace ended; nothing without a trace; Japanese without English prose', async () => {
    const { formatPath } = await import('../cli/check-output-path');
    const text = formatPath(buildReport(input('traced')));
    assert.match(text, /^Path: Trace to 10\.210\.99\.1: hop 3 \(10\.210\.2\.2\) refused/m);
    assert.match(text, /^ {3}1\. 10\.210\.1\.2 +0\.0% {2}0\.08 ms$/m);
    assert.match(text, /^ {3}2\. no answer +100\.0%$/m);
    assert.match(text, /^ {3}3\. 10\.210\.2\.2, 10\.210\.2\.3 +33\.3% {2}0\.15 ms {2}communication-administratively-prohibited$/m);
    assert.equal(formatPath(buildReport(input('none'))), '');
    assert.deepEqual(englishProse(formatPath(buildReport(input('traced', 'ja')), 'ja')), []);
  });
});
