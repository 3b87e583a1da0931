import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeEvent } from '../../native/index';
import { MAX_CHART_POINTS, renderRttChart } from './rtt-chart';
import { mixedProbes, reply, timedOut } from '../../test-support/report/sample-probes';

function count(svg: string, pattern: RegExp): number {
  return (svg.match(new RegExp(pattern.source, 'g')) ?? []).length;
}

describe('renderRttChart', () => {
  it('draws one marker per probe, shaped by outcome, and joins a target\'s replies with a line', () => {
    const svg = renderRttChart(mixedProbes());
    assert.equal(count(svg, /data-status="/), 7);
    assert.equal(count(svg, /<circle class="point reply" data-status="reply"/), 3);
    assert.equal(count(svg, /<path class="point icmp-error" data-status="icmp-error"/), 2);
    assert.equal(count(svg, /<path class="point timeout" data-status="timeout"/), 1);
    assert.equal(count(svg, /<rect class="point local-error" data-status="local-error"/), 1);
    assert.equal(count(svg, /<polyline class="rtt-line" points="[^"]+"/), 1);
    const points = /<polyline class="rtt-line" points="([^"]+)"/.exec(svg)![1]!.split(' ');
    assert.equal(points.length, 3);
  });

  it('labels the RTT axis in ms, from 0 up past the slowest reply, and the time axis in seconds', () => {
    const svg = renderRttChart(mixedProbes());
    const yLabels = [...svg.matchAll(/class="tick y-tick"[^>]*>([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(yLabels, ['0 ms', '10 ms', '20 ms', '30 ms']);
    const xLabels = [...svg.matchAll(/class="tick x-tick"[^>]*>([^<]+)</g)].map((m) => m[1]);
    assert.equal(xLabels[0], '0.00 s');
    assert.ok(xLabels.every((label) => / s$/.test(label!)));
    assert.match(svg, /<title>10\.200\.9\.3 #1: timeout \(no reply\)<\/title>/);
    assert.match(svg, /<title>10\.200\.9\.1 #1: icmp-error: Packet filtered from 10\.200\.1\.1<\/title>/);
  });

  it('copes with nothing to scale: probes sent at once, no reply at all', () => {
    const svg = renderRttChart([timedOut(1), timedOut(1, '10.200.9.4')]);
    assert.ok(!/NaN|Infinity/.test(svg));
    assert.equal(count(svg, /data-status="timeout"/), 2);
  });

  it('says there is nothing to draw when no probe was sent, and skips events without a valid time', () => {
    assert.match(renderRttChart([]), /No probes were sent/);
    const broken = { ...reply(1, 1), sentAt: Number.NaN };
    assert.match(renderRttChart([broken]), /No probes were sent/);
  });

  it('escapes target names in titles and the legend', () => {
    const svg = renderRttChart([reply(1, 1, '<script>x</script>"')]);
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&lt;script&gt;x&lt;/script&gt;&quot;'));
  });

  it(`keeps every non-reply and samples replies beyond ${MAX_CHART_POINTS} probes`, () => {
    const many: ProbeEvent[] = [];
    for (let i = 1; i <= 6000; i += 1) many.push(reply(i, (i % 50) / 10));
    for (let i = 1; i <= 10; i += 1) many.push(timedOut(i));
    const svg = renderRttChart(many);
    assert.equal(count(svg, /data-status="/), MAX_CHART_POINTS);
    assert.equal(count(svg, /data-status="timeout"/), 10);
    assert.match(svg, new RegExp(`Showing ${MAX_CHART_POINTS} of 6010 probes`));
  });
});
