// The pure halves of the save and open dialogs: what the dialogs offer, what the user's
// answer means, and writing the report where the user chose through the real handler
// table — which redacts the API token it holds.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WriteReportRequest } from '../../contract/api';
import { emptyEvidence, type ImportKind } from '../../contract/evidence';
import type { Finding } from '../../contract/findings';
import { defaultInputs } from '../../contract/inputs';
import { createWizardApi } from '../../electron/handlers/wizard-api';
import { isImportKind } from '../../electron/ipc/bridge-methods';
import { openDialogOptions, pickedFile } from '../../electron/ipc/file-pick';
import { chosenReportPath, REPORT_FILTERS, reportLang, reportProblem, saveDialogFilters, suggestedReportName, writeChosenReport } from '../../electron/ipc/report-save';
import { buildReport } from '../../electron/report/index';

const TOKEN = 'cf-api-token-0123456789abcdefghijklmnopqrstuv';

function sampleReport() {
  const report = buildReport({
    inputs: { ...defaultInputs(), target: '10.200.9.1' },
    evidence: emptyEvidence(),
    findings: [],
    probes: [],
    appVersion: '0.1.0',
    host: { os: 'Linux', kernel: '6.1', arch: 'x64' },
  });
  // As if the token had slipped into evidence text after the report was built.
  const finding: Finding = {
    id: 'icmp-proxy',
    status: 'fail',
    title: 'ICMP proxy is off',
    summary: `the API answered for token ${TOKEN}`,
    evidence: [],
    remediation: [],
  };
  return { ...report, findings: [finding] };
}

describe('saving the report', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'icmp-doctor-save-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('offers HTML, JSON and Markdown, starting on the suggested name’s format', () => {
    assert.deepEqual(REPORT_FILTERS.flatMap((filter) => filter.extensions).sort(), ['htm', 'html', 'json', 'md']);
    assert.deepEqual(saveDialogFilters('r.md').map((filter) => filter.extensions[0]), ['md', 'html', 'json']);
    assert.deepEqual(saveDialogFilters('r.JSON').map((filter) => filter.extensions[0]), ['json', 'html', 'md']);
    assert.deepEqual(saveDialogFilters('r.html').map((filter) => filter.extensions[0]), ['html', 'json', 'md']);
  });

  it('suggests a plain file name with a report extension', () => {
    assert.equal(suggestedReportName('icmp-doctor-10.0.0.5.json'), 'icmp-doctor-10.0.0.5.json');
    assert.equal(suggestedReportName('../../etc/passwd'), 'passwd.html');
    assert.equal(suggestedReportName('C:\\Users\\x\\report.md'), 'report.md');
    assert.equal(suggestedReportName('bad\u0000name\n.json'), 'badname.json');
    assert.equal(suggestedReportName(''), 'icmp-doctor-report.html');
    assert.equal(suggestedReportName(42), 'icmp-doctor-report.html');
    assert.equal(suggestedReportName('..'), 'icmp-doctor-report.html');
  });

  it('reads the format from the chosen name, adding the suggested extension when the dialog gave none', () => {
    assert.deepEqual(chosenReportPath('/home/u/r.md', 'x.html'), { ok: true, value: { path: '/home/u/r.md', format: 'md' } });
    assert.deepEqual(chosenReportPath('/home/u/R.HTM', 'x.json'), { ok: true, value: { path: '/home/u/R.HTM', format: 'html' } });
    assert.deepEqual(chosenReportPath('/home/u/report', 'x.json'), { ok: true, value: { path: '/home/u/report.json', format: 'json' } });
    const refused = chosenReportPath('/home/u/report.txt', 'x.json');
    assert.equal(refused.ok ? 'ok' : refused.code, 'BAD_FORMAT');
    assert.match(refused.ok ? '' : refused.message, /accepted extensions are \.json, \.html, \.htm, \.md/);
  });

  it('refuses what is not a report before any dialog opens', () => {
    assert.equal(reportProblem(sampleReport()), null);
    assert.match(reportProblem(null) ?? '', /must be an object/);
    assert.match(reportProblem({ schema: 'other@1', findings: [], probes: [] }) ?? '', /schema must be "icmp-doctor\/report@1"/);
    assert.match(reportProblem({ schema: 'icmp-doctor/report@1' }) ?? '', /lacks its findings or probes/);
  });

  it('writes where the user chose, in the chosen format, with the API token redacted', async () => {
    const api = createWizardApi();
    await api.setCloudflareApiToken(TOKEN);
    const saved = await writeChosenReport(api, sampleReport(), join(scratch, 'report'), 'icmp-doctor.html');
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.equal(saved.value.format, 'html');
    assert.equal(saved.value.path, join(scratch, 'report.html'));
    const html = readFileSync(saved.value.path, 'utf8');
    assert.equal(Buffer.byteLength(html), saved.value.bytes);
    assert.match(html, /^<!doctype html>/i);
    // The title is the finding's own (fixed per id), said in the report's language.
    assert.match(html, /<h3><span class="badge fail">FAIL<\/span> Zero Trust ICMP proxy <code>icmp-proxy<\/code><\/h3>/);
    assert.ok(!html.includes(TOKEN), 'the token must not reach the file');

    const json = await writeChosenReport(api, sampleReport(), join(scratch, 'report.json'), 'x.html');
    assert.ok(json.ok);
    const parsed = JSON.parse(readFileSync(json.value.path, 'utf8')) as { schema: string };
    assert.equal(parsed.schema, 'icmp-doctor/report@1');
    assert.ok(!readFileSync(json.value.path, 'utf8').includes(TOKEN));
  });

  it('asks for the report in the language the window passed; anything but en or ja leaves the default', async () => {
    const real = createWizardApi();
    const asked: WriteReportRequest[] = [];
    // The real writeReport, seeing what it is asked.
    const api = {
      writeReport(request: WriteReportRequest) {
        asked.push(request);
        return real.writeReport(request);
      },
    };
    const saved = await writeChosenReport(api, sampleReport(), join(scratch, 'ja.json'), 'x.json', reportLang('ja'));
    assert.ok(saved.ok, JSON.stringify(saved));
    await writeChosenReport(api, sampleReport(), join(scratch, 'other.json'), 'x.json', reportLang('fr'));
    assert.deepEqual(asked.map((request) => request.lang), ['ja', undefined]);
    assert.equal(reportLang('en'), 'en');
    assert.equal(reportLang({ lang: 'ja' }), undefined);
  });

  it('reports a write failure as WRITE_FAILED, and an unknown extension as BAD_FORMAT, writing nothing', async () => {
    const api = createWizardApi();
    const failed = await writeChosenReport(api, sampleReport(), join(scratch, 'no-such-dir', 'r.json'), 'r.json');
    assert.equal(failed.ok ? 'ok' : failed.code, 'WRITE_FAILED');
    const badFormat = await writeChosenReport(api, sampleReport(), join(scratch, 'r.txt'), 'r.json');
    assert.equal(badFormat.ok ? 'ok' : badFormat.code, 'BAD_FORMAT');
    assert.equal(existsSync(join(scratch, 'r.txt')), false);
  });
});

describe('picking an evidence file', () => {
  const KINDS: ImportKind[] = ['cloudflared-log', 'sysctl', 'id', 'pod-spec', 'helm-values', 'calico-policy', 'connector-report', 'nft-ruleset', 'iptables-save', 'twingate-log', 'firezone-log', 'firezone-resource'];

  it('has a titled one-file dialog for every kind of evidence, always with "All files"', () => {
    for (const kind of KINDS) {
      assert.equal(isImportKind(kind), true);
      const options = openDialogOptions(kind);
      assert.ok(options.title.length > 0, kind);
      assert.deepEqual(options.properties, ['openFile']);
      assert.deepEqual(options.filters.at(-1), { name: 'All files', extensions: ['*'] }, kind);
    }
    assert.deepEqual(openDialogOptions('connector-report').filters[0]?.extensions, ['json']);
    assert.equal(isImportKind('toString'), false);
    assert.equal(isImportKind('shell'), false);
  });

  it('turns the dialog’s answer into a PickedFile, or null when cancelled', () => {
    assert.deepEqual(pickedFile({ canceled: false, filePaths: ['/var/log/cloudflared.log'] }), { path: '/var/log/cloudflared.log', name: 'cloudflared.log' });
    assert.equal(pickedFile({ canceled: true, filePaths: ['/var/log/cloudflared.log'] }), null);
    assert.equal(pickedFile({ canceled: false, filePaths: [] }), null);
  });
});
