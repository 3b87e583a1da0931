import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  composeSysctls,
  dockerRunCommand,
  kubernetesPodSysctls,
  kubernetesRestartCommand,
  pingRangeRemediation,
  sysctlPersistCommand,
  sysctlPersistFile,
  sysctlWriteCommand,
  twingateHelmCommand,
  twingateHelmValues,
  twingateHelmValuesMessage,
} from './ping-group-range';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { argvOf, bashSyntax, HOSTILE_VALUES } from '../../../test-support/remediation/bash';

const RANGE = { low: 65532, high: 65532 };

describe('sysctl commands', () => {
  it('write KEY=VALUE as one argument whatever the key and value hold', () => {
    for (const value of HOSTILE_VALUES) {
      const command = sysctlWriteCommand('net.ipv4.ping_group_range', value);
      assert.ok(bashSyntax(command).ok, command);
      assert.deepEqual(argvOf(command), ['sudo', 'sysctl', '-w', `net.ipv4.ping_group_range=${value}`]);
      const hostileKey = sysctlWriteCommand(value, '0 2147483647');
      assert.deepEqual(argvOf(hostileKey), ['sudo', 'sysctl', '-w', `${value}=0 2147483647`]);
    }
  });

  it('persist the range in a sysctl.d file with one key = value line', () => {
    const file = sysctlPersistFile(RANGE);
    assert.equal(file.kind, 'file');
    assert.equal(file.path, '/etc/sysctl.d/60-icmp-doctor-ping.conf');
    assert.deepEqual(
      file.text.split('\n').filter((l) => l && !l.startsWith('#')),
      ['net.ipv4.ping_group_range = 65532 65532'],
    );
    const command = sysctlPersistCommand(RANGE, "/tmp/dir with 'quote'/99.conf");
    assert.ok(bashSyntax(command).ok, command);
    assert.match(command, /sudo sysctl -p '\/tmp\/dir with '\\''quote'\\''\/99.conf'$/);
  });
});

describe('container and cluster snippets', () => {
  it('docker run passes the sysctl and the connector image, secrets by name only', () => {
    const command = dockerRunCommand(RANGE, 'cloudflared');
    assert.ok(bashSyntax(command).ok);
    const argv = argvOf(command, { TUNNEL_TOKEN: 'secret-token' });
    assert.deepEqual(argv.slice(0, 3), ['docker', 'run', '-d']);
    assert.equal(argv[argv.indexOf('--sysctl') + 1], 'net.ipv4.ping_group_range=65532 65532');
    assert.equal(argv[argv.indexOf('-e') + 1], 'TUNNEL_TOKEN');
    assert.ok(!command.includes('secret-token'));
    assert.deepEqual(argv.slice(-4), ['cloudflare/cloudflared:latest', 'tunnel', '--no-autoupdate', 'run']);
    assert.ok(argvOf(dockerRunCommand(RANGE, 'twingate')).includes('twingate/connector:1'));
  });

  it('compose sysctls parse back to the service with the range as a string', () => {
    assert.deepEqual(parse(composeSysctls(RANGE, 'twingate')), {
      services: { 'twingate-connector': { sysctls: { 'net.ipv4.ping_group_range': '65532 65532' } } },
    });
  });

  it('restarts a pod the way its kind restarts: rollout for workloads, replace for a bare Pod; unknown names stay variables', () => {
    assert.equal(kubernetesRestartCommand({ workload: 'cf', workloadKind: 'StatefulSet', workloadNamespace: 'edge' }), 'kubectl rollout restart statefulset/cf -n edge');
    assert.equal(kubernetesRestartCommand({ workload: 'cf', workloadKind: null, workloadNamespace: null }), 'kubectl rollout restart deployment/cf');
    assert.equal(kubernetesRestartCommand({ workload: null }), 'kubectl rollout restart "deployment/${DEPLOYMENT}"');
    assert.equal(kubernetesRestartCommand({ workload: 'cf', workloadKind: 'Pod', workloadNamespace: 'ns' }), 'kubectl replace --force -f "${POD_MANIFEST}" -n ns');
    assert.equal(kubernetesRestartCommand({ workload: "a'b", workloadKind: 'Deployment', workloadNamespace: 'x y' }), "kubectl rollout restart 'deployment/a'\\''b' -n 'x y'");
  });

  it('the pod securityContext parses back, whatever the workload is called', () => {
    for (const workload of [null, 'cloudflared', ...HOSTILE_VALUES]) {
      const text = kubernetesPodSysctls({ low: 0, high: 2147483647 }, workload);
      assert.deepEqual(parse(text), { securityContext: { sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }] } }, text);
    }
  });

  it('Twingate Helm values enable icmpSupport and say what it sets', () => {
    const text = twingateHelmValues();
    assert.deepEqual(parse(text), { icmpSupport: { enabled: true } });
    for (const locale of ['en', 'ja'] as const) {
      const said = renderMessage(twingateHelmValuesMessage(), locale);
      assert.equal(said.slice(said.indexOf('\n\n') + 2), 'icmpSupport:\n  enabled: true\n', locale);
      assert.match(said, /^# .*ping_group_range.*0 2147483647/m, locale);
      assert.match(said, /^# {3}helm upgrade <release> twingate\/connector --reuse-values -f values\.yaml$/m, locale);
    }
    const command = twingateHelmCommand();
    assert.ok(bashSyntax(command).ok);
    assert.deepEqual(argvOf(command, { RELEASE: 'twingate-connector' }), ['helm', 'upgrade', 'twingate-connector', 'twingate/connector', '--reuse-values', '--set', 'icmpSupport.enabled=true']);
  });
});

describe('pingRangeRemediation', () => {
  it('gives a fix for each deployment asked for, every command valid and every YAML parseable', () => {
    const fixes = pingRangeRemediation({
      range: RANGE,
      reason: 'the image runs as 65532',
      deployments: ['host', 'docker', 'kubernetes', 'helm'],
      connector: 'cloudflared',
      workload: 'cloudflared-7d9f',
    });
    assert.deepEqual(
      fixes.map((f) => f.id),
      [
        'ping-range.host-now',
        'ping-range.host-every-group',
        'ping-range.host-persist-file',
        'ping-range.host-persist-command',
        'ping-range.systemd-restart',
        'ping-range.docker-run',
        'ping-range.compose-sysctls',
        'ping-range.docker-read-only-proc-sys',
        'ping-range.kubernetes-pod-sysctls',
        'ping-range.kubernetes-rollout-restart',
        'ping-range.helm-icmp-support',
        'ping-range.helm-upgrade',
      ],
    );
    const byId = (id: string) => fixes.find((f) => f.id === id);
    assert.deepEqual(byId('ping-range.host-now')?.titleMessage, msg('fix.ping-range.host-now', { key: 'net.ipv4.ping_group_range', value: '65532 65532', reason: 'the image runs as 65532' }));
    assert.deepEqual(argvOf(byId('ping-range.host-every-group')?.text ?? ''), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=0 2147483647']);
    assert.equal(byId('ping-range.systemd-restart')?.text, 'sudo systemctl restart cloudflared');
    assert.equal(byId('ping-range.systemd-restart')?.titleMessage?.params?.['service'], 'cloudflared');
    assert.deepEqual(byId('ping-range.kubernetes-pod-sysctls')?.titleMessage, msg('fix.ping-range.kubernetes-pod-sysctls', { workload: 'cloudflared-7d9f' }));
    assert.equal(byId('ping-range.kubernetes-pod-sysctls')?.textMessage?.params?.['workload'], 'cloudflared-7d9f');
    for (const fix of fixes) {
      if (fix.kind === 'command') assert.ok(bashSyntax(fix.text).ok, fix.text);
      if (fix.kind === 'yaml') assert.doesNotThrow(() => parse(fix.text), fix.text);
      if (fix.kind === 'file') assert.ok(fix.path?.startsWith('/etc/sysctl.d/'));
    }
  });

  it('does not offer the every-group alternative twice', () => {
    const fixes = pingRangeRemediation({ range: { low: 0, high: 2147483647 }, reason: 'r', deployments: ['host'], connector: null, workload: null });
    assert.equal(fixes.filter((f) => f.text.includes('0 2147483647') && f.kind === 'command' && f.text.startsWith('sudo sysctl -w')).length, 1);
  });
});
