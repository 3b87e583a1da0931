// The recordings' own consistency: each .proc.json must describe the namespace the recording
// was made in, as manifest.json (what the recorder set) says. Checks read these files as real
// evidence, so a wrong field would make them test the wrong situation.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'recordings', '2023.7.3');

interface Manifest {
  recordings: Array<{ name: string; ping_group_range: string; files: string[] }>;
}

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;

describe('cloudflared 2023.7.3 recordings', () => {
  it('every .proc.json has a manifest entry', () => {
    const names = new Set(manifest.recordings.map((r) => r.name));
    const procs = readdirSync(DIR).filter((file) => file.endsWith('.proc.json'));
    assert.ok(procs.length >= 10, `only ${procs.length} .proc.json files`);
    for (const file of procs) assert.ok(names.has(file.slice(0, -'.proc.json'.length)), `${file} is not in manifest.json`);
  });

  it("each .proc.json's ping_group_range_seen_in_ns is the range the manifest set in that namespace", () => {
    let compared = 0;
    for (const recording of manifest.recordings) {
      if (!recording.files.includes(`${recording.name}.proc.json`)) continue;
      const proc = JSON.parse(readFileSync(join(DIR, `${recording.name}.proc.json`), 'utf8')) as { ping_group_range_seen_in_ns: string };
      assert.equal(proc.ping_group_range_seen_in_ns, recording.ping_group_range, recording.name);
      compared += 1;
    }
    // The recordings whose range is not the host's `1 0` are the ones a wrong read would hide.
    assert.ok(manifest.recordings.filter((r) => r.ping_group_range !== '1\t0').length >= 5);
    assert.ok(compared >= 10, `only ${compared} compared`);
  });
});
