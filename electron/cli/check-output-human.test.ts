// The human output's promises: a hostile log line quoted as evidence cannot drive the terminal,
// fixes are printed exactly as built (unindented, so they paste), and the fixes section lists
// what failed (and warnings that come with a fix) — nothing else.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../contract/findings';
import { defaultInputs } from '../../contract/inputs';
import { argvOf } from '../../test-support/remediation/bash';
import { say } from '../report/say';
import { describeDeploy, formatCauses, formatFinding, formatFix, formatFixes, formatVerdicts } from './check-output-human';

function finding(patch: Partial<Finding>): Finding {
  return { id: 'tunnel-transport', status: 'fail', title: 'Tunnel transport', summary: 'HTTP/2.', evidence: [], remediation: [], ...patch };
}

describe('check output for people', () => {
  it('shows control characters from evidence as visible pictures, never raw', () => {
    const text = formatFinding(finding({ evidence: [{ source: 'log, line 3', detail: 'protocol=http2 \u001b[2J\u001b]0;owned\u0007\u0000' }] }));
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), JSON.stringify(text));
    assert.ok(text.includes('protocol=http2 \u241b[2J\u241b]0;owned\u2407\u2400'), text);
  });

  it('a verdict: status, id, title, the summary, then each piece of evidence with its source', () => {
    const text = formatFinding(finding({ evidence: [{ source: 'flags of pid 7', detail: '--protocol http2\nsecond line' }] }));
    assert.equal(
      text,
      'FAIL    tunnel-transport — Tunnel transport\n        HTTP/2.\n        Evidence:\n          - flags of pid 7: --protocol http2\n            second line\n',
    );
  });

  it('prints a fix\'s text as built: a multi-line command and YAML stay unindented', () => {
    const command = "curl -sS -X PATCH 'https://api.example/x' \\\n  -H \"Authorization: Bearer ${CLOUDFLARE_API_TOKEN}\"";
    assert.equal(formatFix({ id: 'fix', deploy: [], title: 'With the API', kind: 'command', text: command }, 0), `  Fix 1 (run): With the API\n${command}\n`);
    const yaml = 'securityContext:\n  sysctls:\n    - name: net.ipv4.ping_group_range\n      value: 0 2147483647\n';
    assert.equal(formatFix({ id: 'fix', deploy: [], title: 'Kubernetes', kind: 'yaml', text: yaml }, 1), `  Fix 2 (YAML): Kubernetes\n${yaml}`);
    assert.equal(
      formatFix({ id: 'fix', deploy: [], title: 'Persist', kind: 'file', path: '/etc/sysctl.d/60-icmp-doctor-ping.conf', text: 'net.ipv4.ping_group_range = 0 0\n' }, 2),
      '  Fix 3 (file /etc/sysctl.d/60-icmp-doctor-ping.conf): Persist\nnet.ipv4.ping_group_range = 0 0\n',
    );
  });

  it('fixes: failures always, warnings only with a fix, passes never; nothing at all on a healthy run', () => {
    const fix = { id: 'fix', deploy: [], title: 'Switch to QUIC', kind: 'command' as const, text: 'cloudflared tunnel --protocol quic run' };
    const findings: Finding[] = [
      finding({ remediation: [fix] }),
      finding({ id: 'path-mtu', status: 'warn', title: 'Path MTU', remediation: [] }),
      finding({ id: 'icmp-policy', status: 'warn', title: 'Policy', remediation: [{ ...fix, title: 'Allow echo', text: 'nft add rule inet filter forward icmp type echo-request accept' }] }),
      finding({ id: 'icmp-proxy', status: 'pass', title: 'Proxy', remediation: [{ ...fix, title: 'never shown' }] }),
    ];
    const text = formatFixes(findings);
    assert.match(text, /^\nHow to fix\n==========\n\nFAIL tunnel-transport — Tunnel transport\n\n  Fix 1 \(run\): Switch to QUIC\ncloudflared tunnel --protocol quic run\n/);
    assert.match(text, /^WARN icmp-policy — Policy$/m);
    assert.doesNotMatch(text, /path-mtu|never shown/);
    assert.equal(formatFixes([finding({ status: 'pass' })]), '');
    assert.ok(formatVerdicts(findings).endsWith(`\n${say('en', 'report.verdict.label')} ${say('en', 'report.verdict.problems', { count: 1, titles: ['Tunnel transport'] })}\n`));
  });

  describe('causes first (the Qiita seed: HTTP/2, ICMP proxy off, GID outside "1 0", echo dropped)', () => {
    const dashboard = { id: 'fix', deploy: [], title: 'Zero Trust dashboard: turn on the ICMP proxy', kind: 'dashboard' as const, text: 'Settings → Network → Firewall → Proxy: turn on ICMP.' };
    const causes = ['connector-gid-range', 'tunnel-transport', 'icmp-proxy'] as const;
    const findings: Finding[] = [
      finding({ id: 'tcp-vs-icmp', title: 'TCP vs ICMP', explainedBy: [...causes], remediation: [dashboard, { id: 'fix', deploy: [], title: 'Ping again', kind: 'command', text: 'icmp-doctor ping 10.0.0.5 -c 4' }] }),
      finding({ id: 'tunnel-transport', remediation: [{ id: 'fix', deploy: [], title: 'Use QUIC', kind: 'command', text: 'cloudflared tunnel --protocol quic run' }] }),
      finding({ id: 'icmp-proxy', title: 'ICMP proxy', remediation: [dashboard] }),
      finding({ id: 'connector-gid-range', title: 'GID', remediation: [{ id: 'fix', deploy: [], title: 'Widen the range', kind: 'command', text: 'sudo sysctl -w net.ipv4.ping_group_range="0 0"' }] }),
      finding({ id: 'icmp-policy', title: 'Policy', explainedBy: [...causes], remediation: [{ id: 'fix', deploy: [], title: 'Allow echo', kind: 'command', text: 'iptables -I FORWARD -p icmp --icmp-type echo-request -j ACCEPT' }, dashboard] }),
    ];
    const inputs = { ...defaultInputs(), target: '10.0.0.5', tcpPort: 22, product: 'cloudflare' as const };

    it('opens with the three causes in fix order, each with its first fix, then the command to re-test with', () => {
      const text = formatCauses(findings, [...causes], inputs);
      const lines = text.split('\n');
      assert.equal(lines[0], say('en', 'cli.causes.heading', { count: 3 }));
      const order = causes.map((id) => lines.findIndex((l) => l.startsWith(`  ${causes.indexOf(id) + 1}. ${id} — `)));
      assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, text);
      assert.match(text, /^ {5}fix: Widen the range\b/m, 'the first fix of the first cause, by name');
      assert.ok(!text.includes('sysctl -w'), 'its text is printed once, under "How to fix"');
      assert.doesNotMatch(text, /^\s+\d\. (tcp-vs-icmp|icmp-policy)/m, 'symptoms are not causes');
      assert.ok(lines.includes(`  ${say('en', 'cli.causes.follow', { ids: ['tcp-vs-icmp', 'icmp-policy'] })}`), text);
      const prefix = say('en', 'cli.causes.retest', { command: '' });
      const retest = lines.find((l) => l.startsWith(prefix));
      assert.ok(retest, text);
      assert.deepEqual(argvOf(retest.slice(prefix.length)), ['icmp-doctor', 'check', '--target', '10.0.0.5', '--tcp-port', '22', '--product', 'cloudflare']);
    });

    it('counts causes, not symptoms; marks each symptom with what explains it', () => {
      const verdict = say('en', 'report.verdict.problems', { count: 3, titles: ['GID', 'Tunnel transport', 'ICMP proxy'] });
      assert.ok(formatVerdicts(findings, [...causes]).endsWith(`\n${say('en', 'report.verdict.label')} ${verdict}\n`));
      const explained = `        ${say('en', 'report.explained-by', { causes: [...causes] })}`;
      assert.ok(formatFinding(findings[0]!).split('\n').includes(explained), formatFinding(findings[0]!));
      assert.ok(!formatFinding(findings[1]!).includes(say('en', 'report.explained-by', { causes: [] }).slice(0, 8)));
    });

    it('prints every fix once, and no symptom\'s own fix', () => {
      const text = formatFixes(findings, [...causes]);
      assert.equal(text.split(dashboard.text).length - 1, 1, text);
      assert.doesNotMatch(text, /FORWARD|Ping again/);
      assert.doesNotMatch(text, /^FAIL (tcp-vs-icmp|icmp-policy)/m);
      assert.ok(text.indexOf('FAIL connector-gid-range') < text.indexOf('FAIL tunnel-transport') && text.indexOf('FAIL tunnel-transport') < text.indexOf('FAIL icmp-proxy'), text);
    });
  });

  it('fixes for the deployment style first; the rest folded under "Other ways", numbered on', () => {
    const pod = { id: 'ping-range.kubernetes-pod-sysctls', deploy: ['kubernetes' as const], title: 'Pod sysctls', kind: 'yaml' as const, text: 'securityContext: {}' };
    const host = { id: 'ping-range.host-now', deploy: ['host' as const, 'systemd' as const], title: 'Host', kind: 'command' as const, text: 'sudo sysctl -w x=1' };
    const findings = [finding({ id: 'connector-gid-range', title: 'GID', remediation: [pod, host] })];
    const text = formatFixes(findings, ['connector-gid-range'], { style: 'kubernetes', from: 'chosen', signal: null });
    assert.ok(text.includes(`\n${say('en', 'cli.deploy.chosen', { style: 'kubernetes' })}\n`), text);
    const fold = text.indexOf(`  ${say('en', 'report.other-ways', { style: 'kubernetes' })}:\n`);
    assert.ok(fold > text.indexOf('Fix 1 (YAML): Pod sysctls'), text);
    assert.ok(text.indexOf('Fix 2 (run): Host') > fold, text);
    // Without a style nothing is folded.
    assert.ok(!formatFixes(findings, ['connector-gid-range']).includes(say('en', 'report.other-ways', { style: 'unknown' }).slice(0, 10)));
  });

  it('says which deployment the fixes are for and how that was decided', () => {
    // By message and parameters: the style, and the signal that decided it, quoted as they are.
    assert.equal(describeDeploy({ style: 'helm', from: 'chosen', signal: null }), say('en', 'cli.deploy.chosen', { style: 'helm' }));
    const signal = 'cgroup of cloudflared (pid 9)';
    assert.equal(describeDeploy({ style: 'podman', from: 'detected', signal }), say('en', 'cli.deploy.detected', { style: 'podman', signal }));
    assert.equal(describeDeploy({ style: 'unknown', from: 'none', signal: null }), say('en', 'cli.deploy.none', { styles: 'host|systemd|docker|podman|kubernetes|helm|openwrt' }));
  });
});
