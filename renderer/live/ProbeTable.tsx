// Every probe event as a row: its number, its kind (echo, path-MTU search, error probe — the
// step that sent it), target, outcome, RTT, TTL and who answered; for errors, the decoded
// message, the MTU it carries and the probe it quotes. A legend above says what each kind
// of probe is for.

import type { ProbeEvent } from '../../native/index';
import { useT } from '../app/stores';
import { ProbeBadge } from '../components/StatusBadge';
import type { StepId } from '../wizard/steps';
import { PROBE_KINDS, probeKindOf } from './probe-kind';
import { errorText, formatRtt } from './probe-text';

interface ProbeTableProps {
  probes: readonly ProbeEvent[];
  /** The step that sent each probe, index for index. */
  steps: readonly StepId[];
}

export function ProbeTable({ probes, steps }: ProbeTableProps) {
  const t = useT();
  const columns = t.live.columns;
  const kinds = probes.map((_, index) => probeKindOf(steps[index]));
  const present = PROBE_KINDS.filter((kind) => kinds.includes(kind));
  return (
    <>
      <dl className="probe-kinds">
        {present.map((kind) => (
          <div key={kind}>
            <dt>
              <span className={`chip probe-kind kind-${kind}`}>{t.live.probeKinds[kind]}</span>
            </dt>
            <dd>{t.live.probeKindHints[kind]}</dd>
          </div>
        ))}
      </dl>
      <div className="table-wrap probe-table-wrap" tabIndex={0} role="region" aria-labelledby="probe-table-caption">
        <table className="probe-table">
          <caption id="probe-table-caption">{t.live.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {columns.index}
              </th>
              <th scope="col">{columns.kind}</th>
              <th scope="col" className="num">
                {columns.seq}
              </th>
              <th scope="col">{columns.target}</th>
              <th scope="col">{columns.status}</th>
              <th scope="col" className="num">
                {columns.rtt}
              </th>
              <th scope="col" className="num">
                {columns.ttl}
              </th>
              <th scope="col">{columns.from}</th>
              <th scope="col">{columns.details}</th>
            </tr>
          </thead>
          <tbody>
            {probes.map((probe, index) => {
              const error = errorText(probe);
              const kind = kinds[index] ?? 'other';
              return (
                <tr key={index} className={`probe-${probe.status}`} data-probe-kind={kind}>
                  <td className="num mono subtle">{index + 1}</td>
                  <td>
                    <span className={`chip probe-kind kind-${kind}`}>{t.live.probeKinds[kind]}</span>
                  </td>
                  <td className="num mono">{probe.wireSeq}</td>
                  <td className="mono">{probe.target}</td>
                  <td>
                    <ProbeBadge status={probe.status} />
                  </td>
                  <td className="num mono">{formatRtt(probe.rttMs)}</td>
                  <td className="num mono">{probe.ttl ?? '—'}</td>
                  <td className="mono">{probe.address ?? error?.from ?? '—'}</td>
                  <td className="details" lang="en">
                    {error ? (
                      <>
                        <span className="error-headline">{error.headline}</span>
                        {error.mtu !== null ? (
                          <span className="mono chip">
                            {t.live.mtu} {error.mtu}
                          </span>
                        ) : null}
                        {error.quoted ? (
                          <span className="mono quoted">
                            {t.live.quoted}: {error.quoted}
                          </span>
                        ) : null}
                      </>
                    ) : probe.status === 'reply' ? (
                      <span className="mono subtle">{t.live.replyBytes(probe.bytes)}</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
