import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecretEchoes } from './secret-echoes';
import { makeApiToken } from '../../test-support/report/sample-report';
import { ECHOES, secretTrace } from '../../test-support/report/token-echoes';

const MARK = '[x]';

describe('redactSecretEchoes', () => {
  // Two shapes: Cloudflare's 40 URL-safe characters, and one with characters that encodings change.
  const secrets = ['Zt9Q4mX2vB7nK1pL8sR3wY6cH0dF5gJ2aE4uT7iO', `${makeApiToken()}+/=~.`];

  for (const secret of secrets) {
    for (const echo of ECHOES) {
      it(`removes every trace of a ${secret.length}-character secret echoed ${echo.name}`, () => {
        const text = `before ${echo.text(secret)} after`;
        assert.notEqual(secretTrace(text, secret), null, 'the test echo carries the secret');
        const out = redactSecretEchoes(text, [secret], MARK);
        assert.equal(secretTrace(out, secret), null, out);
        assert.ok(out.startsWith('before ') && out.endsWith(' after'), `the words around it stay: ${out}`);
        assert.ok(out.includes(MARK));
      });
    }
  }

  it('leaves text without the secret alone, including other tokens, hex ids and base64', () => {
    const secret = secrets[0]!;
    const text = `account 699d98642c564d2e855e9661899b7252 token ${makeApiToken()} ${Buffer.from('hello world, nothing here').toString('base64')}\r\n%41%42`;
    assert.equal(redactSecretEchoes(text, [secret], MARK), text);
  });

  it('keeps short runs (under 12 characters) that are likely chance', () => {
    const secret = secrets[0]!;
    const text = `id ${secret.slice(0, 11)} end`;
    assert.equal(redactSecretEchoes(text, [secret], MARK), text);
  });

  it('matches short secrets whole only, and ignores blank ones', () => {
    assert.equal(redactSecretEchoes('pw=hunter2; hunter', ['hunter2', ' ', ''], MARK), `pw=${MARK}; hunter`);
    assert.equal(redactSecretEchoes('nothing', [' '], MARK), 'nothing');
  });

  it('copes with astral characters and lone surrogates around an echo', () => {
    const secret = secrets[0]!;
    const out = redactSecretEchoes(`😀\ud800${secret}😀`, [secret], MARK);
    assert.equal(out, `😀\ud800${MARK}😀`);
  });
});
