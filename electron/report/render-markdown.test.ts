import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { FINDING_IDS } from '../../contract/findings';
import { buildReport } from './build-report';
import { visibleControls } from './control-characters';
import { markdownCell, markdownCode, markdownFence, markdownInline } from './markdown-text';
import { renderMarkdown } from './render-markdown';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { HOSTILE, makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';

interface Block {
  language: string;
  content: string;
}

/** Splits Markdown into fenced code blocks and the prose around them, the way CommonMark closes fences. */
function parseFences(markdown: string): { blocks: Block[]; prose: string[] } {
  const blocks: Block[] = [];
  const prose: string[] = [];
  let open: { fence: string; language: string; lines: string[] } | null = null;
  for (const line of markdown.split('\n')) {
    if (open === null) {
      const start = /^(`{3,})([^`]*)$/.exec(line);
      if (start) open = { fence: start[1]!, language: start[2]!.trim(), lines: [] };
      else prose.push(line);
    } else if (/^`{3,}\s*$/.test(line) && line.trim().length >= open.fence.length) {
      blocks.push({ language: open.language, content: open.lines.join('\n') });
      open = null;
    } else {
      open.lines.push(line);
    }
  }
  assert.equal(open, null, 'a code fence was left open');
  return { blocks, prose };
}

/** Cells of a GitHub table row: split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
}

describe('renderMarkdown', () => {
  const secrets = { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() };
  const probes = mixedProbes();
  const report = buildReport(sampleReportInput({ secrets, target: '10.200.9.1', echo: probes.slice(0, 3), transparency: probes.slice(3) }));
  const markdown = renderMarkdown(report);
  const { blocks, prose } = parseFences(markdown);

  it('opens with the verdict and a findings table: one row per finding, three cells each', () => {
    assert.match(markdown, /^# ICMP Doctor report\n\n\*\*Verdict:\*\* 4 problems found: /);
    const lines = markdown.split('\n');
    const header = lines.indexOf('| Status | Finding | Summary |');
    assert.ok(header > 0);
    const rows = lines.slice(header + 2, header + 2 + report.findings.length);
    assert.equal(rows.length, FINDING_IDS.length);
    for (const [i, row] of rows.entries()) {
      const finding = report.findings[i]!;
      assert.equal(cells(row).length, 3, `row broke apart: ${row}`);
      assert.ok(cells(row)[1]!.includes(`(${markdownCell(finding.id)})`));
    }
    assert.equal(lines[header + 2 + FINDING_IDS.length], '', 'the table ends right after the last finding');
    assert.ok(rows[1]!.startsWith(`| ❌ FAIL | ${markdownCell(report.findings[1]!.title)} (tcp-vs-icmp) |`), rows[1]);
    assert.ok(rows[1]!.includes('left \\| middle \\| right<br>first line<br>second line<br>third line'));
  });

  it('fences fixes with language hints: sh for commands, ini for sysctl.d files, yaml for YAML', () => {
    const byLanguage = (language: string): string[] => blocks.filter((b) => b.language === language).map((b) => b.content);
    assert.ok(byLanguage('sh').includes("sudo sysctl -w net.ipv4.ping_group_range='0 2147483647'"));
    assert.deepEqual(byLanguage('ini'), ['net.ipv4.ping_group_range = 0 2147483647']);
    const yamls = byLanguage('yaml').map((text) => parseYaml(text) as Record<string, unknown>);
    assert.ok(yamls.some((doc) => JSON.stringify(doc).includes('"sysctls":[{"name":"net.ipv4.ping_group_range","value":"0 2147483647"}]')));
    assert.ok(yamls.some((doc) => JSON.stringify(doc) === '{"icmpSupport":{"enabled":true}}'));
    assert.ok(yamls.some((doc) => doc.kind === 'GlobalNetworkPolicy'));
    assert.ok(markdown.includes('**Fix: Persist across reboots** (file) — `/etc/sysctl.d/99-icmp-doctor.conf`'));
  });

  it('keeps hostile evidence inside its fence, verbatim (control bytes made visible)', () => {
    const detail = [HOSTILE.script, HOSTILE.preBreak, HOSTILE.fence, HOSTILE.control].join('\n');
    const block = blocks.find((b) => b.content.startsWith(HOSTILE.script));
    assert.ok(block, 'the hostile evidence block is missing or was split');
    assert.equal(block.language, 'text');
    assert.equal(block.content, visibleControls(detail));
    assert.ok(!markdown.includes('\u0000') && !markdown.includes('\u001b'));
    assert.ok(blocks.some((b) => b.content === HOSTILE.longLine));
  });

  it('escapes markup outside code: no raw HTML tags, links or headings from the evidence', () => {
    const outside = prose.join('\n');
    assert.ok(!/<script|<img|<b>/i.test(outside), 'raw HTML reached the prose');
    assert.ok(!outside.includes('](javascript:'), 'a link survived');
    assert.ok(outside.includes('_source \\# not a heading \\[link\\]\\(javascript:alert\\(1\\)\\) \\*\\*bold\\*\\* \\<b\\>tag\\</b\\>_'));
    assert.ok(outside.includes(`${markdownInline(HOSTILE.quotes)} Grüße 日本語 ✓ 𝄞 Ωμέγα`));
  });

  it('lists the probes per target and the decoded ICMP errors', () => {
    assert.ok(markdown.includes('| 10.200.4.2 | 3 | 3 | 0 | 0 | 0% | 8.92 / 16.397 / 26.3 |'));
    assert.ok(markdown.includes('| ICMPv4 3/13 | communication-administratively-prohibited: Packet filtered | 10.200.1.1 | – | 10.200.9.1 / 31970 / 1 | yes |'));
    assert.ok(markdown.includes('| ICMPv4 11/0 | ttl-exceeded: Time to live exceeded |'));
    assert.ok(markdown.includes('| local | message-too-long: Message too long \\(local MTU 1280\\) | – | 1280 |'));
  });

  it('carries no secret', () => {
    assert.ok(!markdown.includes(secrets.apiToken));
    assert.ok(!markdown.includes(secrets.tunnelToken));
  });

  it('says so when nothing was checked or probed', () => {
    const empty = renderMarkdown(buildReport({ ...sampleReportInput({ secrets, target: 'x', echo: [], transparency: [] }), findings: [] }));
    assert.ok(empty.includes('_No checks ran._'));
    assert.ok(empty.includes('_No probes were sent._'));
  });
});

describe('markdown escaping helpers', () => {
  it('fences outgrow any backtick run inside', () => {
    assert.equal(markdownFence('a\n`````\nb', 'sh'), '``````sh\na\n`````\nb\n``````');
    assert.equal(markdownFence('plain\n', 'text'), '```text\nplain\n```');
  });

  it('code spans hold text literally', () => {
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x`'), '`` `x` ``');
  });

  it('inline text folds lines; cells keep them as <br>', () => {
    assert.equal(markdownInline('a\nb|c'), 'a b\\|c');
    assert.equal(markdownCell('a\r\nb'), 'a<br>b');
  });
});
