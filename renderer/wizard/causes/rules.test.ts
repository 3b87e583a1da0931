// The rules table itself: well-formed, acyclic (causes before symptoms in fix order), and
// covering every finding (tunnel-connection and route-through-tunnel included).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINDING_IDS } from '../../../contract/findings';
import { argvOf } from '../../../test-support/remediation/bash';
import { inputs } from '../../../test-support/checks/evidence';
import { EXPLAIN_RULES, explanations, FIX_ORDER, fixRank, retestCommand, rootCauses, type CauseModelId, type CauseSignals, type Verdict } from './index';

const SILENT_ECHO: CauseSignals = {
  probeBlocked: { icmp: false, transparency: false, pathMtu: false },
  echoVanished: true,
  policyProof: false,
  transparencyNothingBack: true,
  pathMtuNothingBack: true,
};

describe('cause rules', () => {
  it('orders every finding id, each once', () => {
    for (const id of FINDING_IDS) assert.ok(FIX_ORDER.includes(id), id);
    assert.equal(FIX_ORDER.length, FINDING_IDS.length);
    assert.equal(new Set(FIX_ORDER).size, FIX_ORDER.length);
    assert.ok(FINDING_IDS.includes('tunnel-connection'), 'tunnel-connection is a finding now');
    // A tunnel with no connection comes first among the tunnel's causes.
    for (const id of ['connector-gid-range', 'tunnel-transport', 'icmp-proxy'] as const) assert.ok(fixRank('tunnel-connection') < fixRank(id), id);
  });

  it('always points from a cause to a later symptom, so explanations cannot loop', () => {
    for (const rule of EXPLAIN_RULES) assert.ok(fixRank(rule.cause) < fixRank(rule.symptom), `${rule.cause} → ${rule.symptom}`);
  });

  it('lets a refused local socket explain only what the probes would have decided, not what imported configuration decided', () => {
    const blocked: CauseSignals = { ...SILENT_ECHO, echoVanished: false, probeBlocked: { icmp: true, transparency: true, pathMtu: true } };
    const verdicts: Array<Verdict> = [
      { id: 'local-icmp-socket', status: 'fail' },
      { id: 'icmp-policy', status: 'fail' },
      { id: 'tcp-vs-icmp', status: 'unknown' },
    ];
    assert.deepEqual(explanations(verdicts, blocked).get('icmp-policy'), ['local-icmp-socket']);
    const configured = explanations(verdicts, { ...blocked, decidedByImportedConfig: ['icmp-policy'] });
    assert.equal(configured.get('icmp-policy'), undefined);
    assert.deepEqual(configured.get('tcp-vs-icmp'), ['local-icmp-socket']);
    for (const rule of EXPLAIN_RULES.filter((r) => r.cause === 'local-icmp-socket')) assert.equal(rule.when, 'probe-blocked-only', rule.symptom);
  });

  it('lets a tunnel that is down explain echo loss', () => {
    const verdicts: Array<Verdict> = [
      { id: 'tunnel-connection', status: 'fail' },
      { id: 'tcp-vs-icmp', status: 'fail' },
      { id: 'icmp-policy', status: 'fail' },
      { id: 'path-mtu', status: 'unknown' },
    ];
    const map = explanations(verdicts, SILENT_ECHO);
    assert.deepEqual(map.get('tcp-vs-icmp'), ['tunnel-connection']);
    assert.deepEqual(map.get('icmp-policy'), ['tunnel-connection']);
    assert.deepEqual(map.get('path-mtu'), ['tunnel-connection']);
    const explained = verdicts.map((v) => ({ ...v, explainedBy: map.get(v.id) }));
    assert.deepEqual(rootCauses(explained), ['tunnel-connection']);
  });

  it('lets a tunnel that never connected explain the connector\'s transport, ICMP proxy and GID verdicts, failing or undecided', () => {
    for (const symptom of ['connector-gid-range', 'tunnel-transport', 'icmp-proxy'] as const) {
      const rule = EXPLAIN_RULES.find((r) => r.cause === 'tunnel-connection' && r.symptom === symptom);
      assert.deepEqual(rule && { statuses: [...rule.symptomStatuses], when: rule.when }, { statuses: ['fail', 'unknown'], when: 'always' }, symptom);
    }
    // Echo answered: no tunnel loss, yet the down tunnel still explains the connector's verdicts.
    const verdicts: Array<Verdict> = [
      { id: 'tunnel-connection', status: 'fail' },
      { id: 'connector-gid-range', status: 'fail' },
      { id: 'tunnel-transport', status: 'unknown' },
      { id: 'icmp-proxy', status: 'fail' },
      { id: 'tcp-vs-icmp', status: 'fail' },
    ];
    const map = explanations(verdicts, SILENT_ECHO);
    for (const id of ['connector-gid-range', 'tunnel-transport', 'icmp-proxy', 'tcp-vs-icmp'] as const) assert.deepEqual(map.get(id), ['tunnel-connection'], id);
    assert.deepEqual(rootCauses(verdicts.map((v) => ({ ...v, explainedBy: map.get(v.id) }))), ['tunnel-connection']);
    // A connected tunnel explains none of them.
    const up = explanations([{ id: 'tunnel-connection', status: 'pass' }, ...verdicts.slice(1)], SILENT_ECHO);
    assert.equal(up.get('connector-gid-range'), undefined);
    assert.equal(up.get('tunnel-transport'), undefined);
  });

  it('keeps icmp-policy a cause when it has proof beyond silence, and still explains tcp-vs-icmp by it', () => {
    const verdicts: Array<Verdict> = [
      { id: 'icmp-proxy', status: 'fail' },
      { id: 'icmp-policy', status: 'fail' },
      { id: 'tcp-vs-icmp', status: 'fail' },
    ];
    const map = explanations(verdicts, { ...SILENT_ECHO, policyProof: true });
    assert.equal(map.get('icmp-policy'), undefined);
    assert.deepEqual(map.get('tcp-vs-icmp'), ['icmp-proxy', 'icmp-policy']);
  });

  it('explains nothing by a cause that passed, and nothing when ICMP does come back', () => {
    const passing: Array<Verdict> = [
      { id: 'tunnel-transport', status: 'pass' },
      { id: 'tcp-vs-icmp', status: 'fail' },
    ];
    assert.equal(explanations(passing, SILENT_ECHO).size, 0);
    const answered: Array<Verdict> = [
      { id: 'tunnel-transport', status: 'fail' },
      { id: 'path-mtu', status: 'fail' },
      { id: 'icmp-error-transparency', status: 'fail' },
    ];
    const map = explanations(answered, { ...SILENT_ECHO, echoVanished: false });
    assert.equal(map.size, 0);
    assert.deepEqual(rootCauses(answered.map((v) => ({ ...v, explainedBy: map.get(v.id) }))), ['tunnel-transport', 'icmp-error-transparency', 'path-mtu']);
  });

  it('lets a refused local socket explain only findings whose own probe could not run', () => {
    const verdicts: Array<Verdict<CauseModelId>> = [
      { id: 'local-icmp-socket', status: 'fail' },
      { id: 'tcp-vs-icmp', status: 'unknown' },
      { id: 'path-mtu', status: 'unknown' },
    ];
    const map = explanations(verdicts, { ...SILENT_ECHO, echoVanished: false, probeBlocked: { icmp: true, transparency: false, pathMtu: false } });
    assert.deepEqual(map.get('tcp-vs-icmp'), ['local-icmp-socket']);
    assert.equal(map.get('path-mtu'), undefined);
  });
});

describe('re-test command', () => {
  it('re-runs check with the same options, each a word of its own', () => {
    const command = retestCommand(
      inputs({ target: '10.0.0.5', tcpPort: 8443, product: 'cloudflare', cloudflaredLog: "/var/log/it's.log", cloudflareAccountId: 'abc', cloudflareApiToken: 'provided', connectorReports: ['a.json', 'b.json'], deploy: 'openwrt' }),
    );
    assert.deepEqual(argvOf(command), [
      'icmp-doctor', 'check', '--target', '10.0.0.5', '--tcp-port', '8443', '--product', 'cloudflare',
      '--cloudflared-log', "/var/log/it's.log", '--cloudflare-account', 'abc', '--deploy', 'openwrt', '--connector-report', 'a.json', '--connector-report', 'b.json',
    ]);
  });

  it('reads the imported files again, and ignores entries a hand-edited report may carry', () => {
    const command = retestCommand(
      inputs({ target: '10.0.0.5', imports: [{ kind: 'pod-spec', path: '/tmp/connector deployment.yaml' }, { kind: 'calico-policy', path: 'block-icmp.yaml' }, { kind: 'sysctl' } as never, null as never] }),
    );
    assert.deepEqual(argvOf(command), [
      'icmp-doctor', 'check', '--target', '10.0.0.5', '--import', 'pod-spec=/tmp/connector deployment.yaml', '--import', 'calico-policy=block-icmp.yaml',
    ]);
  });
});
