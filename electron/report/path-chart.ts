// The per-hop chart of the HTML report's path section: an inline SVG (no script). One column
// per hop: a bar for the loss (0–100 %, right axis) behind the RTT (left axis) drawn as a dot
// at the average with a line from best to worst. A hop that refused is outlined in red.

import type { TraceResult } from '../../contract/trace';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { escapeHtml } from './html-text';
import { lossPercent } from './path-view';
import { formatMs } from './probe-views';
import { say } from './say';

const WIDTH = 760;
const HEIGHT = 220;
const LEFT = 64;
const RIGHT = 52;
const TOP = 14;
const BOTTOM = 40;
const PLOT_BOTTOM = HEIGHT - BOTTOM;
const PLOT_RIGHT = WIDTH - RIGHT;

function n(value: number): string {
  return `${Math.round(value * 100) / 100}`;
}

/** 1, 2 or 5 × 10^k at or above `max / 4`, so the axis has about four ticks. */
function niceMax(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

export function renderPathChart(trace: TraceResult, lang: Locale = 'en'): string {
  const hops = trace.hops;
  if (hops.length === 0) return '';
  const column = (PLOT_RIGHT - LEFT) / hops.length;
  const cx = (index: number): number => LEFT + column * (index + 0.5);
  const rtt = niceMax(Math.max(0, ...hops.map((h) => h.rttMs?.max ?? 0)));
  const yRtt = (ms: number): number => PLOT_BOTTOM - (ms / rtt.max) * (PLOT_BOTTOM - TOP);
  const yLoss = (pct: number): number => PLOT_BOTTOM - (pct / 100) * (PLOT_BOTTOM - TOP);
  const parts: string[] = [];
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(rtt.step) + 1e-9)));
  for (let v = 0; v <= rtt.max + 1e-9; v += rtt.step) {
    const y = n(yRtt(v));
    parts.push(`<line class="grid" x1="${LEFT}" y1="${y}" x2="${PLOT_RIGHT}" y2="${y}"/>`);
    parts.push(`<text class="tick y-tick" x="${LEFT - 6}" y="${y}" dy="0.32em" text-anchor="end">${v.toFixed(decimals)} ms</text>`);
  }
  for (const pct of [0, 50, 100]) parts.push(`<text class="tick loss-tick" x="${PLOT_RIGHT + 6}" y="${n(yLoss(pct))}" dy="0.32em">${pct}%</text>`);
  hops.forEach((hop, index) => {
    const x = cx(index);
    const loss = lossPercent(hop);
    const what = `${say(lang, 'trace.report.column.hop')} ${hop.ttl}: ${hop.address ?? say(lang, 'trace.report.no-answer')}, ${say(lang, 'trace.report.column.loss')} ${loss}%, ${say(lang, 'trace.report.column.avg')} ${formatMs(hop.rttMs?.avg ?? null)} ms${hop.error ? `, ${hop.error.name}` : ''}`;
    const title = `<title>${escapeHtml(what)}</title>`;
    const barWidth = Math.min(28, column * 0.6);
    const refused = hop.status === 'icmp-error' ? ' stroke="#cf222e" stroke-width="2"' : '';
    parts.push(
      `<rect class="hop-loss" data-ttl="${hop.ttl}" data-loss="${loss}" x="${n(x - barWidth / 2)}" y="${n(yLoss(loss))}" width="${n(barWidth)}" height="${n(PLOT_BOTTOM - yLoss(loss))}" fill="#f0b4b4"${refused}>${title}</rect>`,
    );
    if (hop.rttMs) {
      parts.push(`<line class="hop-rtt-range" x1="${n(x)}" y1="${n(yRtt(hop.rttMs.min))}" x2="${n(x)}" y2="${n(yRtt(hop.rttMs.max))}" stroke="#1f6feb" stroke-width="2"/>`);
      parts.push(`<circle class="hop-rtt" data-ttl="${hop.ttl}" cx="${n(x)}" cy="${n(yRtt(hop.rttMs.avg))}" r="4" fill="#1f6feb">${title}</circle>`);
    }
    parts.push(`<text class="tick x-tick" x="${n(x)}" y="${PLOT_BOTTOM + 16}" text-anchor="middle">${hop.ttl}</text>`);
  });
  parts.push(`<line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${PLOT_BOTTOM}"/>`);
  parts.push(`<line class="axis" x1="${LEFT}" y1="${PLOT_BOTTOM}" x2="${PLOT_RIGHT}" y2="${PLOT_BOTTOM}"/>`);
  parts.push(`<text class="axis-title" x="${(LEFT + PLOT_RIGHT) / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeHtml(say(lang, 'trace.report.column.hop'))}</text>`);
  const label = say(lang, 'trace.report.chart', { target: trace.address });
  return (
    `<svg class="path-chart" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(label)}</title>${parts.join('')}</svg>`
  );
}
