// Which syntax a fix is written in, for code-block language hints (Markdown fences, HTML
// classes): people paste these, so the highlighting should match what the text is.

import type { Remediation } from '../../contract/findings';

export type SnippetLanguage = 'sh' | 'yaml' | 'ini' | 'json' | 'text';

/** Files by where they go: sysctl.d drop-ins are `key = value` lines, which ini renders well. */
function fileLanguage(path: string | undefined): SnippetLanguage {
  const lower = (path ?? '').toLowerCase();
  if (/(^|\/)sysctl\.d\/[^/]*$/.test(lower) || lower.endsWith('/sysctl.conf') || lower.endsWith('.conf') || lower.endsWith('.ini')) return 'ini';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.sh')) return 'sh';
  return 'text';
}

export function remediationLanguage(remediation: Pick<Remediation, 'kind' | 'path'>): SnippetLanguage {
  switch (remediation.kind) {
    case 'command':
      return 'sh';
    case 'yaml':
      return 'yaml';
    case 'file':
      return fileLanguage(remediation.path);
    default:
      return 'text';
  }
}
