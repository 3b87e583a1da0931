// What the imported Firezone gateway logs say about the gateway's version, for
// icmp-error-transparency: a gateway older than 1.4.2 drops ICMP errors for DNS resources, a
// newer one does not. Every log is cited; when they name different versions, both are shown.

import type { Evidence } from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { atLine, cite, citeFailure } from './cite';
import { FIREZONE_ERROR_TRANSLATION_VERSION, gatewayTranslatesErrors } from './firezone';

export interface GatewayVersionVerdict {
  /** null: no log names a version. */
  note: Message | null;
  /** Some gateway predates the translation: the upgrade fix applies. */
  predates: boolean;
  /** Every known gateway has the translation: do not blame the gateway. */
  hasFix: boolean;
  /** The distinct versions the logs name. */
  versions: string[];
  evidence: FindingEvidence[];
}

export function firezoneGatewayVersion(evidence: Evidence): GatewayVersionVerdict {
  const cited: FindingEvidence[] = [];
  const versions: string[] = [];
  for (const log of evidence.imported.firezoneLogs ?? []) {
    if (!log.ok) {
      cited.push(citeFailure(log));
      continue;
    }
    const version = log.value.version;
    if (!version) {
      cited.push(cite(log, msg('firezone.gateway.evidence.no-version')));
      continue;
    }
    versions.push(version.value);
    // The gateway's own line, quoted as it is.
    cited.push(cite(atLine(log, version.quoted.line), version.quoted.text));
  }
  const distinct = [...new Set(versions)];
  const fixed = FIREZONE_ERROR_TRANSLATION_VERSION;
  const old = distinct.filter((v) => !gatewayTranslatesErrors(v));
  const [only] = distinct;
  if (distinct.length === 0 || only === undefined) return { note: null, predates: false, hasFix: false, versions: [], evidence: cited };
  if (old.length === 0) return { note: msg('firezone.gateway.has-fix', { version: distinct.join(', '), fixed }), predates: false, hasFix: true, versions: distinct, evidence: cited };
  if (distinct.length > 1) return { note: msg('firezone.gateway.versions-disagree', { versions: distinct, fixed }), predates: true, hasFix: false, versions: distinct, evidence: cited };
  return { note: msg('firezone.gateway.predates', { version: only, fixed }), predates: true, hasFix: false, versions: distinct, evidence: cited };
}
