import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorProcess } from '../../../../contract/evidence';
import { readInvocation } from './connector-invocation';

const AT = '2024-10-13T09:39:24.000Z';

function connector(command: string[], environment: Record<string, string> | null = {}): ConnectorProcess {
  return {
    kind: 'cloudflared',
    pid: 4242,
    command,
    uids: [0, 0, 0, 0],
    gids: [0, 0, 0, 0],
    groups: [],
    netns: 'net:[4026531840]',
    sameNetnsAsUs: true,
    pingGroupRange: { ok: true, value: { low: 1, high: 0 }, source: '/proc/4242/net', at: AT },
    environment: environment
      ? { ok: true, value: environment, source: '/proc/4242/environ', at: AT }
      : { ok: false, code: 'PERMISSION_DENIED', message: '/proc/4242/environ: EACCES (needs root)', source: '/proc/4242/environ', at: AT },
    container: null,
  };
}

describe('readInvocation', () => {
  it('reads --protocol in every spelling Go accepts; the last one wins', () => {
    const spellings: Array<[string[], string, string]> = [
      [['--protocol', 'http2'], 'http2', '--protocol'],
      [['--protocol=quic'], 'quic', '--protocol'],
      [['-protocol', 'auto'], 'auto', '-protocol'],
      [['-p', 'http2'], 'http2', '-p'],
      [['-p=QUIC'], 'quic', '-p'],
      [['--protocol', 'quic', '-p', 'http2'], 'http2', '-p'],
    ];
    for (const [flags, value, spelled] of spellings) {
      const invocation = readInvocation(connector(['/usr/bin/cloudflared', 'tunnel', ...flags, 'run', 'home']));
      assert.equal(invocation.protocolFlag?.value, value, flags.join(' '));
      assert.equal(invocation.protocolFlag?.spelled, spelled, flags.join(' '));
      assert.equal(invocation.named, true);
    }
  });

  it('keeps an unknown protocol raw, without a value', () => {
    const invocation = readInvocation(connector(['cloudflared', '--protocol', 'h2mux', 'tunnel', 'run']));
    assert.deepEqual(invocation.protocolFlag, { raw: 'h2mux', value: null, spelled: '--protocol' });
  });

  it('reads the environment: TUNNEL_TRANSPORT_PROTOCOL, TUNNEL_METRICS, TUNNEL_LOGFILE, HOME', () => {
    const invocation = readInvocation(
      connector(['cloudflared', 'tunnel', 'run'], {
        TUNNEL_TRANSPORT_PROTOCOL: 'http2',
        TUNNEL_METRICS: '0.0.0.0:2000',
        TUNNEL_LOGFILE: '/var/log/cf.log',
        HOME: '/home/cf',
      }),
    );
    assert.deepEqual(invocation.protocolEnv, { raw: 'http2', value: 'http2' });
    assert.equal(invocation.metrics, '0.0.0.0:2000');
    assert.equal(invocation.logFile, '/var/log/cf.log');
    assert.equal(invocation.home, '/home/cf');
    assert.equal(invocation.environmentProblem, null);
  });

  it('prefers flags to the environment and says when the environment was unreadable', () => {
    const flagged = readInvocation(connector(['cloudflared', 'tunnel', '--metrics', 'localhost:3000', 'run'], { TUNNEL_METRICS: 'localhost:4000' }));
    assert.equal(flagged.metrics, 'localhost:3000');
    const hidden = readInvocation(connector(['cloudflared', 'tunnel', 'run'], null));
    assert.equal(hidden.protocolEnv, null);
    assert.match(hidden.environmentProblem ?? '', /EACCES/);
  });

  it('tells a quick tunnel from a named one', () => {
    assert.equal(readInvocation(connector(['cloudflared', 'tunnel', '--url', 'http://localhost:8080'])).quickTunnelFlags, true);
    assert.equal(readInvocation(connector(['cloudflared', '--hello-world'])).quickTunnelFlags, true);
    assert.equal(readInvocation(connector(['cloudflared', 'tunnel', '--url', 'http://localhost:8080', 'run', 'app'])).quickTunnelFlags, false);
    assert.equal(readInvocation(connector(['cloudflared', 'tunnel', '--name', 'app', '--url', 'http://localhost:8080'])).quickTunnelFlags, false);
    assert.equal(readInvocation(connector(['cloudflared', 'tunnel', 'run', '--token', 'eyJhIjoiYiJ9'])).named, true);
  });

  it('never quotes a token or other credential from the command line', () => {
    const token = 'eyJhIjoiNjk5ZDk4NjQyYzU2NGQyZTg1NWU5NjYxODk5YjcyNTIiLCJ0IjoiNmZmNDJhZTIifQ';
    const commands = [
      ['cloudflared', '--no-autoupdate', 'tunnel', 'run', '--token', token],
      ['cloudflared', 'tunnel', 'run', `--token=${token}`],
      ['cloudflared', 'tunnel', '--credentials-contents', `{"TunnelSecret":"${token}"}`, 'run'],
      ['cloudflared', 'access', 'tcp', '--service-token-secret', token],
      ['cloudflared', 'service', 'install', token],
    ];
    for (const command of commands) {
      const invocation = readInvocation(connector(command));
      assert.doesNotMatch(invocation.commandLine, new RegExp(token.slice(0, 20)), command.join(' '));
      assert.match(invocation.commandLine, /\[redacted\]/, command.join(' '));
    }
    assert.equal(
      readInvocation(connector(commands[0]!)).commandLine,
      "cloudflared --no-autoupdate tunnel run --token [redacted]",
    );
  });

  it('shows arguments with spaces quoted, as a shell would take them', () => {
    const invocation = readInvocation(connector(['/opt/cloud flared/cloudflared', 'tunnel', '--config', "/etc/it's.yml", 'run']));
    assert.equal(invocation.commandLine, `'/opt/cloud flared/cloudflared' tunnel --config '/etc/it'\\''s.yml' run`);
    assert.equal(invocation.configFlag, "/etc/it's.yml");
  });
});
