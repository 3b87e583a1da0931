// Status shown as text with a shape beside it, and colour only as a third cue: every status
// reads the same in greyscale and to a screen reader.

import type { FindingStatus } from '../../contract/findings';
import type { ProbeStatus } from '../../native/index';
import { useT } from '../app/stores';
import type { StepStatus } from '../wizard/store';

const FINDING_ICONS: Readonly<Record<FindingStatus, string>> = { pass: '✓', fail: '✕', warn: '!', skip: '–', unknown: '?' };
const STEP_ICONS: Readonly<Record<StepStatus, string>> = { pending: '·', running: '◌', done: '✓', unavailable: '?', skipped: '–', failed: '✕', cancelled: '■' };
const STEP_TONES: Readonly<Record<StepStatus, string>> = { pending: 'neutral', running: 'active', done: 'pass', unavailable: 'unknown', skipped: 'neutral', failed: 'fail', cancelled: 'warn' };
const PROBE_ICONS: Readonly<Record<ProbeStatus, string>> = { reply: '✓', timeout: '✕', 'icmp-error': '▲', 'local-error': '■' };
const PROBE_TONES: Readonly<Record<ProbeStatus, string>> = { reply: 'pass', timeout: 'fail', 'icmp-error': 'warn', 'local-error': 'fail' };

function Badge({ tone, icon, label }: { tone: string; icon: string; label: string }) {
  return (
    <span className={`badge tone-${tone}`}>
      <span className="badge-icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </span>
  );
}

export function FindingBadge({ status }: { status: FindingStatus }) {
  const t = useT();
  return <Badge tone={status} icon={FINDING_ICONS[status]} label={t.findingStatus[status]} />;
}

export function StepBadge({ status }: { status: StepStatus }) {
  const t = useT();
  return <Badge tone={STEP_TONES[status]} icon={STEP_ICONS[status]} label={t.stepStatus[status]} />;
}

export function ProbeBadge({ status }: { status: ProbeStatus }) {
  const t = useT();
  return <Badge tone={PROBE_TONES[status]} icon={PROBE_ICONS[status]} label={t.probeStatus[status]} />;
}
