// The RTT chart: replies as a line over time, probes without a reply as marks in a lane of
// their own — a cross for a timeout, a triangle for an ICMP error, a square for a local error
// — so no outcome is told by colour alone. Inline SVG; the table below carries the same data.

import type { ProbeEvent } from '../../native/index';
import { useT } from '../app/stores';
import { chartModel, type MissMark } from './chart-geometry';
import { formatRtt } from './probe-text';

function Mark({ mark }: { mark: MissMark }) {
  const { x, y } = mark;
  if (mark.status === 'timeout') {
    return <path className="mark-timeout" d={`M${x - 5},${y - 5} L${x + 5},${y + 5} M${x - 5},${y + 5} L${x + 5},${y - 5}`} />;
  }
  if (mark.status === 'icmp-error') return <path className="mark-error" d={`M${x},${y - 6} L${x + 6},${y + 5} L${x - 6},${y + 5} Z`} />;
  return <rect className="mark-local" x={x - 5} y={y - 5} width={10} height={10} />;
}

export function RttChart({ probes }: { probes: readonly ProbeEvent[] }) {
  const t = useT();
  const model = chartModel(probes);
  const { plot } = model;
  const range = model.rtt ? `${formatRtt(model.rtt.min)} – ${formatRtt(model.rtt.max)}` : null;
  const summary = t.live.chartSummary(model.counts.replies, model.counts.timeouts, model.counts.errors, range);

  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{t.live.chartTitle}</span>
        <span className="chart-summary">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${model.width} ${model.height}`} role="img" aria-labelledby="rtt-chart-title rtt-chart-desc" className="chart-svg">
        <title id="rtt-chart-title">{t.live.chartTitle}</title>
        <desc id="rtt-chart-desc">{summary}</desc>
        <rect className="lane" x={plot.left} y={model.laneY - 12} width={plot.right - plot.left} height={24} />
        <text className="lane-label" x={plot.left - 8} y={model.laneY + 4} textAnchor="end">
          {t.live.lanes}
        </text>
        {model.yTicks.map((tick) => (
          <g key={`y${tick.value}`}>
            <line className="grid" x1={plot.left} x2={plot.right} y1={tick.at} y2={tick.at} />
            <text className="tick" x={plot.left - 8} y={tick.at + 4} textAnchor="end">
              {tick.label}
            </text>
          </g>
        ))}
        {model.xTicks.map((tick) => (
          <g key={`x${tick.value}`}>
            <line className="grid faint" x1={tick.at} x2={tick.at} y1={plot.top} y2={plot.bottom} />
            <text className="tick" x={tick.at} y={plot.bottom + 18} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
        <line className="axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <line className="axis" x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} />
        <text className="axis-label" x={(plot.left + plot.right) / 2} y={model.height - 8} textAnchor="middle">
          {t.live.axisTime}
        </text>
        <text className="axis-label" transform={`translate(16 ${(plot.top + plot.bottom) / 2}) rotate(-90)`} textAnchor="middle">
          {t.live.axisRtt}
        </text>
        {model.path ? <path className="rtt-line" d={model.path} /> : null}
        {model.replies.map((point, index) => (
          <circle key={`r${index}`} className="rtt-point" cx={point.x} cy={point.y} r={3} />
        ))}
        {model.misses.map((mark, index) => (
          <Mark key={`m${index}`} mark={mark} />
        ))}
      </svg>
      <ul className="legend" aria-hidden="true">
        <li>
          <svg width="22" height="12" viewBox="0 0 22 12">
            <path className="rtt-line" d="M1,9 L11,3 L21,7" />
          </svg>
          {t.probeStatus.reply}
        </li>
        <li>
          <svg width="12" height="12" viewBox="0 0 12 12">
            <path className="mark-timeout" d="M1,1 L11,11 M1,11 L11,1" />
          </svg>
          {t.probeStatus.timeout}
        </li>
        <li>
          <svg width="14" height="12" viewBox="0 0 14 12">
            <path className="mark-error" d="M7,0 L13,11 L1,11 Z" />
          </svg>
          {t.probeStatus['icmp-error']}
        </li>
        <li>
          <svg width="12" height="12" viewBox="0 0 12 12">
            <rect className="mark-local" x="1" y="1" width="10" height="10" />
          </svg>
          {t.probeStatus['local-error']}
        </li>
      </ul>
    </figure>
  );
}
