// cloudflared's config.yml: where cloudflared looks for it when --config is not given
// (config/configuration.go: config.yml or config.yaml in ~/.cloudflared, ~/.cloudflare-warp,
// ~/cloudflare-warp, /etc/cloudflared, /usr/local/etc/cloudflared — the first that exists)
// and the keys that matter here. Every command-line flag can also be a key (urfave/cli
// altsrc), so `protocol:`, `metrics:`, `logfile:` and `url:` are the flags' own names.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import { CONFIG_MAX_BYTES } from './limits';
import { fileAccessFailure, type FileFailure } from './file-access';
import { parseTransportSetting, type TransportSetting } from './transport-setting';

const USER_CONFIG_DIRS = ['.cloudflared', '.cloudflare-warp', 'cloudflare-warp'];
const SYSTEM_CONFIG_DIRS = ['/etc/cloudflared', '/usr/local/etc/cloudflared'];
const CONFIG_FILES = ['config.yml', 'config.yaml'];
/** YAML aliases beyond this are an expansion bomb, not a config. */
const MAX_ALIASES = 100;

export interface CloudflaredConfig {
  path: string;
  protocol: { raw: string; value: TransportSetting | null } | null;
  /** The top-level `protocol:` key as the file spells it and its 1-based line: a fix replaces that line. */
  protocolLine: { value: string; line: number } | null;
  /** The named tunnel (UUID or name) this config runs. */
  tunnel: string | null;
  metrics: string | null;
  logFile: string | null;
  logDirectory: string | null;
  /** `url:` or `hello-world:` — with no named tunnel, `cloudflared tunnel` starts a quick tunnel. */
  quickTunnelKeys: boolean;
  /** warp-routing.enabled (older, locally managed tunnels; the dashboard decides for remotely managed ones). */
  warpRouting: boolean | null;
}

export type ConfigOutcome = { ok: true; config: CloudflaredConfig } | FileFailure;

/** cloudflared's own search order; `home` replaces `~`. */
export function defaultConfigPaths(home: string | null): string[] {
  const dirs = [...(home ? USER_CONFIG_DIRS.map((dir) => join(home, dir)) : []), ...SYSTEM_CONFIG_DIRS];
  return dirs.flatMap((dir) => CONFIG_FILES.map((file) => join(dir, file)));
}

function stringKey(map: Record<string, unknown>, key: string): string | null {
  const value = map[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function unparseable(why: Message): FileFailure {
  return refusal('UNPARSEABLE', why);
}

/** Where the top-level `protocol:` key is (its line), so a fix can replace it instead of adding a second one. */
function protocolKeyLine(contents: unknown, lineCounter: LineCounter): CloudflaredConfig['protocolLine'] {
  if (!isMap(contents)) return null;
  for (const pair of contents.items) {
    if (!isScalar(pair.key) || pair.key.value !== 'protocol' || !pair.key.range) continue;
    const value = isScalar(pair.value) ? String(pair.value.value) : '';
    return { value, line: lineCounter.linePos(pair.key.range[0]).line };
  }
  return null;
}

export async function readCloudflaredConfig(path: string): Promise<ConfigOutcome> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return unparseable(msg('gather.config.not-file', { path }));
    if (info.size > CONFIG_MAX_BYTES) return unparseable(msg('gather.config.too-large', { path, size: info.size }));
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fileAccessFailure(error, path, 'config');
  }

  let data: unknown;
  let protocolLine: CloudflaredConfig['protocolLine'] = null;
  try {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { prettyErrors: true, lineCounter });
    const first = document.errors[0];
    if (first) return unparseable(msg('gather.config.invalid-yaml', { path, problem: first.message.split('\n')[0] ?? '' }));
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
    protocolLine = protocolKeyLine(document.contents, lineCounter);
  } catch (error) {
    // toJS throws on alias bombs ("Excessive alias count …") and the like.
    return unparseable(msg('gather.config.unreadable-yaml', { path, detail: error instanceof Error ? error.message : String(error) }));
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return unparseable(msg('gather.config.not-mapping', { path, type: Array.isArray(data) ? 'list' : typeof data }));
  }
  const map = data as Record<string, unknown>;
  const protocol = stringKey(map, 'protocol');
  const warp = map['warp-routing'];
  const warpEnabled = typeof warp === 'object' && warp !== null ? (warp as Record<string, unknown>)['enabled'] : undefined;
  return {
    ok: true,
    config: {
      path,
      protocol: protocol !== null ? { raw: protocol, value: parseTransportSetting(protocol) } : null,
      protocolLine: protocol !== null ? protocolLine : null,
      tunnel: stringKey(map, 'tunnel'),
      metrics: stringKey(map, 'metrics'),
      logFile: stringKey(map, 'logfile'),
      logDirectory: stringKey(map, 'log-directory'),
      quickTunnelKeys: 'url' in map || 'hello-world' in map,
      warpRouting: typeof warpEnabled === 'boolean' ? warpEnabled : null,
    },
  };
}
