// Bad and hostile input for every parser: each answers with a specific UNPARSEABLE value —
// never an exception, a hang or a crash of the process (the yaml package left alone would
// die of some of these: see safe-yaml.ts).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Gathered } from '../../../../contract/evidence';
import { parseCalicoPolicies } from './calico-policy';
import { parseConnectorReport } from './connector-report';
import { parseIptablesSave, parseNftRuleset } from './firewall-ruleset';
import { parseTwingateHelmValues } from './helm-values';
import { parseIdOutput } from './id-output';
import { parsePodSpecs } from './pod-spec';
import { parseSysctlOutput } from './sysctl-output';
import { parseFirezoneLog } from './firezone-log';
import { parseFirezoneResources } from './firezone-resource';
import { parseTwingateLog } from './twingate-log';
import { failureOf } from './testing';

type Parser = (text: string, source: string) => Gathered<unknown>;

const PARSERS: Record<string, Parser> = {
  sysctl: parseSysctlOutput,
  id: parseIdOutput,
  'pod spec': (text, source) => {
    const results = parsePodSpecs(text, source);
    assert.ok(results.length >= 1);
    return results[0] as Gathered<unknown>;
  },
  'Helm values': parseTwingateHelmValues,
  'Calico policy': parseCalicoPolicies,
  'connector report': parseConnectorReport,
  'nft ruleset': parseNftRuleset,
  'iptables-save': parseIptablesSave,
  'Twingate log': parseTwingateLog,
  'Firezone log': parseFirezoneLog,
  'Firezone resource': parseFirezoneResources,
};
const YAML_PARSERS = ['pod spec', 'Helm values', 'Calico policy'] as const;

/** Deterministic bytes that are not text: a linear congruential generator, NULs included. */
function garbage(length: number): string {
  const bytes = Buffer.alloc(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes.toString('latin1');
}

function parse(name: string, text: string): Gathered<unknown> {
  const parser = PARSERS[name];
  assert.ok(parser);
  return parser(text, 'hostile input');
}

const BILLION_LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

describe('every parser refuses input that is not for it', () => {
  const hundredMegabytes = 'a'.repeat(100 * 1024 * 1024);
  const executable = readFileSync(process.execPath).subarray(0, 256 * 1024).toString('utf8');
  for (const name of Object.keys(PARSERS)) {
    it(`${name}: 100 MB is refused by size, at once`, () => failureOf(parse(name, hundredMegabytes), 'UNPARSEABLE', /is 100\.0 MB; at most .* is read/));
    it(`${name}: random binary bytes`, () => failureOf(parse(name, garbage(16 * 1024)), 'UNPARSEABLE', /looks like binary data, not text/));
    it(`${name}: an executable (node itself)`, () => failureOf(parse(name, executable), 'UNPARSEABLE', /looks like binary data|is \d/));
    it(`${name}: empty and blank`, () => {
      failureOf(parse(name, ''), 'UNPARSEABLE', /is empty/);
      failureOf(parse(name, ' \n\t\n'), 'UNPARSEABLE', /is empty/);
    });
    it(`${name}: not a string at all (a caller bypassing the types)`, () => {
      for (const value of [null, undefined, 42, { text: 'x' }, ['x']]) failureOf(parse(name, value as unknown as string), 'UNPARSEABLE', /must be text, not/);
    });
    it(`${name}: an escape-sequence-laden terminal capture`, () => {
      failureOf(parse(name, '\u001b[1;31m'.repeat(2000) + 'uid=0'), 'UNPARSEABLE', /binary data|no |not valid|neither|found/);
    });
  }
});

describe('YAML bombs and parser traps', () => {
  for (const name of YAML_PARSERS) {
    it(`${name}: billion laughs`, () => failureOf(parse(name, BILLION_LAUGHS), 'UNPARSEABLE', /"billion laughs"/));
    it(`${name}: 100 000 nested [ (fatal for the yaml package: V8 out of memory)`, () => failureOf(parse(name, '['.repeat(100_000)), 'UNPARSEABLE', /more than 32 levels deep/));
    it(`${name}: 40 nested flow mappings`, () => failureOf(parse(name, 'a: ' + '{b: '.repeat(40) + '1' + '}'.repeat(40)), 'UNPARSEABLE', /more than 32 levels deep/));
    it(`${name}: 500 levels of block indentation (deeper ones overflow the composer's stack)`, () => {
      const text = Array.from({ length: 500 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
      failureOf(parse(name, text), 'UNPARSEABLE', /more than 64 levels deep by indentation/);
    });
    it(`${name}: compact nesting on one line ("- - - …")`, () => failureOf(parse(name, '- '.repeat(100_000) + 'x'), 'UNPARSEABLE', /more than 16 nested collections on line 1/));
    it(`${name}: thousands of anchors (quadratic in the package)`, () => {
      const text = Array.from({ length: 5000 }, (_, i) => `k${i}: &a${i} v`).join('\n');
      failureOf(parse(name, text), 'UNPARSEABLE', /more than 200 anchors/);
    });
    it(`${name}: many anchors on one node`, () => failureOf(parse(name, '&a '.repeat(50_000) + 'x'), 'UNPARSEABLE', /more than 16 anchors or tags on line 1/));
    it(`${name}: thousands of documents`, () => failureOf(parse(name, '---\na: 1\n'.repeat(5000)), 'UNPARSEABLE', /more than 1000 YAML documents/));
    it(`${name}: a syntax error on every line stops at the first`, () => failureOf(parse(name, ':::: ]]] }}}\n'.repeat(10_000)), 'UNPARSEABLE', /not valid YAML: .*\(line 1\)/));
    it(`${name}: tabs as indentation`, () => failureOf(parse(name, 'spec:\n\tcontainers: []\n'), 'UNPARSEABLE', /not valid YAML|found/));
  }

  it('self-referencing aliases (a list that contains itself) end in plain, serialisable facts', () => {
    const pod = parsePodSpecs('kind: Pod\nmetadata: {name: p}\nspec:\n  containers: &c [*c]\n', 'p')[0];
    assert.ok(pod?.ok);
    assert.deepEqual(pod.value.containers, []);
    assert.doesNotThrow(() => JSON.stringify(pod));
    const values = parseTwingateHelmValues('icmpSupport: &i {enabled: *i}\n', 'v');
    assert.equal(values.ok && values.value.icmpSupportEnabled, true, 'a non-empty mapping is true to a Go template');
    failureOf(parseCalicoPolicies('apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec:\n  ingress: &r [*r]\n', 'g'), 'UNPARSEABLE', /spec\.ingress\[0\] is a list, not a rule/);
  });

  it('language-specific tags stay inert text (no !!js/function, no !!python/object)', () => {
    const text = `kind: Pod
metadata:
  name: !!js/function "function () { return process.exit(1) }"
spec:
  containers:
  - name: !!python/object/apply:os.system ["id"]
    image: !<tag:yaml.org,2002:js/regexp> /evil/
`;
    const result = parsePodSpecs(text, 'tags.yaml')[0];
    assert.ok(result);
    if (result.ok) {
      assert.ok(result.value.name === null || typeof result.value.name === 'string');
      for (const container of result.value.containers) assert.ok(container.image === null || typeof container.image === 'string');
    }
  });

  it('__proto__ keys do not pollute Object.prototype (YAML and JSON)', () => {
    parsePodSpecs('kind: Pod\nmetadata: {name: p}\n__proto__: {polluted: yes}\nspec:\n  __proto__: {containers: [{name: x}]}\n  containers: []\n', 'p');
    parsePodSpecs('{"kind":"Pod","__proto__":{"polluted":true},"spec":{"containers":[]}}', 'p');
    parseTwingateHelmValues('__proto__:\n  icmpSupport: {enabled: true}\n', 'v');
    parseConnectorReport('{"__proto__":{"polluted":true},"schema":"icmp-doctor/connector-report@1"}', 'r');
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).containers, undefined);
  });

  it('a valid but 100 000-deep JSON array is read natively and found to be no pod', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    failureOf(parsePodSpecs(deep, 'deep.json')[0]!, 'UNPARSEABLE', /no Kubernetes object found/);
    failureOf(parseConnectorReport(deep, 'deep.json'), 'UNPARSEABLE', /is a list in JSON, not an object/);
  });
});

describe('line parsers against regex traps', () => {
  it('id: a long line of unclosed parentheses', () => failureOf(parseIdOutput('uid=1(' + 'a=1('.repeat(15_000), 'x'), 'UNPARSEABLE', /no "uid=… gid=…" line/));
  it('sysctl: a megabyte of spaces before the key', () => {
    failureOf(parseSysctlOutput(' '.repeat(1024 * 1024) + 'x', 'x'), 'UNPARSEABLE', /no net\.ipv4\.ping_group_range/);
  });
  it('sysctl: a megabyte of spaces after the key', () => {
    failureOf(parseSysctlOutput('net.ipv4.ping_group_range =' + ' '.repeat(1024 * 1024) + 'x', 'x'), 'UNPARSEABLE', /line 1: "x" is not a ping_group_range value/);
  });
});
