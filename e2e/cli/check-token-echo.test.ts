// The API token never comes out, whole or in part, however a server echoes it. A real HTTP
// server on 127.0.0.1 plays the Cloudflare API (CLOUDFLARE_API_BASE) and answers 403 with an
// error message where the token straddles the 300th character (where messages are cut), and
// one with it whole, in one of many encodings (percent-escaped, JSON-escaped, hex, base64 of `Bearer TOKEN` at any
// alignment, split across lines, a 13-character piece…); the cloudflared log the run reads
// carries the same echo. Every output path is searched for any 12-character piece of the token
// in any of those encodings: stdout (human and --json), stderr (progress and errors), and the
// JSON, HTML and Markdown reports. Runs the built CLI on this host without a target (no probe).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliMissingReason, runCli } from '../../test-support/cli/run-cli';
import { startLoopbackServer, type LoopbackServer, type Route } from '../../test-support/cloudflared/loopback-server';
import { ECHOES, secretTrace } from '../../test-support/report/token-echoes';

/** Shaped like a Cloudflare API token (40 URL-safe characters). */
const TOKEN = 'Zt9Q4mX2vB7nK1pL8sR3wY6cH0dF5gJ2aE4uT7iO';

/** One account per echo, so one server answers them all. */
function accountFor(index: number): string {
  return (index + 1).toString(16).padStart(32, 'a');
}

/** Two errors: one with the echo whole, one where it straddles the 300th character, where messages are cut. */
function echoingAnswer(echoed: string): Route {
  const straddling = `${'Authentication error: the token may not read this account. '.repeat(5).slice(0, 280)}${echoed}`;
  // The straddling one first: a header-shaped echo before it would have the rest of the line redacted by shape.
  const errors = [
    { code: 10001, message: straddling },
    { code: 10000, message: `Authentication error: the token may not read this account; it sent ${echoed}` },
  ];
  return { status: 403, body: JSON.stringify({ success: false, errors, messages: [], result: null }) };
}

describe('the API token leaves no trace in any output, however a server echoes it', { skip: cliMissingReason() ?? false, concurrency: 4 }, () => {
  let server: LoopbackServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-token-echo-'));
    const routes: Record<string, Route> = {};
    ECHOES.forEach((echo, index) => {
      routes[`/client/v4/accounts/${accountFor(index)}/zerotrust/connectivity_settings`] = echoingAnswer(echo.text(TOKEN));
    });
    server = await startLoopbackServer(routes);
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  ECHOES.forEach((echo, index) => {
    it(`echoed ${echo.name}: stdout, stderr and the JSON, HTML and Markdown reports hold none of it`, async () => {
      const log = join(dir, `cloudflared-${index}.log`);
      writeFileSync(log, `2024-10-13T09:39:24Z ERR request failed ${echo.text(TOKEN)} error="Group ID 0 is not between ping group 1 to 0"\n`);
      const env = { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE: `${server.url}/client/v4` };
      const base = ['check', '--cloudflare-account', accountFor(index), '--cloudflared-log', log];
      const runs = await Promise.all(
        (['json', 'html', 'md'] as const).map(async (format) => {
          const report = join(dir, `report-${index}.${format}`);
          const run = await runCli([...base, '--report', report, ...(format === 'json' ? ['--json'] : [])], { env, timeoutMs: 60_000 });
          return { format, run, report: readFileSync(report, 'utf8') };
        }),
      );
      for (const { format, run, report } of runs) {
        assert.ok(run.code === 0 || run.code === 1, `${format}: exit ${run.code}: ${run.stderr}`);
        for (const [what, text] of [['stdout', run.stdout], ['stderr', run.stderr], [`the ${format} report`, report]] as const) {
          const trace = secretTrace(text, TOKEN);
          assert.equal(trace, null, `${what} (--report .${format}) holds the token: ${trace}`);
        }
      }
      // The server was asked, and what it said was passed on (redacted), so there was something to search.
      const json = runs.find((r) => r.format === 'json')!;
      assert.match(json.run.stdout, /Authentication error: the token may not read this account/);
    });
  });
});
