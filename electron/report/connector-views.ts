// What every rendering shows of each connector process's own verdict (report.connectors, issue
// 9): who it is (pid, executable, user and groups, config), its causes in the order to fix
// them, each with its fixes, and the command that re-tests it alone. Reports read back from a
// file may be hand-edited or come from before `connectors` existed, so an entry is shown only
// when its fields are what they claim to be; an old report simply has none.

import type { ConnectorRef, ConnectorVerdict, Finding, FindingId, Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { causesOf, fixesOfCauses, retestCommand } from '../../renderer/wizard/causes/index';
import { say } from './say';

export interface ConnectorView {
  /** "cloudflared pid 100". */
  label: string;
  pid: number;
  executable: string;
  /** "gid 0" (and the egid when it differs): what ping_group_range is checked against. */
  gid: string;
  /** "uid 0, gid 0, egid 0". */
  user: string;
  config: string;
  netns: string | null;
  /** Its causes in fix order, each with the fixes to show (each fix once). */
  causes: Array<{ finding: Finding; fixes: Remediation[] }>;
  /** "1 problem" or "no problem found". */
  verdict: string;
  /** `icmp-doctor check … --pid N`. */
  retest: string;
}

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isFinding = (value: unknown): value is Finding =>
  typeof value === 'object' && value !== null && typeof (value as Finding).id === 'string' && typeof (value as Finding).status === 'string';

/** Whether `value` is a connector verdict this version can show. */
function isVerdict(value: unknown): value is ConnectorVerdict {
  if (typeof value !== 'object' || value === null) return false;
  const { connector, findings } = value as Partial<ConnectorVerdict>;
  return (
    typeof connector === 'object' && connector !== null && typeof connector.kind === 'string' && isInt(connector.pid) && Array.isArray(findings) && findings.every(isFinding)
  );
}

/** The connector a host-wide finding was taken from, as words: "(cloudflared pid 100)"; null when it names none. */
export function whoseFinding(finding: Finding, lang: Locale): string | null {
  const ref: ConnectorRef | undefined = finding.connector;
  if (typeof ref !== 'object' || ref === null || typeof ref.kind !== 'string' || !isInt(ref.pid)) return null;
  return say(lang, 'connector-verdicts.whose', { kind: ref.kind, pid: ref.pid });
}

function text(value: unknown, lang: Locale, otherwise: 'connector-verdicts.unknown-executable' | 'connector-verdicts.no-config'): string {
  return typeof value === 'string' && value !== '' ? value : say(lang, otherwise);
}

/** Each connector's verdict as the renderings show it; empty for a report without (valid) ones. */
export function connectorViews(report: Pick<Report, 'connectors' | 'inputs'>, lang: Locale): ConnectorView[] {
  const listed: unknown = report.connectors;
  if (!Array.isArray(listed)) return [];
  return listed.filter(isVerdict).map((verdict) => {
    const { connector } = verdict;
    const recorded: unknown = verdict.causes;
    const causes = causesOf(verdict.findings, Array.isArray(recorded) ? recorded.filter((id): id is FindingId => typeof id === 'string') : null);
    const gid = isInt(connector.gid) ? connector.gid : -1;
    const egid = isInt(connector.egid) ? connector.egid : gid;
    let retest = '';
    try {
      retest = retestCommand({ ...report.inputs, pid: connector.pid });
    } catch {
      retest = `icmp-doctor check --pid ${connector.pid}`;
    }
    const listedCauses = fixesOfCauses(verdict.findings, causes);
    return {
      label: say(lang, 'connector-verdicts.process', { kind: connector.kind, pid: connector.pid }),
      pid: connector.pid,
      executable: text(connector.executable, lang, 'connector-verdicts.unknown-executable'),
      gid: say(lang, 'connector-verdicts.gid', { gid, egid }),
      user: say(lang, 'connector-verdicts.report.user-value', { uid: isInt(connector.uid) ? connector.uid : -1, gid, egid }),
      config: text(connector.configPath, lang, 'connector-verdicts.no-config'),
      netns: typeof connector.netns === 'string' ? connector.netns : null,
      causes: listedCauses,
      verdict: listedCauses.length > 0 ? say(lang, 'connector-verdicts.count', { count: listedCauses.length }) : say(lang, 'connector-verdicts.healthy'),
      retest,
    };
  });
}
