// The facts every real start of cloudflared writes (version, start transport, config path,
// dial failures, ICMP proxy source lines, whether the run's start is in what was read), read
// from the recorded output of a real cloudflared 2023.7.3 (testing/recordings.ts).

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CloudflaredEvidence, Gathered } from '../../../../contract/evidence';
import { parseCloudflaredLog } from './parse-log';
import { readPrometheusText } from './prometheus-text';
import { lineNumberOf, RECORDINGS_DIR, recordedBody, recording } from '../../../../test-support/recordings/cloudflared-2023.7.3';

function parsed(file: string): CloudflaredEvidence {
  const result: Gathered<CloudflaredEvidence> = parseCloudflaredLog(recording(file), file);
  if (!result.ok) assert.fail(`${file}: ${result.code}: ${result.message}`);
  return result.value;
}

describe('start-up facts from a real cloudflared 2023.7.3 log', () => {
  it('reads the version from the Version line (not from GOVersion or clientVersion=)', () => {
    for (const file of ['http2-config.log', 'quic-udp-blocked.log', 'icmp-proxy-working.log', 'http2-env.logfile.log']) {
      const evidence = parsed(file);
      assert.equal(evidence.version?.value, '2023.7.3', file);
      assert.equal(evidence.version?.from, 'log');
      assert.equal(evidence.version?.evidence?.line, lineNumberOf(recording(file), 'Version 2023.7.3'), file);
    }
  });

  it('takes the start transport from "Initial protocol" and the config path from the Settings map (http2-config)', () => {
    const text = recording('http2-config.log');
    const evidence = parsed('http2-config.log');
    assert.equal(evidence.startTransport?.value, 'http2');
    assert.equal(evidence.startTransport?.evidence.line, lineNumberOf(text, 'Initial protocol http2'));
    assert.equal(evidence.startConfigPath, '/tmp/cfdrec/runs/etc/http2-config/config.yml');
  });

  it('reads --protocol http2 (http2-flag) and TUNNEL_TRANSPORT_PROTOCOL=http2 (http2-env, console and --logfile JSON) as an http2 start', () => {
    for (const file of ['http2-flag.log', 'http2-env.log', 'http2-env.logfile.log']) {
      const evidence = parsed(file);
      assert.equal(evidence.startTransport?.value, 'http2', file);
      assert.equal(evidence.startConfigPath, null, file);
      assert.deepEqual(evidence.registered, [], file);
    }
  });

  it('reads a QUIC start and counts its dial failures, which name quic (quic-udp-blocked)', () => {
    const text = recording('quic-udp-blocked.log');
    const evidence = parsed('quic-udp-blocked.log');
    assert.equal(evidence.startTransport?.value, 'quic');
    assert.equal(evidence.dialFailures?.count, 4);
    assert.equal(evidence.dialFailures?.transport, 'quic');
    assert.equal(evidence.dialFailures?.first.line, lineNumberOf(text, 'Failed to create new quic connection'));
    assert.match(evidence.dialFailures?.last.text ?? '', /failed to dial to edge with quic: timeout: no recent network activity/);
  });

  it('counts HTTP/2 dial failures without a transport, since their errors never say http2 (http2-flag)', () => {
    const evidence = parsed('http2-flag.log');
    // "Unable to establish connection" lines only; the "Serve tunnel error" repeating each is not another dial.
    assert.equal(evidence.dialFailures?.count, recording('http2-flag.log').split('\n').filter((l) => l.includes('Unable to establish connection')).length);
    assert.ok((evidence.dialFailures?.count ?? 0) >= 2);
    assert.equal(evidence.dialFailures?.transport, null);
  });

  it('after the fallback line the unnamed dial failures are HTTP/2 (auto-udp-blocked-3edges)', () => {
    const evidence = parsed('auto-udp-blocked-3edges.log');
    assert.equal(evidence.startTransport?.value, 'quic');
    assert.ok(evidence.fallbackToHttp2);
    assert.equal(evidence.dialFailures?.transport, 'http2');
    assert.match(evidence.dialFailures?.first.text ?? '', /with quic/);
    assert.equal(evidence.dialFailures?.count, 3 + 5);
  });

  it('collects the ICMP proxy source lines, logged in every run (icmp-proxy-working and gid-range-1-0-uid65532 alike)', () => {
    for (const file of ['icmp-proxy-working.log', 'gid-range-1-0-uid65532.log']) {
      const evidence = parsed(file);
      assert.deepEqual(
        evidence.icmpProxySources?.map((line) => line.text.replace(/^\S+ INF /, '')),
        ['ICMP proxy will use 10.77.0.1 as source for IPv4', 'ICMP proxy will use fd77::1 in zone v0 as source for IPv6'],
        file,
      );
    }
    assert.equal(parsed('icmp-proxy-working.log').gidOutsideRange, null);
    assert.equal(parsed('icmp-proxy-working.log').icmpProxyDisabled, null);
    assert.equal(parsed('gid-range-1-0-uid65532.log').gidOutsideRange?.gid, 65532);
  });

  it('reads the GID warning of the real-gid check and of the signed parse (gid-real65532-egid0-range-0-0, range-0-4294967294)', () => {
    const real = parsed('gid-real65532-egid0-range-0-0.log');
    assert.deepEqual([real.gidOutsideRange?.gid, real.gidOutsideRange?.low, real.gidOutsideRange?.high], [65532, 0, 0]);
    assert.equal(real.icmpProxyDisabled, null);
    assert.equal(real.gidRangeUnparsed, null);
    const signed = parsed('range-0-4294967294.log');
    assert.equal(signed.gidOutsideRange, null);
    assert.equal(signed.gidRangeUnparsed?.line, lineNumberOf(recording('range-0-4294967294.log'), 'failed to determine minimum ping group ID'));
  });

  it('knows when the start of the current run is in what was read', () => {
    for (const file of ['http2-config.log', 'auto-udp-output-eperm.log', 'quic-udp-output-eperm-logdir.log', 'gid-real65532-egid0-range-0-0.log']) {
      assert.equal(parsed(file).runStartSeen, true, file);
    }
    // --log-directory kept five rotated 1 MB files; none holds the start-up lines any more.
    const rotated = readdirSync(RECORDINGS_DIR).filter((name) => name.startsWith('quic-udp-output-eperm-logdir.logdir.')).sort();
    assert.equal(rotated.length, 6);
    for (const file of rotated) {
      const evidence = parsed(file);
      assert.equal(evidence.runStartSeen, false, file);
      assert.equal(evidence.version, null, file);
      assert.equal(evidence.dialFailures?.transport, 'quic', file);
    }
    const history = parseCloudflaredLog(rotated.map(recording).join(''), 'rotated files, oldest first');
    assert.ok(history.ok);
    if (history.ok) assert.equal(history.value.runStartSeen, false);
  });

  it('reads the version from /metrics build_info', () => {
    for (const file of ['http2-config.metrics.txt', 'quic-udp-blocked.metrics.txt']) {
      const facts = readPrometheusText(recordedBody(file));
      assert.equal(facts.buildVersion?.value, '2023.7.3', file);
      assert.match(facts.buildVersion?.line ?? '', /^build_info\{goversion="go1\.19\.8",.*version="2023\.7\.3"\} 1$/);
    }
  });
});
