import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactSecrets } from './redact-secrets';
import { makeApiToken, makeTunnelToken } from '../../test-support/report/sample-report';
import { msg } from '../../renderer/i18n/messages/message';
import { renderMessage } from '../../renderer/i18n/messages/render';
import { recording } from '../../test-support/recordings/cloudflared-2023.7.3';

describe('redactSecrets', () => {
  const token = makeApiToken();

  it('replaces a given secret everywhere: values, keys, nested arrays and objects', () => {
    const value = {
      line: `ERR request failed token=${token} retrying`,
      [`key-${token}`]: 1,
      nested: [{ deeper: [`${token}${token}`] }],
      count: 3,
      flag: true,
      nothing: null,
    };
    const out = redactSecrets(value, [token]);
    assert.deepEqual(out, {
      line: `ERR request failed token=${REDACTED} retrying`,
      [`key-${REDACTED}`]: 1,
      nested: [{ deeper: [`${REDACTED}${REDACTED}`] }],
      count: 3,
      flag: true,
      nothing: null,
    });
    assert.ok(!JSON.stringify(out).includes(token));
  });

  it('catches the URL-encoded form of a secret too', () => {
    const secret = 'abc/def+ghi=jkl';
    const out = redactSecrets({ url: `https://x.test/?t=${encodeURIComponent(secret)}` }, [secret]);
    assert.equal(out.url, `https://x.test/?t=${REDACTED}`);
  });

  it('redacts Authorization headers and Bearer tokens it was not told about', () => {
    const other = makeApiToken();
    const out = redactSecrets(
      [
        `Authorization: Bearer ${other}`,
        `{"authorization":"Bearer ${other}","accept":"application/json"}`,
        `curl -H 'Proxy-Authorization: Basic dXNlcjpwYXNz' https://x.test`,
        `sent bearer ${other} to the API`,
        `X-Auth-Key: 0123456789abcdef`,
      ],
      [],
    );
    assert.deepEqual(out, [
      `Authorization: ${REDACTED}`,
      `{"authorization":"${REDACTED}","accept":"application/json"}`,
      `curl -H 'Proxy-Authorization: ${REDACTED}' https://x.test`,
      `sent bearer ${REDACTED} to the API`,
      `X-Auth-Key: ${REDACTED}`,
    ]);
  });

  it("redacts cloudflared's tunnel token in argv, in a command line and in the environment", () => {
    const tunnelToken = makeTunnelToken();
    const out = redactSecrets(
      {
        command: ['cloudflared', 'tunnel', 'run', '--token', tunnelToken],
        text: `cloudflared tunnel run --token ${tunnelToken}`,
        equals: `cloudflared tunnel run --token=${tunnelToken}`,
        environment: { TUNNEL_TOKEN: tunnelToken, TUNNEL_TRANSPORT_PROTOCOL: 'quic' },
        envLine: `TUNNEL_TOKEN=${tunnelToken} cloudflared tunnel run`,
      },
      [],
    );
    assert.deepEqual(out, {
      command: ['cloudflared', 'tunnel', 'run', '--token', REDACTED],
      text: `cloudflared tunnel run --token ${REDACTED}`,
      equals: `cloudflared tunnel run --token=${REDACTED}`,
      environment: { TUNNEL_TOKEN: REDACTED, TUNNEL_TRANSPORT_PROTOCOL: 'quic' },
      envLine: `TUNNEL_TOKEN=${REDACTED} cloudflared tunnel run`,
    });
  });

  it('keeps shell variable references: remediation commands name the token without holding it', () => {
    const command = `curl -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" -H 'Authorization: Bearer \${CF_TOKEN}' --token $TUNNEL_TOKEN TUNNEL_TOKEN=$T`;
    assert.equal(redactSecrets(command, []), command);
  });

  it("keeps the report's own fields that merely mention tokens, and ignores blank secrets", () => {
    const inputs = { cloudflareApiToken: 'provided', note: 'token expired; Authorization header missing' };
    assert.deepEqual(redactSecrets(inputs, ['', '   ']), inputs);
  });

  it('is idempotent and does not touch its input', () => {
    const input = { a: [`Authorization: Bearer ${token}`, token] };
    const snapshot = structuredClone(input);
    const once = redactSecrets(input, [token]);
    assert.deepEqual(redactSecrets(once, [token]), once);
    assert.deepEqual(input, snapshot);
  });

  it('cuts cycles and absurd nesting off instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { name: token };
    cyclic.self = cyclic;
    assert.deepEqual(redactSecrets(cyclic, [token]), { name: REDACTED, self: '[circular]' });

    let deep: unknown = token;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const out = JSON.stringify(redactSecrets(deep, [token]));
    assert.ok(!out.includes(token));
    assert.ok(out.includes('[too deeply nested]'));
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    assert.equal(redactSecrets('abc-123456-xyz', ['123456', 'abc-123456-xyz']), REDACTED);
  });

  it('touches only the secret: the recorded argv token is redacted everywhere, our sentences around --token stay as written (2023.7.3 recordings)', () => {
    const manifest = JSON.parse(recording('manifest.json')) as { fake_token: string; recordings: Array<{ name: string; argv: string[] }> };
    const token = manifest.fake_token;
    const argv = manifest.recordings.find((r) => r.name === 'http2-config')!.argv;
    assert.ok(argv.includes(token));
    const said = msg('gather.config.none', { paths: ['/etc/cloudflared/config.yml', '/root/.cloudflared/config.yml'] });
    const sentences = [
      renderMessage(said, 'en'),
      renderMessage(said, 'ja'),
      'Start it as a tunnel run with --token Needs no config file.',
      'cloudflared tunnel run --token TOKEN',
    ];
    const report = {
      connectors: [{ command: argv, environment: [`TUNNEL_TOKEN=${token}`, 'HOME=/root'] }],
      findings: sentences.map((summary) => ({ summary })),
      // Where no flag stands before it: a pasted pod spec's env value, a quoted log line.
      evidence: [`        value: ${token}`, `{"level":"info","token":"${token}"}`, `Settings: map[token:*****]`],
    };
    const out = redactSecrets(report, []);
    assert.ok(!JSON.stringify(out).includes(token.slice(0, 24)), JSON.stringify(out));
    assert.deepEqual(out.findings.map((f) => f.summary), sentences);
    assert.equal(out.connectors[0]!.command[argv.indexOf('--token') + 1], REDACTED);
    assert.deepEqual(out.connectors[0]!.command.filter((arg) => arg !== REDACTED), argv.filter((arg) => arg !== token));
    assert.deepEqual(out.evidence, [`        value: ${REDACTED}`, `{"level":"info","token":"${REDACTED}"}`, `Settings: map[token:*****]`]);
    // A token-like value after --token in text is still redacted with no argv to learn it from.
    assert.equal(redactSecrets(`cloudflared tunnel run --token ${token}`, []), `cloudflared tunnel run --token ${REDACTED}`);
  });
});
