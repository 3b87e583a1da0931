// The RTT chart of the HTML report: an inline SVG (no script) of every probe over time.
// Shape says what happened (● reply, ◆ ICMP error, × timeout, ■ local error), colour says
// which target; replies of a target are joined by a line. Probes without a round-trip time
// (timeouts, local errors) sit in a "no reply" lane above the plot so none is hidden.

import type { Locale } from '../../renderer/i18n/messages/locale';
import { say } from './say';
import type { ProbeEvent } from '../../native/index';
import { escapeHtml } from './html-text';
import { formatMs } from './probe-views';

/** Beyond this many probes the chart shows every non-reply and a sample of the replies. */
export const MAX_CHART_POINTS = 5000;

const WIDTH = 760;
const HEIGHT = 300;
const LEFT = 64;
const RIGHT = 20;
const TOP = 14;
/** The "no reply" lane sits between TOP and PLOT_TOP. */
const LANE_Y = 26;
const PLOT_TOP = 44;
const BOTTOM = 44;
const PLOT_BOTTOM = HEIGHT - BOTTOM;
const PLOT_RIGHT = WIDTH - RIGHT;

/** Distinguishable on white and in greyscale print, one per target in order of appearance. */
const PALETTE = ['#1f6feb', '#8250df', '#1a7f37', '#bf3989', '#9a6700', '#0a7ea4'];

interface Scale {
  max: number;
  step: number;
}

/** 1, 2 or 5 × 10^k: the tick step that gives about `ticks` ticks up to `max`. */
function niceScale(max: number, ticks: number): Scale {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** 0, step, 2·step … max, computed from an integer count so float error cannot add or drop a tick. */
function ticks(scale: Scale): number[] {
  const count = Math.round(scale.max / scale.step);
  return Array.from({ length: count + 1 }, (_, i) => i * scale.step);
}

function decimalsFor(step: number): number {
  return Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
}

function n(value: number): string {
  return `${Math.round(value * 100) / 100}`;
}

/** Up to MAX_CHART_POINTS probes: all that did not reply, then replies evenly sampled. */
function chartedProbes(probes: readonly ProbeEvent[]): ProbeEvent[] {
  const valid = probes.filter((p) => Number.isFinite(p.sentAt));
  if (valid.length <= MAX_CHART_POINTS) return valid;
  const others = valid.filter((p) => p.status !== 'reply').slice(0, MAX_CHART_POINTS);
  const replies = valid.filter((p) => p.status === 'reply');
  const room = MAX_CHART_POINTS - others.length;
  const every = replies.length / Math.max(1, room);
  const sampled = room <= 0 ? [] : Array.from({ length: Math.min(room, replies.length) }, (_, i) => replies[Math.floor(i * every)]!);
  return [...others, ...sampled].sort((a, b) => a.sentAt - b.sentAt);
}

function rttOf(probe: ProbeEvent): number | null {
  return (probe.status === 'reply' || probe.status === 'icmp-error') && typeof probe.rttMs === 'number' && Number.isFinite(probe.rttMs)
    ? Math.max(0, probe.rttMs)
    : null;
}

function describe(probe: ProbeEvent, lang: Locale): string {
  const what =
    probe.status === 'reply'
      ? say(lang, 'report.chart.point-reply', { ms: formatMs(probe.rttMs) })
      : probe.status === 'timeout'
        ? say(lang, 'report.chart.point-timeout')
        : say(lang, 'report.chart.point-error', { status: probe.status, error: probe.error?.message ?? probe.error?.name ?? 'error', from: probe.error?.from ?? null });
  return `${probe.target} #${probe.seq}: ${what}`;
}

function marker(probe: ProbeEvent, x: number, y: number, color: string, lang: Locale): string {
  const title = `<title>${escapeHtml(describe(probe, lang))}</title>`;
  const data = `data-status="${escapeHtml(probe.status)}" data-seq="${probe.seq}"`;
  switch (probe.status) {
    case 'reply':
      return `<circle class="point reply" ${data} cx="${n(x)}" cy="${n(y)}" r="3.5" fill="${color}">${title}</circle>`;
    case 'icmp-error':
      return `<path class="point icmp-error" ${data} d="M${n(x)} ${n(y - 5)}L${n(x + 5)} ${n(y)}L${n(x)} ${n(y + 5)}L${n(x - 5)} ${n(y)}Z" fill="#fff" stroke="${color}" stroke-width="2">${title}</path>`;
    case 'timeout':
      return `<path class="point timeout" ${data} d="M${n(x - 4)} ${n(y - 4)}L${n(x + 4)} ${n(y + 4)}M${n(x + 4)} ${n(y - 4)}L${n(x - 4)} ${n(y + 4)}" stroke="${color}" stroke-width="2.5">${title}</path>`;
    default:
      return `<rect class="point local-error" ${data} x="${n(x - 4)}" y="${n(y - 4)}" width="8" height="8" fill="${color}">${title}</rect>`;
  }
}

function legend(targets: readonly string[], lang: Locale): string {
  const text = (x: number, key: 'report.chart.reply' | 'report.chart.icmp-error' | 'report.chart.timeout' | 'report.chart.local-error'): string =>
    `<text x="${x}" y="10">${escapeHtml(say(lang, key))}</text>`;
  const shapes = [
    `<circle cx="6" cy="6" r="3.5" fill="#444"/>${text(14, 'report.chart.reply')}`,
    `<path d="M76 1L81 6L76 11L71 6Z" fill="#fff" stroke="#444" stroke-width="2"/>${text(86, 'report.chart.icmp-error')}`,
    `<path d="M262 2L270 10M270 2L262 10" stroke="#444" stroke-width="2.5"/>${text(276, 'report.chart.timeout')}`,
    `<rect x="336" y="2" width="8" height="8" fill="#444"/>${text(350, 'report.chart.local-error')}`,
  ].join('');
  const colours = targets
    .slice(0, 12)
    .map((target, i) => `<span class="swatch" style="background:${PALETTE[i % PALETTE.length]}"></span>${escapeHtml(target)}`)
    .join(' ');
  return `<svg class="legend" viewBox="0 0 440 12" width="440" height="12" aria-hidden="true">${shapes}</svg><p class="chart-targets">${colours}</p>`;
}

/**
 * The chart as an HTML fragment (an <svg> plus its legend), or a sentence when there is
 * nothing to draw. One marker per charted probe, each with `data-status` and a <title>.
 */
export function renderRttChart(probes: readonly ProbeEvent[], lang: Locale = 'en'): string {
  const charted = chartedProbes(probes);
  if (charted.length === 0) return `<p class="muted">${escapeHtml(say(lang, 'report.chart.none'))}</p>`;

  const start = Math.min(...charted.map((p) => p.sentAt));
  const seconds = (p: ProbeEvent): number => (p.sentAt - start) / 1000;
  const xScale = niceScale(Math.max(...charted.map(seconds)), 8);
  const rtts = charted.map(rttOf).filter((v): v is number => v !== null);
  const yScale = niceScale(rtts.length > 0 ? Math.max(...rtts) : 0, 5);
  const x = (p: ProbeEvent): number => LEFT + (seconds(p) / xScale.max) * (PLOT_RIGHT - LEFT);
  const y = (ms: number): number => PLOT_BOTTOM - (ms / yScale.max) * (PLOT_BOTTOM - PLOT_TOP);

  const targets = [...new Set(charted.map((p) => p.target))];
  const colour = (p: ProbeEvent): string => PALETTE[targets.indexOf(p.target) % PALETTE.length]!;

  const parts: string[] = [];
  const yDecimals = decimalsFor(yScale.step);
  for (const v of ticks(yScale)) {
    const py = n(y(v));
    parts.push(`<line class="grid" x1="${LEFT}" y1="${py}" x2="${PLOT_RIGHT}" y2="${py}"/>`);
    parts.push(`<text class="tick y-tick" x="${LEFT - 6}" y="${py}" dy="0.32em" text-anchor="end">${v.toFixed(yDecimals)} ms</text>`);
  }
  const xDecimals = decimalsFor(xScale.step);
  for (const v of ticks(xScale)) {
    const px = n(LEFT + (v / xScale.max) * (PLOT_RIGHT - LEFT));
    parts.push(`<line class="tick-mark" x1="${px}" y1="${PLOT_BOTTOM}" x2="${px}" y2="${PLOT_BOTTOM + 4}"/>`);
    parts.push(`<text class="tick x-tick" x="${px}" y="${PLOT_BOTTOM + 16}" text-anchor="middle">${v.toFixed(xDecimals)} s</text>`);
  }
  parts.push(`<line class="axis" x1="${LEFT}" y1="${PLOT_TOP}" x2="${LEFT}" y2="${PLOT_BOTTOM}"/>`);
  parts.push(`<line class="axis" x1="${LEFT}" y1="${PLOT_BOTTOM}" x2="${PLOT_RIGHT}" y2="${PLOT_BOTTOM}"/>`);
  parts.push(`<rect class="lane" x="${LEFT}" y="${TOP + 4}" width="${PLOT_RIGHT - LEFT}" height="${(LANE_Y - TOP) * 2 - 8}"/>`);
  parts.push(`<text class="tick lane-label" x="${LEFT - 6}" y="${LANE_Y}" dy="0.32em" text-anchor="end">${escapeHtml(say(lang, 'report.chart.no-reply'))}</text>`);
  parts.push(`<text class="axis-title" x="${(LEFT + PLOT_RIGHT) / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeHtml(say(lang, 'report.chart.axis-time'))}</text>`);
  parts.push(
    `<text class="axis-title" transform="rotate(-90)" x="${-(PLOT_TOP + PLOT_BOTTOM) / 2}" y="12" text-anchor="middle">${escapeHtml(say(lang, 'report.chart.axis-rtt'))}</text>`,
  );

  for (const target of targets) {
    const points = charted.filter((p) => p.target === target && p.status === 'reply' && rttOf(p) !== null);
    if (points.length < 2) continue;
    const path = points.map((p) => `${n(x(p))},${n(y(rttOf(p)!))}`).join(' ');
    parts.push(`<polyline class="rtt-line" points="${path}" fill="none" stroke="${colour(points[0]!)}" stroke-width="1.5"/>`);
  }
  for (const probe of charted) {
    const rtt = rttOf(probe);
    parts.push(marker(probe, x(probe), rtt === null ? LANE_Y : y(rtt), colour(probe), lang));
  }

  const note =
    charted.length < probes.length
      ? `<p class="muted">${escapeHtml(say(lang, 'report.chart.sampled', { shown: charted.length, total: probes.length }))}</p>`
      : '';
  const label = say(lang, 'report.chart.label', { probes: charted.length, targets: targets.length });
  return (
    `<svg class="rtt-chart" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(label)}</title>${parts.join('')}</svg>${legend(targets, lang)}${note}`
  );
}
