import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Output } from './output';
import { secretTrace } from '../../test-support/report/token-echoes';
import { safeOutput, secretsFrom } from './safe-output';

function recording(): { output: Output; out: string[]; error: string[] } {
  const out: string[] = [];
  const error: string[] = [];
  return { out, error, output: { out: (t) => out.push(t), error: (t) => error.push(t), stdoutClosed: false, onStdoutClosed: () => undefined } };
}

describe('safeOutput', () => {
  const token = 'Zt9Q4mX2vB7nK1pL8sR3wY6cH0dF5gJ2aE4uT7iO';

  it('redacts the token (whole, encoded, in part) and makes control characters inert on both streams', () => {
    const { output, out, error } = recording();
    const safe = safeOutput(output, [token]);
    safe.out(`a ${token} \u001b[2J\n`);
    safe.error(`b ${Buffer.from(`Bearer ${token}`).toString('base64')} ${token.slice(5, 25)}\u009b\n`);
    assert.deepEqual(out, ['a [redacted] \u241b[2J\n']);
    // The base64's edge groups mix the token's first and last bytes with their neighbours: no 12 characters of it.
    assert.match(error[0]!, /^b \S*\[redacted\]\S* \[redacted\]\\u009b\n$/);
    assert.equal(secretTrace(error[0]!, token), null);
  });

  it('keeps a JSON line parseable', () => {
    const { output, out } = recording();
    safeOutput(output, [token]).out(`${JSON.stringify({ message: `x ${token} \u007f` })}\n`);
    assert.deepEqual(JSON.parse(out[0]!), { message: 'x [redacted] \u007f' });
  });

  it('takes the secrets from CLOUDFLARE_API_TOKEN, trimmed; none when blank', () => {
    assert.deepEqual(secretsFrom({ CLOUDFLARE_API_TOKEN: ` ${token}\n` }), [token]);
    assert.deepEqual(secretsFrom({ CLOUDFLARE_API_TOKEN: '  ' }), []);
    assert.deepEqual(secretsFrom({}), []);
  });
});
