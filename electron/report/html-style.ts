// The HTML report's only stylesheet, inlined (the CSP allows nothing else): light, readable,
// system fonts only, and print rules so the report prints as a clean document.

export const REPORT_CSS = `
:root {
  --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; --unknown: #0969da;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { background: #fff; color: var(--text); }
body {
  margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 3rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .4rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
h5 { font-size: .95rem; margin: .75rem 0 .3rem; }
pre code { font-size: inherit; }
code, pre { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86em; }
pre {
  margin: .25rem 0 .75rem; padding: .6rem .75rem; background: var(--soft); border: 1px solid var(--line);
  border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
}
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; word-break: normal; }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
a { color: var(--unknown); }
.muted { color: var(--muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.verdict { font-size: 1.1rem; font-weight: 600; margin: .5rem 0; padding: .6rem .8rem; border-radius: 6px; border-left: 5px solid var(--skip); background: var(--soft); }
.verdict.status-fail { border-left-color: var(--fail); }
.verdict.status-warn { border-left-color: var(--warn); }
.verdict.status-unknown { border-left-color: var(--unknown); }
.verdict.status-pass { border-left-color: var(--pass); }
#causes ol.causes { padding-left: 1.4rem; }
#causes ol.causes > li { margin: .4rem 0; }
#causes .first-fix { margin-top: .2rem; }
.explained-by { font-style: italic; color: var(--muted); }
.badge {
  display: inline-block; min-width: 4.6em; padding: .05rem .45rem; border-radius: 999px; text-align: center;
  font-size: .75rem; font-weight: 700; letter-spacing: .04em; color: #fff; background: var(--skip); white-space: nowrap;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.warn { background: var(--warn); }
.badge.skip { background: var(--skip); } .badge.unknown { background: var(--unknown); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 0 0 .5rem; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--skip); border-radius: 6px; padding: .9rem 1rem; margin: 0 0 1rem; }
.finding.status-pass { border-left-color: var(--pass); } .finding.status-fail { border-left-color: var(--fail); }
.finding.status-warn { border-left-color: var(--warn); } .finding.status-unknown { border-left-color: var(--unknown); }
.finding h3 code { font-weight: 400; color: var(--muted); }
.finding .summary, .findings-overview td:last-child { white-space: pre-line; overflow-wrap: anywhere; }
.finding .summary { margin: .25rem 0; }
.evidence dt { font-weight: 600; overflow-wrap: anywhere; }
.evidence dd { margin: 0 0 .25rem; }
.fix .kind { font-weight: 400; color: var(--muted); font-size: .85em; }
figure { margin: .5rem 0 1rem; }
.rtt-chart { display: block; width: 100%; height: auto; max-width: 760px; }
.rtt-chart text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.rtt-chart .axis-title { font-size: 12px; fill: var(--text); }
.rtt-chart .grid { stroke: #eaeef2; }
.rtt-chart .axis, .rtt-chart .tick-mark { stroke: #8c959f; }
.rtt-chart .lane { fill: #fff5f5; }
.legend { display: block; margin: .25rem 0 0; }
.legend text { font: 11px system-ui, sans-serif; fill: var(--text); }
.chart-targets { margin: .25rem 0; font-size: .85rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin: 0 .3em 0 .6em; vertical-align: -.05em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.icmp-errors td { font-size: .88rem; }
.nowrap { white-space: nowrap; }
.match-yes { color: var(--pass); font-weight: 600; } .match-no { color: var(--fail); font-weight: 600; }
details > summary { cursor: pointer; color: var(--unknown); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  @page { margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  h3, h4, h5 { break-after: avoid; }
  .finding, figure, tr, .fix { break-inside: avoid; }
  pre { background: #fff; }
  .screen-only { display: none; }
}
`;
