import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfigPaths, readCloudflaredConfig } from './config-file';
import { findCloudflaredConfig } from './find-config';

const NAMED_CONFIG = `tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef
credentials-file: /root/.cloudflared/6ff42ae2-765d-4adf-8112-31c55c1551ef.json
protocol: http2
metrics: localhost:2000
logfile: /var/log/cloudflared.log
warp-routing:
  enabled: true
ingress:
  - hostname: app.example.com
    service: http://localhost:8000
  - service: http_status:404
`;

describe('cloudflared config.yml', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-cf-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('reads protocol, tunnel, metrics, logfile and warp-routing', async () => {
    const path = write('config.yml', NAMED_CONFIG);
    const outcome = await readCloudflaredConfig(path);
    assert.deepEqual(outcome, {
      ok: true,
      config: {
        path,
        protocol: { raw: 'http2', value: 'http2' },
        protocolLine: { value: 'http2', line: 3 },
        tunnel: '6ff42ae2-765d-4adf-8112-31c55c1551ef',
        metrics: 'localhost:2000',
        logFile: '/var/log/cloudflared.log',
        logDirectory: null,
        quickTunnelKeys: false,
        warpRouting: true,
      },
    });
  });

  it('keeps a protocol cloudflared does not know, without a value', async () => {
    const outcome = await readCloudflaredConfig(write('h2mux.yml', 'protocol: h2mux\nurl: http://localhost:8080\n'));
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.config.protocol, { raw: 'h2mux', value: null });
    assert.equal(outcome.config.quickTunnelKeys, true);
  });

  it('reads an empty file as a config with nothing set', async () => {
    const outcome = await readCloudflaredConfig(write('empty.yml', ''));
    assert.ok(outcome.ok);
    assert.equal(outcome.config.protocol, null);
  });

  it('says what is wrong with broken YAML, a list, an alias bomb and a huge file', async () => {
    const broken = await readCloudflaredConfig(write('broken.yml', 'tunnel: [abc\nprotocol: : quic\n'));
    assert.equal(broken.ok ? null : broken.code, 'UNPARSEABLE');
    if (!broken.ok) assert.match(broken.message, /is not valid YAML: .* at line \d+, column \d+/);

    const list = await readCloudflaredConfig(write('list.yml', '- protocol: quic\n'));
    assert.deepEqual(list.ok ? null : [list.code, list.message], ['UNPARSEABLE', `cloudflared config ${join(dir, 'list.yml')} is YAML but not a mapping of settings (it is a list).`]);
    assert.deepEqual(list.ok ? null : list.reason, { key: 'gather.config.not-mapping', params: { path: join(dir, 'list.yml'), type: 'list' } });

    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const bomb = await readCloudflaredConfig(write('bomb.yml', `${laughs.join('\n')}\nprotocol: quic\n`));
    assert.equal(bomb.ok ? null : bomb.code, 'UNPARSEABLE');
    if (!bomb.ok) assert.match(bomb.message, /resource exhaustion/);

    const huge = await readCloudflaredConfig(write('huge.yml', `# ${'x'.repeat(2 * 1024 * 1024)}\nprotocol: quic\n`));
    assert.equal(huge.ok ? null : huge.code, 'UNPARSEABLE');
  });

  it("searches cloudflared's default locations in cloudflared's order", async () => {
    assert.deepEqual(defaultConfigPaths('/home/ops'), [
      '/home/ops/.cloudflared/config.yml',
      '/home/ops/.cloudflared/config.yaml',
      '/home/ops/.cloudflare-warp/config.yml',
      '/home/ops/.cloudflare-warp/config.yaml',
      '/home/ops/cloudflare-warp/config.yml',
      '/home/ops/cloudflare-warp/config.yaml',
      '/etc/cloudflared/config.yml',
      '/etc/cloudflared/config.yaml',
      '/usr/local/etc/cloudflared/config.yml',
      '/usr/local/etc/cloudflared/config.yaml',
    ]);
    mkdirSync(join(dir, 'home', '.cloudflared'), { recursive: true });
    mkdirSync(join(dir, 'etc', 'cloudflared'), { recursive: true });
    writeFileSync(join(dir, 'home', '.cloudflared', 'config.yaml'), 'protocol: quic\n');
    writeFileSync(join(dir, 'etc', 'cloudflared', 'config.yml'), 'protocol: http2\n');
    const search = await findCloudflaredConfig([], null, [
      join(dir, 'home', '.cloudflared', 'config.yml'),
      join(dir, 'home', '.cloudflared', 'config.yaml'),
      join(dir, 'etc', 'cloudflared', 'config.yml'),
    ]);
    assert.equal(search.config?.path, join(dir, 'home', '.cloudflared', 'config.yaml'));
    assert.equal(search.config?.protocol?.value, 'quic');
  });

  it('says where it looked when there is no config anywhere', async () => {
    const search = await findCloudflaredConfig([], null, [join(dir, 'none', 'config.yml')]);
    assert.equal(search.config, null);
    assert.deepEqual(search.problems.map((p) => p.code), ['NOT_FOUND']);
    assert.match(search.problems[0]?.message ?? '', /none of .*none\/config\.yml exists/);
  });
});
