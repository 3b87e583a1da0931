// `icmp-doctor check --target T --tcp-port P` against every router policy of the lab's
// catalog (POLICY_SCENARIOS: healthy, drop-echo, refuse-echo, swallow-errors, pmtu-black-hole,
// IPv4 and IPv6), run by the unprivileged user in the client namespace: the findings the
// catalog names fail, citing the probe that decided them and with a fix; the others do not
// fail. IPv4 runs pass --unreachable (the error-transparency probe to an unreachable route),
// IPv6 runs leave it out (TTL-limited probes). Then the same IPv4 scenarios for people: the
// progress on stderr, a verdict line per finding, and every fix exactly as --json carries it.
// Each policy gets a lab of its own, so all scenarios run at once.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Finding, FindingId } from '../../contract/findings';
import type { Message } from '../../contract/message';
import { verdictLine } from '../../electron/report/status-labels';
import { createLab, labUnavailableReason, type Lab, type LabPolicy } from '../lab/lab';
import { echoOverhead, POLICY_SCENARIOS, type PolicyScenario } from '../lab/policy-scenarios';
import { cliArgv, cliMissingReason, STACK_TRACE } from '../support/cli';
import { byId, evidenceText, reportLine, statuses, verdictLinePattern, type ReportLine } from './support/check-results';
import { execIsolated } from './support/pid-namespace';

const POLICIES = [...new Set(POLICY_SCENARIOS.map((s) => s.policy))];
/**
 * The causes each policy leaves (report.causes): a router that drops or refuses echo is the
 * icmp-policy cause, and tcp-vs-icmp ("TCP passes, echo does not") its symptom.
 */
const CAUSES: Readonly<Partial<Record<LabPolicy, readonly FindingId[]>>> = {
  none: [],
  'drop-echo': ['icmp-policy'],
  'refuse-echo': ['icmp-policy'],
  'swallow-errors': ['icmp-error-transparency'],
  'pmtu-black-hole': ['path-mtu'],
};
const STEP_TITLES = [
  'This machine',
  'Connectors on this host',
  'cloudflared transport and ICMP proxy',
  'Zero Trust ICMP proxy setting',
  'Connector reports',
  'TCP to the target',
  'ICMP echo to the target',
  'Path MTU',
  'ICMP errors come back',
  'The path, hop by hop',
];

function checkArgs(s: PolicyScenario, json: boolean): string[] {
  const args = ['check', '--target', s.target, '--tcp-port', String(s.tcpPort)];
  if (s.family === 4) args.push('--unreachable', s.unreachableTarget);
  if (json) args.push('--json');
  return args;
}

/** The cited messages of a finding under `key`. */
function citedMessages(finding: Finding, key: string): Message[] {
  return finding.evidence.flatMap((item) => (item.message?.key === key ? [item.message] : []));
}

/** The echo probe's evidence (its tally, the error it drew) must be what the scenario's policy makes it. */
function assertEchoEvidence(s: PolicyScenario, finding: Finding): void {
  const [echoCited] = citedMessages(finding, 'tcp-vs-icmp.evidence.echo');
  assert.ok(echoCited, evidenceText(finding));
  assert.equal(echoCited.params?.['address'], s.target);
  const tally = (echoCited.params?.['tally'] as Message | undefined)?.params;
  const echo = s.expect.echo;
  switch (echo.status) {
    case 'reply':
      assert.deepEqual([tally?.['sent'], tally?.['replies']], [4, 4], evidenceText(finding));
      break;
    case 'timeout':
      assert.deepEqual([tally?.['sent'], tally?.['replies'], tally?.['errors'], tally?.['timeouts']], [4, 0, 0, 4], evidenceText(finding));
      break;
    case 'icmp-error': {
      const errors = citedMessages(finding, 'probe.error').map((m) => [m.params?.['kind'], m.params?.['from']]);
      assert.deepEqual(errors, [[`ICMP${s.family === 6 ? 'v6' : ''} ${echo.icmpType}/${echo.icmpCode}`, echo.from]], evidenceText(finding));
      break;
    }
  }
}

/** The evidence each failing finding must cite, by what the catalog says the probes find. */
function assertFailureEvidence(s: PolicyScenario, finding: Finding): void {
  const text = evidenceText(finding);
  switch (finding.id) {
    case 'tcp-vs-icmp':
      assert.deepEqual(
        citedMessages(finding, 'tcp-vs-icmp.evidence.tcp-connected').map((m) => [m.params?.['address'], m.params?.['port']]),
        [[s.target, s.tcpPort]],
        text,
      );
      assertEchoEvidence(s, finding);
      break;
    case 'icmp-policy':
      assertEchoEvidence(s, finding);
      break;
    case 'icmp-error-transparency':
      assert.match(text, /\b0 ICMP errors\b/, text);
      // IPv4 runs probe the unreachable route; IPv6 runs send TTL-limited probes, whose larger TTLs reach the target.
      // Through a ping socket the verdict carries the caveat that an untranslated error would look the same (run with --socket raw).
      assert.equal(finding.reason?.key, 'raw-socket.transparency.ping-socket', finding.summary);
      assert.equal(
        (finding.reason?.params?.['verdict'] as { key?: string } | undefined)?.key,
        s.family === 4 ? 'icmp-error-transparency.errors-swallowed' : 'icmp-error-transparency.ttl-swallowed',
        finding.summary,
      );
      break;
    case 'path-mtu': {
      const passing = s.expect.pathMtu.largestPassing;
      assert.ok(passing !== null);
      const packet = passing + echoOverhead(s.family);
      assert.deepEqual(finding.reason, { key: 'path-mtu.black-hole', params: { address: s.target, mtu: packet, failingBytes: packet + 1 } }, finding.summary);
      assert.match(text, new RegExp(`\\b${packet} B: reply\\b`), text);
      assert.match(text, new RegExp(`\\b${packet + 1} B: timeout\\b`), text);
      assert.doesNotMatch(text, /icmp-error \((fragmentation-needed|packet-too-big)/, 'no error reported the MTU');
      break;
    }
    default:
      assert.fail(`the catalog names ${finding.id}, which this test does not know how to check`);
  }
}

describe('icmp-doctor check: every policy scenario', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: true }, () => {
  const labs = new Map<LabPolicy, Lab>();
  const jsonRuns = new Map<string, Promise<ReportLine>>();

  before(async () => {
    await Promise.all(
      POLICIES.map(async (policy) => {
        const lab = await createLab();
        labs.set(policy, lab);
        await lab.serveTcp();
        await lab.applyPolicy(policy);
      }),
    );
  });
  after(async () => {
    await Promise.all([...labs.values()].map((lab) => lab.destroy()));
  });

  function run(s: PolicyScenario, json: boolean) {
    const lab = labs.get(s.policy) ?? assert.fail(`no lab for ${s.policy}`);
    return execIsolated(lab, 'client', cliArgv(checkArgs(s, json)));
  }

  /** The --json run of a scenario, once; the human test compares its fixes with it. */
  function jsonRun(s: PolicyScenario): Promise<ReportLine> {
    let pending = jsonRuns.get(s.id);
    if (!pending) {
      pending = run(s, true).then((result) => {
        assert.equal(result.stderr, '', 'nothing on stderr with --json');
        assert.equal(result.code, s.expect.failingFindings.length > 0 ? 1 : 0, `exit code (stdout: ${result.stdout.slice(0, 300)})`);
        return reportLine(result);
      });
      jsonRuns.set(s.id, pending);
    }
    return pending;
  }

  for (const s of POLICY_SCENARIOS) {
    const failing = s.expect.failingFindings;
    it(`${s.id} --json: ${failing.length > 0 ? `${failing.join(', ')} fail with their evidence and a fix` : 'nothing fails'}; the others do not fail`, async () => {
      const report = await jsonRun(s);
      const findings = byId(report.findings);
      assert.deepEqual(
        report.findings.filter((f) => f.status === 'fail').map((f) => f.id).sort(),
        [...failing].sort(),
        statuses(report.findings),
      );
      for (const id of failing) {
        const finding = findings[id];
        assert.ok(finding.remediation.length > 0, `${id} has a fix`);
        for (const fix of finding.remediation) assert.ok(fix.title.trim() !== '' && fix.text.trim() !== '', `${id}: a fix with a title and text`);
        assertFailureEvidence(s, finding);
      }
      // What passes is just as decided by the probes.
      if (s.expect.echo.status === 'reply') {
        assert.equal(findings['tcp-vs-icmp'].status, 'pass', findings['tcp-vs-icmp'].summary);
        assert.equal(findings['icmp-policy'].status, 'pass', findings['icmp-policy'].summary);
      }
      if (s.expect.errorsReturned) assert.equal(findings['icmp-error-transparency'].status, 'pass', findings['icmp-error-transparency'].summary);
      const mtu = s.expect.pathMtu;
      if (mtu.largestPassing !== null && !mtu.blackHole) {
        assert.equal(findings['path-mtu'].status, mtu.reportedMtu === null ? 'pass' : 'warn', findings['path-mtu'].summary);
        if (mtu.reportedMtu !== null) {
          assert.equal(findings['path-mtu'].reason?.key, 'path-mtu.reported', findings['path-mtu'].summary);
          assert.equal(findings['path-mtu'].reason?.params?.['mtu'], mtu.reportedMtu, findings['path-mtu'].summary);
        }
      }
      assert.equal(findings['local-icmp-socket'].status, 'pass');
      // Every policy of this catalog has its causes above ('proxy-every-port' is not in
      // POLICY_SCENARIOS: check-proxied-tcp.test.ts runs it).
      assert.ok(CAUSES[s.policy], `CAUSES names the causes of ${s.policy}`);
      assert.deepEqual(report.causes, CAUSES[s.policy], 'the causes');
      for (const finding of report.findings) {
        const symptom = finding.status === 'fail' && !report.causes.includes(finding.id);
        assert.deepEqual(finding.explainedBy, symptom ? report.causes : undefined, `explainedBy of ${finding.id}`);
      }
      // Alone in its PID namespace, the run finds no connector; nothing Cloudflare-specific applies.
      for (const id of ['tunnel-transport', 'icmp-proxy', 'connector-gid-range'] as const) assert.equal(findings[id].status, 'skip', `${id}: ${findings[id].summary}`);
      // The report is the whole story: the inputs as given, every probe event.
      assert.deepEqual(
        { target: report.inputs.target, tcpPort: report.inputs.tcpPort, unreachable: report.inputs.unreachableTarget, token: report.inputs.cloudflareApiToken },
        { target: s.target, tcpPort: s.tcpPort, unreachable: s.family === 4 ? s.unreachableTarget : null, token: 'absent' },
      );
      assert.ok(report.probes.length >= 4, `${report.probes.length} probe events`);
      assert.ok(report.probes.every((p) => p.target === s.target || p.target === s.unreachableTarget), 'probes went only to the target and the unreachable address');
    });
  }

  for (const s of POLICY_SCENARIOS.filter((scenario) => scenario.family === 4)) {
    it(`${s.id} for people: progress on stderr, a verdict line per finding, then every fix as --json has it`, async () => {
      const [human, report] = await Promise.all([run(s, false), jsonRun(s)]);
      assert.doesNotMatch(human.stderr, STACK_TRACE);
      assert.equal(human.code, s.expect.failingFindings.length > 0 ? 1 : 0, human.stderr);

      // Progress: every step ends with a line; the Cloudflare steps say why they were skipped.
      STEP_TITLES.forEach((title, index) => {
        assert.match(human.stderr, new RegExp(`^\\[${index + 1}/${STEP_TITLES.length}\\] ${title} … (done|skipped)`, 'm'), `progress of ${title}`);
      });
      assert.match(human.stderr, new RegExp(`^\\[4/${STEP_TITLES.length}\\] Zero Trust ICMP proxy setting … skipped: not a Cloudflare tunnel$`, 'm'));
      assert.match(human.stderr, new RegExp(`^\\[6/${STEP_TITLES.length}\\] TCP to the target … done: connected in [\\d.]+ ms$`, 'm'));

      const out = human.stdout;
      assert.match(out, new RegExp(`^icmp-doctor check: target ${s.target} \\(TCP port ${s.tcpPort}\\), product generic, should-be-unreachable ${s.unreachableTarget}\\n`));
      for (const finding of report.findings) {
        assert.match(out, verdictLinePattern(finding), `verdict line of ${finding.id} (${finding.status})`);
        assert.ok(out.includes(finding.summary), `summary of ${finding.id}`);
      }
      const causes = report.causes.map((id) => byId(report.findings)[id]);
      assert.ok(out.includes(`\nVerdict: ${verdictLine(report.findings, report.causes)}\n`), 'the verdict of the whole check');
      if (causes.length === 0) {
        assert.doesNotMatch(out, /How to fix/, 'nothing to fix on a healthy path');
        return;
      }
      // The causes open the output, before any verdict of a single finding.
      const opening = out.slice(out.indexOf('\n\n') + 2);
      assert.match(opening, new RegExp(`^${causes.length} problems? found\\b`));
      assert.ok(opening.indexOf('Re-test with: icmp-doctor check --target ') < opening.search(/^(PASS|FAIL|WARN|SKIP|UNKNOWN) /m), 'causes and re-test first');
      assert.match(out, new RegExp(`^Verdict: ${causes.length} problems? found: `, 'm'));
      const fixes = out.slice(out.indexOf('\nHow to fix\n'));
      assert.ok(fixes.length > 1, 'a "How to fix" section');
      for (const finding of causes) {
        assert.match(fixes, new RegExp(`^FAIL ${finding.id} — `, 'm'));
        for (const fix of finding.remediation) {
          // The text itself, unindented, on lines of its own: ready to paste — and only once.
          assert.equal(fixes.split(`\n${fix.text.replace(/\n+$/, '')}\n`).length - 1, 1, `fix text of ${finding.id}:\n${fix.text}`);
        }
      }
      // A symptom names its cause and offers no fixes of its own.
      for (const finding of report.findings.filter((f) => f.explainedBy)) {
        assert.doesNotMatch(fixes, new RegExp(`^FAIL ${finding.id} — `, 'm'));
        assert.match(out, new RegExp(`^${finding.status.toUpperCase()}\\s+${finding.id} — .*\\n {8}Explained by ${finding.explainedBy?.join(', ')}`, 'm'));
      }
    });
  }
});
