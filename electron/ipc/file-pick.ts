// The pure half of "pick an evidence file": the open dialog's title and filters for each
// kind of evidence, and the PickedFile the renderer gets back.

import { basename } from 'node:path';
import type { PickedFile } from '../../contract/bridge';
import type { ImportKind } from '../../contract/evidence';
import type { FileFilter } from './report-save';

const ANY_FILE: FileFilter = { name: 'All files', extensions: ['*'] };
const TEXT: FileFilter = { name: 'Text', extensions: ['txt', 'log', 'out'] };
const YAML_OR_JSON: FileFilter = { name: 'YAML or JSON', extensions: ['yaml', 'yml', 'json'] };

const DIALOGS: Readonly<Record<ImportKind, { title: string; filters: FileFilter[] }>> = {
  'cloudflared-log': { title: 'Open a cloudflared log', filters: [{ name: 'Logs', extensions: ['log', 'txt', 'json', 'jsonl'] }, ANY_FILE] },
  sysctl: { title: 'Open saved sysctl output', filters: [TEXT, ANY_FILE] },
  id: { title: 'Open saved `id` output', filters: [TEXT, ANY_FILE] },
  'pod-spec': { title: 'Open a Kubernetes manifest', filters: [YAML_OR_JSON, ANY_FILE] },
  'helm-values': { title: 'Open Twingate Helm values', filters: [{ name: 'YAML', extensions: ['yaml', 'yml'] }, ANY_FILE] },
  'calico-policy': { title: 'Open Calico or Kubernetes network policies', filters: [YAML_OR_JSON, ANY_FILE] },
  'connector-report': { title: 'Open a connector report (JSON)', filters: [{ name: 'ICMP Doctor report', extensions: ['json'] }, ANY_FILE] },
  'nft-ruleset': { title: 'Open saved `nft -a list ruleset` output', filters: [TEXT, { name: 'nftables', extensions: ['nft', 'conf'] }, ANY_FILE] },
  'iptables-save': { title: 'Open saved iptables-save output', filters: [TEXT, { name: 'iptables rules', extensions: ['rules', 'v4', 'v6'] }, ANY_FILE] },
  'twingate-log': { title: 'Open a Twingate connector log', filters: [TEXT, ANY_FILE] },
  'firezone-log': { title: 'Open a Firezone gateway log', filters: [TEXT, { name: 'JSON lines', extensions: ['json', 'jsonl'] }, ANY_FILE] },
  'firezone-resource': { title: 'Open a Firezone resource (API JSON)', filters: [YAML_OR_JSON, ANY_FILE] },
};

/** The open dialog for evidence of `kind`: one existing file. */
export function openDialogOptions(kind: ImportKind): { title: string; filters: FileFilter[]; properties: Array<'openFile'> } {
  const dialog = DIALOGS[kind];
  return { title: dialog.title, filters: dialog.filters.map((filter) => ({ ...filter, extensions: [...filter.extensions] })), properties: ['openFile'] };
}

/** What the dialog's answer means for the renderer: the file, or null when the user cancelled. */
export function pickedFile(answer: { canceled: boolean; filePaths: string[] }): PickedFile | null {
  const path = answer.filePaths[0];
  if (answer.canceled || path === undefined) return null;
  return { path, name: basename(path) };
}
