// The decoder against tshark, on packets the kernel really put on the wire: capture the lab's
// replies and ICMP errors, decode every frame with decodePacket(), and compare field by field
// with tshark's dissection of the same file. Also ties the engine's events to the wire: every
// error the engine reported is a captured packet quoting the probe with the same id and seq.
// Finally re-dissects the decoder's tshark-confirmed byte vectors, so that confirmation is
// repeated on every run rather than remembered.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadAddon } from '../../electron/native/addon';
import type { DecodedPacket } from '../../native/index';
import { captureIcmp } from '../lab/capture';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { scenario } from '../lab/scenarios';
import { readPcap, writeRawIpPcap } from '../support/pcap';
import { dissect, numberField, textField, type Dissection } from '../support/tshark';
import { REPO_ROOT, runWorkerOk } from '../support/worker';
import type { ProbeWorkerOutput } from './workers/probe';

const FIELDS = [
  'ip.src', 'ip.dst', 'ip.ttl', 'ipv6.src', 'ipv6.dst', 'ipv6.hlim',
  'icmp.type', 'icmp.code', 'icmp.mtu', 'icmp.ident', 'icmp.seq', 'icmp.checksum.status',
  'icmpv6.type', 'icmpv6.code', 'icmpv6.mtu', 'icmpv6.echo.identifier', 'icmpv6.echo.sequence_number', 'icmpv6.checksum.status',
];

const SCENARIO_IDS = [
  'reply-v4', 'reply-v6', 'prohibit-v4', 'prohibit-v6', 'unreachable-v4', 'unreachable-v6',
  'ttl-exceeded-v4', 'hop-limit-exceeded-v6', 'frag-needed-v4', 'packet-too-big-v6',
];

const tsharkMissing = (() => {
  try {
    dissect('/dev/null', ['frame.number']);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'tshark is not installed (apt-get install tshark)' : false;
  }
})();

/** tshark shows a next-hop MTU of 0 as 0; the decoder says null ("not given"), by design. */
function tsharkMtu(frame: Dissection, field: string): number | null {
  const mtu = numberField(frame, field);
  return mtu === 0 ? null : mtu;
}

/** Compares one decoded packet with tshark's dissection of the same frame. */
function assertAgrees(decoded: DecodedPacket, frame: Dissection, label: string): void {
  const v6 = decoded.icmp.family === 6;
  const ip = v6 ? 'ipv6' : 'ip';
  const icmp = v6 ? 'icmpv6' : 'icmp';
  const outer = decoded.outer!;
  assert.equal(outer.src, textField(frame, `${ip}.src`), `${label}: outer src`);
  assert.equal(outer.dst, textField(frame, `${ip}.dst`), `${label}: outer dst`);
  assert.equal(outer.ttl, numberField(frame, v6 ? 'ipv6.hlim' : 'ip.ttl'), `${label}: ttl`);
  assert.equal(decoded.icmp.type, numberField(frame, `${icmp}.type`), `${label}: type`);
  assert.equal(decoded.icmp.code, numberField(frame, `${icmp}.code`), `${label}: code`);
  assert.equal(decoded.icmp.mtu, tsharkMtu(frame, `${icmp}.mtu`), `${label}: mtu`);
  // tshark: checksum status 1 = good.
  assert.equal(decoded.icmp.checksumOk, numberField(frame, `${icmp}.checksum.status`) === 1, `${label}: checksum`);
  const ident = v6 ? 'icmpv6.echo.identifier' : 'icmp.ident';
  const seq = v6 ? 'icmpv6.echo.sequence_number' : 'icmp.seq';
  if (decoded.icmp.echo) {
    assert.equal(decoded.icmp.echo.id, numberField(frame, ident), `${label}: echo id`);
    assert.equal(decoded.icmp.echo.seq, numberField(frame, seq), `${label}: echo seq`);
  }
  const original = decoded.icmp.original;
  if (decoded.icmp.class === 'error') {
    assert.ok(original, `${label}: an error must carry its quote`);
    assert.equal(original.ip.src, textField(frame, `${ip}.src`, -1), `${label}: quoted src`);
    assert.equal(original.ip.dst, textField(frame, `${ip}.dst`, -1), `${label}: quoted dst`);
    assert.equal(original.transport.kind, 'icmp-echo', label);
    if (original.transport.kind === 'icmp-echo') {
      assert.equal(original.transport.icmpType, numberField(frame, `${icmp}.type`, -1), `${label}: quoted type`);
      assert.equal(original.transport.id, numberField(frame, ident, -1), `${label}: quoted id`);
      assert.equal(original.transport.seq, numberField(frame, seq, -1), `${label}: quoted seq`);
    }
  }
}

describe('decoder vs tshark on real lab traffic', { skip: labUnavailableReason() ?? tsharkMissing }, () => {
  const addon = loadAddon();
  let lab: Lab;
  let directory: string;
  let output: ProbeWorkerOutput;
  let decoded: Array<{ frame: number; value: DecodedPacket }>;
  let dissection: Dissection[];

  before(async () => {
    lab = await createLab();
    directory = mkdtempSync(join(tmpdir(), 'icmp-doctor-wire-'));
    const pcapPath = join(directory, 'client.pcap');
    const capture = await captureIcmp(lab, { pcapPath });
    const plan = SCENARIO_IDS.map((id) => {
      const s = scenario(id);
      return { key: id, request: { target: s.target, count: 2, intervalMs: 20, timeoutMs: s.waitMs, ttl: s.probe.ttl, size: s.probe.size, df: s.probe.df } };
    });
    output = await runWorkerOk<ProbeWorkerOutput>(lab, 'client', 'e2e/native/workers/probe.ts', [JSON.stringify(plan)], { user: 'unprivileged' });
    await capture.stop();
    const packets = readPcap(readFileSync(pcapPath));
    dissection = dissect(pcapPath, FIELDS);
    decoded = packets.map(({ frame, ip }) => {
      const result = addon.decodePacket(ip, { verifyChecksum: true });
      assert.ok(result.ok, `frame ${frame}: ${result.ok ? '' : result.message}`);
      return { frame, value: result.value };
    });
  });
  after(async () => {
    await lab?.destroy();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('every captured frame decodes, checksums verified, and agrees with tshark field by field', () => {
    assert.ok(decoded.length >= SCENARIO_IDS.length * 2 * 2, `only ${decoded.length} frames captured`);
    assert.equal(dissection.length, decoded.length);
    for (const { frame, value } of decoded) assertAgrees(value, dissection[frame - 1]!, `frame ${frame}`);
  });

  it('our echo requests carry the id the kernel assigned to our socket, and our seqs', () => {
    const requests = decoded.filter(({ value }) => value.icmp.class === 'echo-request' && value.outer?.src.startsWith('10.200.1.2'));
    assert.ok(requests.length > 0);
    const ids = new Set(requests.map(({ value }) => value.icmp.echo?.id));
    assert.ok(ids.has(output.echoIds.v4 ?? -1), `ids on the wire ${[...ids]} vs socket ${output.echoIds.v4}`);
  });

  it('each ICMP error the engine reported is on the wire, quoting that very probe', () => {
    for (const id of SCENARIO_IDS) {
      for (const probe of output.results[id]!.probes.filter((p) => p.status === 'icmp-error')) {
        const error = probe.error!;
        const onWire = decoded.find(({ value }) => {
          const quote = value.icmp.original;
          return (
            value.icmp.type === error.icmpType &&
            value.icmp.code === error.icmpCode &&
            value.outer?.src === error.from &&
            quote?.ip.dst === probe.target &&
            quote.transport.kind === 'icmp-echo' &&
            quote.transport.id === error.original?.id &&
            quote.transport.seq === error.original?.seq
          );
        });
        assert.ok(onWire, `${id} seq ${probe.seq}: no captured error matches ${JSON.stringify(error)}`);
        assert.equal(onWire.value.icmp.mtu, error.mtu, `${id}: mtu`);
        assert.equal(onWire.value.icmp.name, error.name, `${id}: name`);
      }
    }
  });
});

describe('decoder vs tshark on the confirmed byte vectors', { skip: tsharkMissing }, () => {
  it('re-dissects every vector of native/src/wire/testdata/confirmed-vectors.txt', () => {
    const addon = loadAddon();
    const vectors = readFileSync(join(REPO_ROOT, 'native/src/wire/testdata/confirmed-vectors.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => {
        const [name = '', hex = ''] = line.trim().split(/\s+/);
        return { name, bytes: Buffer.from(hex, 'hex') };
      });
    assert.ok(vectors.length >= 10);
    const directory = mkdtempSync(join(tmpdir(), 'icmp-doctor-vectors-'));
    try {
      const pcapPath = join(directory, 'vectors.pcap');
      writeFileSync(pcapPath, writeRawIpPcap(vectors.map((vector) => vector.bytes)));
      const frames = dissect(pcapPath, FIELDS);
      assert.equal(frames.length, vectors.length);
      vectors.forEach((vector, index) => {
        const result = addon.decodePacket(vector.bytes, { verifyChecksum: true });
        assert.ok(result.ok, `${vector.name}: ${result.ok ? '' : result.message}`);
        const frame = frames[index]!;
        // The quote of a vector may be cut short or be UDP/TCP: compare what both see.
        const v6 = result.value.icmp.family === 6;
        const icmp = v6 ? 'icmpv6' : 'icmp';
        assert.equal(result.value.icmp.type, numberField(frame, `${icmp}.type`), `${vector.name}: type`);
        assert.equal(result.value.icmp.code, numberField(frame, `${icmp}.code`), `${vector.name}: code`);
        assert.equal(result.value.icmp.mtu, tsharkMtu(frame, `${icmp}.mtu`), `${vector.name}: mtu`);
        assert.equal(result.value.outer?.src, textField(frame, v6 ? 'ipv6.src' : 'ip.src'), `${vector.name}: src`);
        // tshark dissects quotes only for types it knows (not, e.g., an unassigned v6 error type).
        const tsharkQuotes = (frame.get(v6 ? 'ipv6.dst' : 'ip.dst') ?? []).length > 1;
        if (result.value.icmp.original && tsharkQuotes) {
          assert.equal(result.value.icmp.original.ip.dst, textField(frame, v6 ? 'ipv6.dst' : 'ip.dst', -1), `${vector.name}: quoted dst`);
        }
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
