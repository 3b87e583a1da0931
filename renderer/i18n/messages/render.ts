// Turns messages into words in one language. Used at the edges only: the app's screens, the
// CLI's output and the reports. A key this build does not know (a report made by another
// version) falls back to the text that came with it, so nothing is lost.

import type { Finding, FindingEvidence, Remediation } from '../../../contract/findings';
import type { Message, MessageParam } from '../../../contract/message';
import { MESSAGE_CATALOGUES, type MessageCatalogue } from './catalogue';
import type { Locale } from './locale';
import { isMessage } from './message';

type RenderedParam = string | number | boolean | null | readonly (string | number)[];

function renderParam(value: MessageParam, locale: Locale): RenderedParam {
  if (Array.isArray(value)) return value.map((item: string | number | Message) => (isMessage(item) ? renderMessage(item, locale) : item));
  if (isMessage(value)) return renderMessage(value, locale);
  return value as RenderedParam;
}

function knows(catalogue: MessageCatalogue, key: string): key is keyof MessageCatalogue {
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}

/** The message in `locale`; `fallback` (or the key) when the catalogue does not know it. */
export function renderMessage(message: Message, locale: Locale, fallback?: string): string {
  const catalogue = MESSAGE_CATALOGUES[locale];
  if (!isMessage(message) || !knows(catalogue, message.key)) return fallback ?? String((message as { key?: unknown })?.key ?? '');
  const params: Record<string, RenderedParam> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) params[name] = renderParam(value, locale);
  try {
    return (catalogue[message.key] as (p: Record<string, RenderedParam>) => string)(params);
  } catch {
    // Parameters of the wrong shape (a hand-edited import): the text that came with it.
    return fallback ?? message.key;
  }
}

function localizeEvidence(item: FindingEvidence, locale: Locale): FindingEvidence {
  const source = item.sourceMessage ? renderMessage(item.sourceMessage, locale, item.source) : item.source;
  const detail = item.message ? renderMessage(item.message, locale, item.detail) : item.detail;
  return { ...item, source, detail };
}

function localizeRemediation(fix: Remediation, locale: Locale): Remediation {
  return {
    ...fix,
    title: fix.titleMessage ? renderMessage(fix.titleMessage, locale, fix.title) : fix.title,
    text: fix.textMessage ? renderMessage(fix.textMessage, locale, fix.text) : fix.text,
  };
}

/** The finding with every text field said in `locale`; ids, keys, commands and data unchanged. */
export function localizeFinding(finding: Finding, locale: Locale): Finding {
  return {
    ...finding,
    title: renderMessage({ key: `finding.title.${finding.id}` }, locale, finding.title),
    summary: finding.reason ? renderMessage(finding.reason, locale, finding.summary) : finding.summary,
    evidence: finding.evidence.map((item) => localizeEvidence(item, locale)),
    remediation: finding.remediation.map((fix) => localizeRemediation(fix, locale)),
  };
}

export function localizeFindings(findings: readonly Finding[], locale: Locale): Finding[] {
  return findings.map((finding) => localizeFinding(finding, locale));
}
