import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  CLOUDFLARED_DROP_IN,
  configQuicYaml,
  dockerQuicCommand,
  kubernetesQuicEnv,
  quicEgressCommands,
  quicFlagCommand,
  quicRemediation,
  systemdDropIn,
} from './cloudflared-transport';
import { msg } from '../../i18n/messages/message';
import { argvOf, bashSyntax, HOSTILE_VALUES } from '../../../test-support/remediation/bash';

const TOKEN = 'eyJhIjoiMTIzNDU2Nzg5MGFiY2RlZiIsInQiOiJzZWNyZXQifQ==';

describe('quicFlagCommand', () => {
  it("rewrites the connector's own command line: --protocol quic after `tunnel`, the token from $TUNNEL_TOKEN", () => {
    const command = quicFlagCommand(['/usr/bin/cloudflared', '--no-autoupdate', 'tunnel', '--protocol', 'http2', 'run', '--token', TOKEN]);
    assert.ok(!command.includes(TOKEN), 'the tunnel token is a credential');
    assert.equal(command, '/usr/bin/cloudflared --no-autoupdate tunnel --protocol quic run --token "${TUNNEL_TOKEN}"');
    assert.deepEqual(argvOf(command, { TUNNEL_TOKEN: TOKEN }), ['/usr/bin/cloudflared', '--no-autoupdate', 'tunnel', '--protocol', 'quic', 'run', '--token', TOKEN]);
  });

  it('drops --protocol=X and -protocol X and handles --token=X and -token X', () => {
    assert.equal(quicFlagCommand(['cloudflared', 'tunnel', '--protocol=http2', 'run', `--token=${TOKEN}`]), 'cloudflared tunnel --protocol quic run --token "${TUNNEL_TOKEN}"');
    assert.equal(quicFlagCommand(['cloudflared', 'tunnel', '-protocol', 'auto', 'run', '-token', TOKEN, 'name']), 'cloudflared tunnel --protocol quic run --token "${TUNNEL_TOKEN}" name');
    assert.equal(quicFlagCommand(['cloudflared', 'tunnel', 'run', '--credentials-contents', '{"a":1}']), 'cloudflared tunnel --protocol quic run --credentials-contents "${TUNNEL_CRED_CONTENTS}"');
  });

  it('without a command line: cloudflared tunnel --protocol quic run (the tunnel from config.yml)', () => {
    assert.equal(quicFlagCommand(null), 'cloudflared tunnel --protocol quic run');
    assert.equal(quicFlagCommand(['cloudflared']), 'cloudflared --protocol quic');
  });

  it('keeps every other argument intact, however hostile', () => {
    for (const value of HOSTILE_VALUES) {
      const command = quicFlagCommand(['cloudflared', 'tunnel', 'run', value]);
      assert.ok(bashSyntax(command).ok, command);
      assert.deepEqual(argvOf(command), ['cloudflared', 'tunnel', '--protocol', 'quic', 'run', value]);
    }
  });
});

describe('the other ways to ask for QUIC', () => {
  it('a systemd drop-in that sets TUNNEL_TRANSPORT_PROTOCOL', () => {
    const dropIn = systemdDropIn();
    assert.equal(dropIn.kind, 'file');
    assert.equal(dropIn.path, CLOUDFLARED_DROP_IN);
    assert.equal(dropIn.text, '[Service]\nEnvironment=TUNNEL_TRANSPORT_PROTOCOL=quic\n');
  });

  it('config.yml and the Kubernetes container env parse back', () => {
    assert.deepEqual(parse(configQuicYaml('/etc/cloudflared/config.yml')), { protocol: 'quic' });
    assert.deepEqual(parse(configQuicYaml("/home/me/we'ird\n#path: x")), { protocol: 'quic' });
    assert.deepEqual(parse(kubernetesQuicEnv()), { env: [{ name: 'TUNNEL_TRANSPORT_PROTOCOL', value: 'quic' }] });
  });

  it('docker run sets the variable and passes the token by name', () => {
    const argv = argvOf(dockerQuicCommand());
    assert.equal(argv[argv.indexOf('-e') + 1], 'TUNNEL_TRANSPORT_PROTOCOL=quic');
    assert.ok(argv.includes('TUNNEL_TOKEN'));
  });

  it('the UDP 7844 egress rules are valid commands for iptables and nftables', () => {
    const [iptables, nft, perimeter] = quicEgressCommands();
    assert.ok(bashSyntax(iptables?.text ?? '').ok);
    assert.match(iptables?.text ?? '', /iptables -I OUTPUT -p udp --dport 7844 -j ACCEPT && sudo ip6tables -I OUTPUT -p udp --dport 7844 -j ACCEPT/);
    assert.deepEqual(argvOf(nft?.text ?? ''), ['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'output', 'udp', 'dport', '7844', 'accept']);
    assert.equal(perimeter?.kind, 'dashboard');
  });

  it('quicRemediation offers flag, env (systemd, Docker, Kubernetes), config and egress', () => {
    const fixes = quicRemediation({ command: null, configPath: '/srv/cf/config.yml' });
    assert.deepEqual(
      fixes.map((f) => f.id),
      [
        'transport.quic-flag',
        'transport.systemd-drop-in',
        'transport.systemd-restart',
        'transport.config-yml',
        'transport.docker-env',
        'transport.podman-env',
        'transport.kubernetes-env',
        'transport.kubernetes-rollout-restart',
        'transport.egress-iptables',
        'transport.egress-nftables',
        'transport.egress-perimeter',
      ],
    );
    const config = fixes.find((f) => f.id === 'transport.config-yml');
    assert.deepEqual(config?.titleMessage, msg('fix.transport.config-yml', { path: '/srv/cf/config.yml' }));
    assert.equal(config?.textMessage?.params?.['path'], '/srv/cf/config.yml');
    assert.deepEqual(parse(config?.text ?? ''), { protocol: 'quic' });
    assert.deepEqual(fixes.find((f) => f.id === 'transport.egress-perimeter')?.titleMessage, msg('fix.transport.egress-perimeter', { port: 7844 }));
    for (const fix of fixes) {
      if (fix.kind === 'command') assert.ok(bashSyntax(fix.text).ok, fix.text);
      if (fix.kind === 'yaml') assert.doesNotThrow(() => parse(fix.text));
    }
  });
});
