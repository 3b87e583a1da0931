// The Path step's live hop view: one row per TTL as mtr shows it (host, loss, sent, last /
// avg / best / worst RTT, the error where a hop refuses) and a per-hop chart — a loss bar
// behind the RTT range and average — redrawn as the trace's probes arrive.

import { useT, useWizard } from '../app/stores';
import { formatRtt } from './probe-text';
import { hopRows, type HopRow } from './path-hops';

const WIDTH = 720;
const HEIGHT = 220;
const PLOT = { left: 64, right: WIDTH - 52, top: 16, bottom: HEIGHT - 40 };

function niceMax(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

function PathChart({ rows, title, summary }: { rows: readonly HopRow[]; title: string; summary: string }) {
  const t = useT();
  const column = (PLOT.right - PLOT.left) / Math.max(1, rows.length);
  const scale = niceMax(Math.max(0, ...rows.map((row) => row.rttMs?.max ?? 0)));
  const yRtt = (ms: number): number => PLOT.bottom - (ms / scale.max) * (PLOT.bottom - PLOT.top);
  const yLoss = (pct: number): number => PLOT.bottom - (pct / 100) * (PLOT.bottom - PLOT.top);
  const ticks = Array.from({ length: Math.round(scale.max / scale.step) + 1 }, (_, i) => i * scale.step);
  const bar = Math.min(28, column * 0.6);
  return (
    <figure className="chart path-chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="chart-summary">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="path-chart-title path-chart-desc" className="chart-svg">
        <title id="path-chart-title">{title}</title>
        <desc id="path-chart-desc">{summary}</desc>
        {ticks.map((value) => (
          <g key={`y${value}`}>
            <line className="grid" x1={PLOT.left} x2={PLOT.right} y1={yRtt(value)} y2={yRtt(value)} />
            <text className="tick" x={PLOT.left - 8} y={yRtt(value) + 4} textAnchor="end">
              {formatRtt(value)}
            </text>
          </g>
        ))}
        {[0, 50, 100].map((pct) => (
          <text key={`l${pct}`} className="tick" x={PLOT.right + 8} y={yLoss(pct) + 4}>
            {pct}%
          </text>
        ))}
        {rows.map((row, index) => {
          const x = PLOT.left + column * (index + 0.5);
          return (
            <g key={row.ttl} className="hop" data-ttl={row.ttl}>
              <rect className={`hop-loss${row.error ? ' refused' : ''}`} x={x - bar / 2} y={yLoss(row.lossPct)} width={bar} height={PLOT.bottom - yLoss(row.lossPct)} data-loss={row.lossPct} />
              {row.rttMs ? (
                <>
                  <line className="hop-rtt-range" x1={x} x2={x} y1={yRtt(row.rttMs.min)} y2={yRtt(row.rttMs.max)} />
                  <circle className="hop-rtt" cx={x} cy={yRtt(row.rttMs.avg)} r={4} />
                </>
              ) : null}
              <text className="tick" x={x} y={PLOT.bottom + 18} textAnchor="middle">
                {row.ttl}
              </text>
            </g>
          );
        })}
        <line className="axis" x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} />
        <line className="axis" x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={PLOT.bottom} />
        <text className="axis-label" x={(PLOT.left + PLOT.right) / 2} y={HEIGHT - 6} textAnchor="middle">
          {t.live.path.axisHop}
        </text>
      </svg>
    </figure>
  );
}

const ms = (value: number | null | undefined): string => (typeof value === 'number' ? formatRtt(value) : '–');

/** The hop view, or nothing when no trace has run or started. */
export function PathView() {
  const t = useT();
  const trace = useWizard((state) => state.evidence.probes.trace);
  const probes = useWizard((state) => state.probes);
  const steps = useWizard((state) => state.probeSteps);
  const rows = hopRows(trace, probes, steps);
  if (rows.length === 0) return null;
  const p = t.live.path;
  const reached = rows.find((row) => row.target);
  const summary = p.summary(rows.length, reached?.ttl ?? null, trace?.ok === true);
  return (
    <section className="path-view" aria-labelledby="path-view-title">
      <h2 id="path-view-title">{p.title}</h2>
      <p className="note">{p.intro}</p>
      <PathChart rows={rows} title={p.chartTitle} summary={summary} />
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="path-table-caption">
        <table className="path-table">
          <caption id="path-table-caption">{p.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{p.columns.hop}</th>
              <th scope="col">{p.columns.host}</th>
              <th scope="col">{p.columns.loss}</th>
              <th scope="col">{p.columns.sent}</th>
              <th scope="col">{p.columns.last}</th>
              <th scope="col">{p.columns.avg}</th>
              <th scope="col">{p.columns.best}</th>
              <th scope="col">{p.columns.worst}</th>
              <th scope="col">{p.columns.note}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.ttl} data-ttl={row.ttl} data-error={row.error ?? undefined}>
                <td className="num">{row.ttl}</td>
                <td className="mono">{row.addresses.length > 0 ? row.addresses.join(', ') : p.noAnswer}</td>
                <td className="num">{row.lossPct.toFixed(1)}%</td>
                <td className="num">{row.sent}</td>
                <td className="num">{ms(row.lastRttMs)}</td>
                <td className="num">{ms(row.rttMs?.avg)}</td>
                <td className="num">{ms(row.rttMs?.min)}</td>
                <td className="num">{ms(row.rttMs?.max)}</td>
                <td>{row.error ? <code>{row.error}</code> : row.target ? p.target : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
