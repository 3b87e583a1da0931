// Config fixes that edit (issue 9 item 1): a config.yml that already has `protocol:` must get
// that key replaced, never a second one — cloudflared refuses to start on a duplicate key
// (recording config-duplicate-protocol.log). Every config fix quicRemediation can produce is
// applied to the recorded config texts (manifest.json notes.config_yml) — YAML fixes as their
// comment says, commands really run with bash on a copy — and parsed back with duplicate keys
// rejected.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Finding, Remediation } from '../../../contract/findings';
import { readCloudflaredConfig } from '../../../electron/core/evidence/cloudflared/config-file';
import { recording } from '../../../test-support/recordings/cloudflared-2023.7.3';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { argvOf, BASE_ENV } from '../../../test-support/remediation/bash';
import { quicRemediation, type ConfigProtocolKey } from './cloudflared-transport';

interface Manifest {
  recordings: Array<{ name: string; notes?: { config_yml?: string } }>;
}
const manifest = JSON.parse(recording('manifest.json')) as Manifest;
const configOf = (name: string): string => manifest.recordings.find((r) => r.name === name)?.notes?.config_yml ?? assert.fail(`no config for ${name}`);

/** two-connectors-a ran with this config (protocol: http2 on line 1, metrics after it). */
const WITH_PROTOCOL = configOf('two-connectors-a');
/** The config of config-duplicate-protocol: what appending `protocol: quic` made of "protocol: http2". */
const DUPLICATED = configOf('config-duplicate-protocol');
const WITHOUT_PROTOCOL = WITH_PROTOCOL.split('\n').filter((line) => !line.startsWith('protocol:')).join('\n');

const dir = mkdtempSync(join(tmpdir(), 'icd-cf-edit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Parses as cloudflared would: a duplicate key is an error. */
function parseStrict(text: string): unknown {
  return parse(text, { uniqueKeys: true });
}

function configFixes(fixes: Remediation[]): Remediation[] {
  return fixes.filter((f) => f.id.startsWith('transport.config-yml'));
}

/** A YAML fix's document lines (the comment block above them is the instruction). */
function yamlBody(fix: Remediation): string[] {
  return fix.text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** The fix applied to `text`: a YAML fix as its own comment says (replace line N, or set/add), a command run by bash on a copy. */
function apply(fix: Remediation, text: string, key: ConfigProtocolKey | 'unknown' | null, path: string): string {
  writeFileSync(path, text);
  if (fix.kind === 'command') {
    const argv = argvOf(fix.text.replace(/^sudo /, '')).map((word) => (word === path ? path : word));
    execFileSync(argv[0]!, argv.slice(1), { env: BASE_ENV });
    return readFileSync(path, 'utf8');
  }
  assert.equal(fix.kind, 'yaml');
  const body = yamlBody(fix);
  const lines = text.split('\n');
  if (key !== null && key !== 'unknown') {
    assert.match(fix.text, new RegExp(`line ${key.line} of ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), 'the comment names the line it replaces');
    lines.splice(key.line - 1, 1, ...body);
    return lines.join('\n');
  }
  const existing = lines.findIndex((line) => line.startsWith('protocol:'));
  if (key === 'unknown' && existing >= 0) {
    assert.match(fix.text, /replace that line/);
    lines.splice(existing, 1, ...body);
    return lines.join('\n');
  }
  return `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${body.join('\n')}\n`;
}

describe('config.yml fixes replace protocol:, never duplicate it', () => {
  it('the recorded duplicate is what cloudflared refused, and the strict parse refuses it too', () => {
    assert.match(recording('config-duplicate-protocol.log'), /mapping key "protocol" already defined at line 1/);
    assert.throws(() => parseStrict(DUPLICATED), /unique/i);
  });

  it('config-file.ts reads the existing key and its line from the recorded config', async () => {
    const path = join(dir, 'config.yml');
    writeFileSync(path, WITH_PROTOCOL);
    const read = await readCloudflaredConfig(path);
    assert.ok(read.ok);
    if (read.ok) assert.deepEqual(read.config.protocolLine, { value: 'http2', line: 1 });
  });

  it('every config fix, applied to the recorded config (with, without, or not knowing of protocol:), parses strictly and gives protocol: quic', () => {
    const path = join(dir, 'config.yml');
    const cases: Array<{ text: string; key: ConfigProtocolKey | 'unknown' | null }> = [
      { text: WITH_PROTOCOL, key: { value: 'http2', line: 1 } },
      { text: WITH_PROTOCOL, key: 'unknown' },
      { text: WITHOUT_PROTOCOL, key: null },
      { text: WITHOUT_PROTOCOL, key: 'unknown' },
    ];
    let applied = 0;
    for (const { text, key } of cases) {
      const fixes = configFixes(quicRemediation({ command: null, configPath: path, configProtocol: key }));
      assert.ok(fixes.length > 0);
      for (const fix of fixes) {
        const edited = apply(fix, text, key, path);
        const parsed = parseStrict(edited) as Record<string, unknown>;
        assert.equal(parsed['protocol'], 'quic', `${fix.id} on ${JSON.stringify(text)}:\n${edited}`);
        assert.equal(parsed['metrics'], '127.0.0.1:20241', 'the rest of the config is kept');
        assert.equal(edited.split('\n').filter((line) => line.startsWith('protocol:')).length, 1);
        applied += 1;
      }
    }
    assert.equal(applied, 2 + 2 + 1 + 2);
  });

  it('with protocol: in the config, the fix replaces line N (yaml) or edits it in place (sed), in Japanese too', () => {
    const fixes = configFixes(quicRemediation({ command: null, configPath: '/etc/cloudflared/config.yml', configProtocol: { value: 'http2', line: 1 } }));
    assert.deepEqual(fixes.map((f) => [f.id, f.kind]), [['transport.config-yml', 'yaml'], ['transport.config-yml-sed', 'command']]);
    assert.equal(fixes[0]?.titleMessage?.key, 'cloudflared-start.fix.config-replace');
    assert.deepEqual(argvOf(fixes[1]?.text ?? ''), ['sudo', 'sed', '-i', '1s/^protocol:.*$/protocol: quic/', '/etc/cloudflared/config.yml']);
    const unknownFixes = configFixes(quicRemediation({ command: null, configPath: null, configProtocol: 'unknown' }));
    const finding: Finding = {
      id: 'tunnel-transport',
      title: '',
      status: 'fail',
      summary: '',
      evidence: [],
      remediation: [...fixes, ...unknownFixes],
    };
    assertFindingHasNoEnglishProse(localizeFinding(finding, 'ja'));
  });
});
