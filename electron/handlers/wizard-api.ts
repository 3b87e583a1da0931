// The one table of main-process operations behind the wizard (contract/api.ts). The CLI
// calls it directly; Electron's IPC and the browser test harness call it through the
// preload bridge. It holds the Cloudflare API token, which never leaves this module.

import { readFile, stat } from 'node:fs/promises';
import type { ImportedItem, ImportRequest, WizardApi } from '../../contract/api';
import type { GatherFailureCode } from '../../contract/evidence';
import { cloudflareApiBase, gatherCloudflareApi } from '../core/evidence/cloudflare-api/index';
import { gatherCloudflared, importCloudflaredLogFile, parseCloudflaredLog } from '../core/evidence/cloudflared/index';
import { cloudflaredOptions } from './cloudflared-options';
import { gatherConnectors } from '../core/evidence/connectors/index';
import {
  parseCalicoPolicies,
  parseConnectorReport,
  parseIptablesSave,
  parseNftRuleset,
  parseIdOutput,
  parsePodSpecs,
  parseSysctlOutput,
  parseTwingateHelmValues,
  parseTwingateLog,
  parseFirezoneLog,
  parseFirezoneResources,
} from '../core/evidence/imports/index';
import type { Message } from '../../contract/message';
import { msg } from '../../renderer/i18n/messages/message';
import { errnoOf, notGathered, refusal } from '../core/evidence/gathered';
import type { Refusal } from '../core/evidence/gathered';
import { gatherLocal } from '../core/evidence/local/index';
import { gatherRoute } from '../core/evidence/route/index';
import { probeHandlers } from '../core/evidence/probes/index';
import { writeReport } from '../report/index';

/** Imported text files larger than this are refused before reading (logs are streamed instead). */
const MAX_IMPORT_FILE_BYTES = 16 * 1024 * 1024;

export interface WizardApiOptions {
  /** Where CLOUDFLARE_API_TOKEN and CLOUDFLARE_API_BASE come from (the CLI: process.env). */
  environment?: NodeJS.ProcessEnv;
}

/** Reads an imported file as text, refusing what is not a bounded regular file. */
async function readImportFile(path: string): Promise<{ ok: true; text: string } | Refusal> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return refusal('UNPARSEABLE', msg('gather.import-file.not-file', { path }));
    if (info.size > MAX_IMPORT_FILE_BYTES) {
      return refusal('UNPARSEABLE', msg('gather.import-file.too-large', { path, size: info.size, max: MAX_IMPORT_FILE_BYTES }));
    }
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT') return refusal('NOT_FOUND', msg('gather.import-file.missing', { path }));
    if (code === 'EACCES' || code === 'EPERM') return refusal('PERMISSION_DENIED', msg('gather.import-file.denied', { path }));
    return refusal('FAILED', msg('gather.import-file.failed', { path, detail: (error as Error).message }));
  }
}

/** Parses text of `kind`, naming it `source` in the evidence. */
function parseImport(kind: ImportRequest['kind'], text: string, source: string | Message): ImportedItem {
  switch (kind) {
    case 'cloudflared-log':
      return { kind, value: parseCloudflaredLog(text, source) };
    case 'sysctl':
      return { kind, value: parseSysctlOutput(text, source) };
    case 'id':
      return { kind, value: parseIdOutput(text, source) };
    case 'pod-spec':
      return { kind, value: parsePodSpecs(text, source) };
    case 'helm-values':
      return { kind, value: parseTwingateHelmValues(text, source) };
    case 'calico-policy':
      return { kind, value: parseCalicoPolicies(text, source) };
    case 'connector-report':
      return { kind, value: parseConnectorReport(text, source) };
    case 'nft-ruleset':
      return { kind, value: parseNftRuleset(text, source) };
    case 'iptables-save':
      return { kind, value: parseIptablesSave(text, source) };
    case 'twingate-log':
      return { kind, value: parseTwingateLog(text, source) };
    case 'firezone-log':
      return { kind, value: parseFirezoneLog(text, source) };
    case 'firezone-resource':
      return { kind, value: parseFirezoneResources(text, source) };
  }
}

/** An import that could not even be read, as the item of its kind. */
function unreadable(kind: ImportRequest['kind'], code: GatherFailureCode, message: Message, source: string | Message): ImportedItem {
  if (kind === 'pod-spec') return { kind, value: [notGathered(code, message, source)] };
  return { kind, value: notGathered(code, message, source) } as ImportedItem;
}

export function createWizardApi(options: WizardApiOptions = {}): WizardApi {
  const environment = options.environment ?? {};
  let token: string | null = environment.CLOUDFLARE_API_TOKEN?.trim() || null;

  return {
    async setCloudflareApiToken(value) {
      token = value?.trim() || null;
    },
    gatherLocal: () => gatherLocal(),
    gatherConnectors: () => gatherConnectors(),
    gatherRoute: (request, callOptions) => gatherRoute(request, callOptions?.signal ? { signal: callOptions.signal } : {}),
    gatherCloudflared: (request, callOptions) => gatherCloudflared(request, cloudflaredOptions(request, callOptions?.signal)),
    async gatherCloudflareApi({ accountId }, callOptions) {
      const base = cloudflareApiBase(environment);
      if (!token) {
        return notGathered('NOT_APPLICABLE', msg('gather.cf.no-token-app'), base);
      }
      return gatherCloudflareApi(accountId, token, base, callOptions?.signal ? { signal: callOptions.signal } : {});
    },
    ...probeHandlers,
    async importEvidence(request, callOptions) {
      const source: string | Message = request.label.trim() || request.path || msg('source.pasted-text');
      if (request.text !== null) return parseImport(request.kind, request.text, source);
      if (request.path === null) return unreadable(request.kind, 'NOT_FOUND', msg('gather.import-file.nothing'), source);
      if (request.kind === 'cloudflared-log') {
        return { kind: 'cloudflared-log', value: await importCloudflaredLogFile(request.path, callOptions?.signal) };
      }
      const read = await readImportFile(request.path);
      if (!read.ok) return unreadable(request.kind, read.code, read.reason, source);
      return parseImport(request.kind, read.text, source);
    },
    writeReport: (request) => writeReport(request, { secrets: token ? [token] : [] }),
  };
}
