// The targets file: comments, blank lines, CRLF, and bad lines refused naming FILE:LINE with
// the line shown escaped.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTargetsText, readTargetsFile } from './ping-targets-file';

describe('parseTargetsText', () => {
  it('takes one target per line, skipping comments and blank lines, and says where each came from', () => {
    const parsed = parseTargetsText('# lab hosts\n10.0.0.1\n\n  gw.example   # the gateway\r\n10.1.0.0/28\n#10.9.9.9\n', 'hosts.txt');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, [
      { text: '10.0.0.1', origin: 'hosts.txt:2' },
      { text: 'gw.example', origin: 'hosts.txt:4' },
      { text: '10.1.0.0/28', origin: 'hosts.txt:5' },
    ]);
  });

  it('refuses a line with two words, naming file and line', () => {
    const parsed = parseTargetsText('10.0.0.1\n10.0.0.2 10.0.0.3\n', 'hosts.txt');
    assert.ok(!parsed.ok);
    assert.equal(parsed.message, 'hosts.txt:2: "10.0.0.2 10.0.0.3": more than one word; give one address, host name or CIDR prefix per line (# starts a comment)');
  });

  it('shows control characters escaped, never raw', () => {
    const parsed = parseTargetsText('ok.example\n\n\u001b]0;owned\u0007host\n', '-');
    assert.ok(!parsed.ok);
    assert.equal(parsed.message, 'stdin:3: "\\u001b]0;owned\\u0007host": control characters in a target; give one address, host name or CIDR prefix per line');
    assert.doesNotMatch(parsed.message, /[\u0000-\u001f]/);
  });
});

describe('readTargetsFile', () => {
  it('reads a file, and names a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'targets-'));
    const path = join(dir, 'list.txt');
    writeFileSync(path, '10.0.0.1\n');
    const read = await readTargetsFile(path);
    assert.ok(read.ok);
    assert.deepEqual(read.value, [{ text: '10.0.0.1', origin: `${path}:1` }]);
    const missing = await readTargetsFile(join(dir, 'nope.txt'));
    assert.ok(!missing.ok);
    assert.equal(missing.message, `--targets-file ${join(dir, 'nope.txt')}: cannot read it (no such file)`);
  });
});
