// Reports with two connector processes: each one's own verdict travels in `report.connectors`,
// said in the report's language and redacted like the rest; Markdown, HTML and the terminal show
// one section per connector (who it is, its causes and fixes, `--pid N` to re-test it), and a
// host-wide finding taken from one connector says whose it is. Old reports render as before.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../contract/report';
import { cloudflared, connector, connectors, evidence, gathered, inputs } from '../../test-support/checks/evidence';
import { assertFindingHasNoEnglishProse, englishProse } from '../../test-support/i18n/english-prose';
import { makeTunnelToken } from '../../test-support/report/sample-report';
import { runChecks } from '../../renderer/wizard/checks/index';
import { verdictsOf } from '../../renderer/wizard/connector-verdicts';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { formatConnectorVerdicts, formatFinding } from '../cli/check-output-human';
import { buildReport } from './build-report';
import { reportForJson } from './render-json';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { localizeReport } from './localize-report';

const cloudflare = inputs({ product: 'cloudflare' });

/** pid 100: `--protocol http2`, /etc/a.yml, gid 0 under `0 2147483647`; pid 200: quic by /etc/b.yml, gid 65532 under `1 0`. */
function twoConnectors(token: string) {
  const a = connector({
    pid: 100,
    command: ['/usr/bin/cloudflared', 'tunnel', '--protocol', 'http2', '--config', '/etc/a.yml', 'run', '--token', token],
    pingGroupRange: gathered({ low: 0, high: 2147483647 }, '/proc/100/ns/net: net.ipv4.ping_group_range'),
  });
  const b = connector({
    pid: 200,
    command: ['/opt/cf/cloudflared-2023.7.3', 'tunnel', '--config', '/etc/b.yml', 'run', '--token', token],
    uids: [65532, 65532, 65532, 65532],
    gids: [65532, 65532, 65532, 65532],
    pingGroupRange: gathered({ low: 1, high: 0 }, '/proc/200/ns/net: net.ipv4.ping_group_range'),
  });
  const ofA = cloudflared({ requestedTransport: { value: 'http2', from: 'flag', detail: '--protocol http2 on the command line of cloudflared pid 100' }, configPath: '/etc/a.yml' }, 'flags of pid 100');
  const ofB = cloudflared({ requestedTransport: { value: 'quic', from: 'config', detail: 'protocol: quic in /etc/b.yml' }, configPath: '/etc/b.yml' }, 'flags of pid 200');
  return evidence((e) => {
    e.connectors = connectors(a, b);
    e.cloudflared = ofA;
    e.cloudflaredPerConnector = [
      { pid: 100, cloudflared: ofA },
      { pid: 200, cloudflared: ofB },
    ];
  });
}

function report(lang: Locale = 'en'): { report: Report; token: string } {
  const token = makeTunnelToken();
  const e = twoConnectors(token);
  const { findings, connectors: verdicts } = verdictsOf(e, cloudflare, runChecks);
  const built = buildReport({
    inputs: { ...cloudflare, target: '10.0.0.5' },
    evidence: e,
    findings,
    connectors: verdicts,
    probes: [],
    createdAt: '2026-12-04T18:00:00.000Z',
    appVersion: '0.1.0',
    host: { os: 'Linux', kernel: '6.1', arch: 'x64' },
    lang,
  });
  return { report: built, token };
}

/** The text of the section that starts at `from` and ends where `to` starts (or the end). */
function between(text: string, from: string, to: string | null): string {
  const start = text.indexOf(from);
  assert.ok(start >= 0, `no ${from}`);
  const end = to === null ? text.length : text.indexOf(to, start + from.length);
  return text.slice(start, end < 0 ? text.length : end);
}

describe('reports with one verdict per connector process', () => {
  it('carries each verdict, its causes and findings, with the roll-up on top', () => {
    const { report: built } = report();
    assert.deepEqual(built.connectors?.map((v) => [v.connector.pid, v.connector.executable, v.connector.configPath, v.causes]), [
      [100, '/usr/bin/cloudflared', '/etc/a.yml', ['tunnel-transport']],
      [200, '/opt/cf/cloudflared-2023.7.3', '/etc/b.yml', ['connector-gid-range']],
    ]);
    assert.deepEqual(new Set(built.causes), new Set(['tunnel-transport', 'connector-gid-range']));
    const json = reportForJson(built) as unknown as Report;
    assert.equal(json.connectors?.length, 2);
  });

  it('never lets the tunnel token through, in any field of any verdict or rendering', () => {
    const { report: built, token } = report();
    // The evidence holds it in both argv; the verdicts carry argv[0] only, and everything passes the redactor.
    for (const text of [JSON.stringify(reportForJson(built)), renderMarkdown(built), renderHtml(built), formatConnectorVerdicts(built)]) {
      assert.equal(text.includes(token), false);
      assert.equal(text.includes(token.slice(0, 24)), false);
    }
  });

  it('says each verdict in Japanese with no English prose, and again in English when exported so', () => {
    const { report: built } = report('ja');
    for (const verdict of built.connectors ?? []) {
      for (const finding of verdict.findings.filter((f) => f.status === 'fail')) assertFindingHasNoEnglishProse(finding);
    }
    const english = localizeReport(built, 'en');
    const transport = english.connectors?.[0]?.findings.find((f) => f.id === 'tunnel-transport');
    assert.equal(transport?.reason?.key, built.connectors?.[0]?.findings.find((f) => f.id === 'tunnel-transport')?.reason?.key);
    assert.notEqual(transport?.summary, built.connectors?.[0]?.findings.find((f) => f.id === 'tunnel-transport')?.summary);
  });

  it('gives Markdown one section per connector, each with only its own facts and fixes', () => {
    const { report: built } = report();
    const markdown = renderMarkdown(built);
    const section = between(markdown, '## Each connector process', '\n## ');
    const ofA = between(section, '### cloudflared pid 100', '### cloudflared pid 200');
    const ofB = between(section, '### cloudflared pid 200', null);
    assert.match(ofA, /`\/usr\/bin\/cloudflared`/);
    assert.match(ofA, /`\/etc\/a\.yml`/);
    assert.match(ofA, /`tunnel-transport`/);
    assert.match(ofA, /--pid 100/);
    assert.doesNotMatch(ofA, /b\.yml|cloudflared-2023|connector-gid-range|--pid 200/);
    assert.match(ofB, /`connector-gid-range`/);
    assert.match(ofB, /uid 65532, gid 65532, egid 65532/);
    assert.doesNotMatch(ofB, /a\.yml|\/usr\/bin\/cloudflared|tunnel-transport|--pid 100/);
    // The host-wide finding says whose it is.
    assert.match(markdown, /### .* — .*\\\(cloudflared pid 100\\\)\n\n`tunnel-transport`/);
    assert.match(markdown, /### .* — .*\\\(cloudflared pid 200\\\)\n\n`connector-gid-range`/);
  });

  it('gives HTML one article per connector, and tags the host-wide findings', () => {
    const { report: built } = report();
    const html = renderHtml(built);
    const ofA = between(html, '<article class="connector" data-connector-pid="100">', '</article>');
    const ofB = between(html, '<article class="connector" data-connector-pid="200">', '</article>');
    assert.match(ofA, /data-cause="tunnel-transport"/);
    assert.doesNotMatch(ofA, /b\.yml|connector-gid-range/);
    assert.match(ofB, /data-cause="connector-gid-range"/);
    assert.doesNotMatch(ofB, /a\.yml|tunnel-transport/);
    assert.match(between(html, 'data-finding="tunnel-transport"', '</h3>'), /\(cloudflared pid 100\)/);
  });

  it('prints one short section per connector in the terminal, in Japanese with no English prose', () => {
    const { report: built } = report();
    const text = formatConnectorVerdicts(built);
    const lines = text.trim().split('\n');
    assert.equal(lines[0], 'Each of the 2 connector processes on its own:');
    assert.equal(lines[1], '  cloudflared pid 100 (/usr/bin/cloudflared, gid 0, /etc/a.yml): 1 problem');
    assert.match(lines[2] ?? '', /^ {5}tunnel-transport — .*; first fix: /);
    assert.match(lines[3] ?? '', /^ {5}Re-test this one with: icmp-doctor check .*--pid 100$/);
    assert.equal(lines[4], '  cloudflared pid 200 (/opt/cf/cloudflared-2023.7.3, gid 65532, /etc/b.yml): 1 problem');
    assert.match(lines[5] ?? '', /^ {5}connector-gid-range — /);
    assert.match(lines[6] ?? '', /--pid 200$/);
    const tagged = built.findings.find((f) => f.id === 'tunnel-transport')!;
    assert.match(formatFinding(tagged).split('\n')[0] ?? '', /tunnel-transport — .* \(cloudflared pid 100\)$/);

    const { report: ja } = report('ja');
    const japanese = formatConnectorVerdicts(ja, 'ja');
    assert.match(japanese, /cloudflared（プロセス ID 100）/);
    assert.deepEqual(englishProse(japanese), []);
  });

  it('says the per-connector sections of Markdown and HTML in Japanese with no English prose', () => {
    const { report: ja } = report('ja');
    const markdown = between(renderMarkdown(ja), '## コネクタのプロセスごとの診断結果', '\n## ');
    assert.match(markdown, /### cloudflared（プロセス ID 100）/);
    // Commands and file contents (fenced, <pre>) are pasted as they are; the words around them are Japanese.
    assert.deepEqual(englishProse(markdown.replace(/```[a-z]*\n[\s\S]*?\n```/g, '')), []);
    const html = between(renderHtml(ja), '<section id="connectors">', '</section>');
    assert.deepEqual(englishProse(html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<[^>]+>/g, ' ')), []);
  });

  it('renders a report from before per-connector verdicts as it always did', () => {
    const { report: built } = report();
    const { connectors: _gone, ...old } = built;
    const oldReport = { ...old, findings: old.findings.map(({ connector: _c, ...f }) => f) } as Report;
    assert.doesNotMatch(renderMarkdown(oldReport), /Each connector process|\(cloudflared pid 100\)/);
    assert.doesNotMatch(renderHtml(oldReport), /id="connectors"/);
    assert.equal(formatConnectorVerdicts(oldReport), '');
    // A hand-edited entry that is not a verdict is left out, not trusted.
    const edited = { ...built, connectors: [{ connector: { kind: 'cloudflared', pid: 'x' } }, built.connectors![1]!] } as unknown as Report;
    assert.equal((renderMarkdown(edited).match(/### cloudflared pid/g) ?? []).length, 1);
  });
});
