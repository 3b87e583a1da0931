// The RTT chart's geometry, apart from React so it can be tested as numbers: probes in, scales,
// ticks, the reply line and the marks for probes that got no reply out. Replies are plotted by
// RTT; timeouts and errors have no RTT, so they sit in a lane of their own above the plot.

import type { ProbeEvent, ProbeStatus } from '../../native/index';

export interface Tick {
  value: number;
  /** Pixel position along the axis. */
  at: number;
  label: string;
}

export interface ReplyPoint {
  x: number;
  y: number;
  seq: number;
  target: string;
  rttMs: number;
}

export interface MissMark {
  x: number;
  y: number;
  seq: number;
  target: string;
  status: Exclude<ProbeStatus, 'reply'>;
}

export interface ChartModel {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Centre line of the "no reply" lane. */
  laneY: number;
  xTicks: Tick[];
  yTicks: Tick[];
  replies: ReplyPoint[];
  /** SVG path through the replies in send order; empty with fewer than two. */
  path: string;
  misses: MissMark[];
  rtt: { min: number; avg: number; max: number } | null;
  counts: { sent: number; replies: number; timeouts: number; errors: number };
}

const SIZE = { width: 760, height: 280 };
const MARGIN = { left: 64, right: 20, top: 12, bottom: 52 };
const LANE = 40;

/** 1, 2 or 5 × 10^k: the tick step that gives about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

function decimalsFor(step: number): number {
  return Math.max(0, Math.min(4, -Math.floor(Math.log10(step))));
}

function ticks(max: number, count: number, toPixel: (value: number) => number): Tick[] {
  const step = niceStep(max, count);
  const decimals = decimalsFor(step);
  const result: Tick[] = [];
  for (let index = 0; index * step <= max * (1 + 1e-9); index += 1) {
    const value = index * step;
    result.push({ value, at: toPixel(value), label: value.toFixed(decimals) });
  }
  return result;
}

/** Rounds up to the last tick, so the highest reply sits under the top gridline. */
function niceMax(max: number, count: number): number {
  if (!(max > 0)) return 1;
  const step = niceStep(max, count);
  return Math.ceil(max / step) * step;
}

export function chartModel(probes: readonly ProbeEvent[]): ChartModel {
  const plot = { left: MARGIN.left, top: MARGIN.top + LANE, right: SIZE.width - MARGIN.right, bottom: SIZE.height - MARGIN.bottom };
  const start = probes.reduce((min, probe) => Math.min(min, probe.sentAt), Number.POSITIVE_INFINITY);
  const seconds = (probe: ProbeEvent): number => (Number.isFinite(start) ? (probe.sentAt - start) / 1000 : 0);
  const replies = probes.filter((probe) => probe.status === 'reply' && typeof probe.rttMs === 'number');
  const rtts = replies.map((probe) => probe.rttMs ?? 0);

  const xMax = niceMax(Math.max(0, ...probes.map(seconds)), 6);
  const yMax = niceMax(Math.max(0, ...rtts), 4);
  const x = (value: number): number => plot.left + (value / xMax) * (plot.right - plot.left);
  const y = (value: number): number => plot.bottom - (value / yMax) * (plot.bottom - plot.top);
  const laneY = MARGIN.top + 12;

  const points: ReplyPoint[] = replies.map((probe) => ({ x: x(seconds(probe)), y: y(probe.rttMs ?? 0), seq: probe.seq, target: probe.target, rttMs: probe.rttMs ?? 0 }));
  const misses: MissMark[] = probes.flatMap((probe) =>
    probe.status === 'reply' ? [] : [{ x: x(seconds(probe)), y: laneY, seq: probe.seq, target: probe.target, status: probe.status }],
  );
  const path = points.length >= 2 ? points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ') : '';
  const sum = rtts.reduce((total, value) => total + value, 0);

  return {
    ...SIZE,
    plot,
    laneY,
    xTicks: ticks(xMax, 6, x),
    yTicks: ticks(yMax, 4, y),
    replies: points,
    path,
    misses,
    rtt: rtts.length > 0 ? { min: Math.min(...rtts), avg: sum / rtts.length, max: Math.max(...rtts) } : null,
    counts: {
      sent: probes.length,
      replies: points.length,
      timeouts: probes.filter((probe) => probe.status === 'timeout').length,
      errors: probes.filter((probe) => probe.status === 'icmp-error' || probe.status === 'local-error').length,
    },
  };
}
