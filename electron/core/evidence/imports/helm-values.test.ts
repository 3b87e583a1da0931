import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTemplateTruth, parseTwingateHelmValues } from './helm-values';
import { failureOf, failureReason, sample, valueOf } from './testing';

describe('parseTwingateHelmValues', () => {
  it('a values file for twingate/connector with ICMP support on', () => {
    assert.deepEqual(valueOf(parseTwingateHelmValues(sample('twingate-values.yaml'), 'values.yaml')), {
      icmpSupportEnabled: true,
      podSecurityContext: { runAsUser: null, runAsGroup: null },
      securityContext: { runAsUser: 65532, runAsGroup: null },
      hostNetwork: false,
    });
  });

  it('`helm get values` output (USER-SUPPLIED VALUES: line) without icmpSupport: null, the chart default applies', () => {
    assert.deepEqual(valueOf(parseTwingateHelmValues(sample('helm-get-values.txt'), 'helm get values')), {
      icmpSupportEnabled: null,
      podSecurityContext: { runAsUser: 65532, runAsGroup: 65532 },
      securityContext: null,
      hostNetwork: null,
    });
  });

  it('the chart’s own default values.yaml (icmpSupport.enabled: false)', () => {
    const defaults = 'image:\n  repository: twingate/connector\n  tag: 1\nhostNetwork: false  # To enable hostnetwork for pod\nicmpSupport:\n  enabled: false\npodSecurityContext: {}\n  # seccompProfile:\n  #   type: RuntimeDefault\nconnector: {}\n';
    assert.equal(valueOf(parseTwingateHelmValues(defaults, 'values.yaml')).icmpSupportEnabled, false);
  });

  it('as Helm’s template reads it: "false" (a string) is true, yes/on are true, 0 is false', () => {
    const read = (value: string) => valueOf(parseTwingateHelmValues(`icmpSupport:\n  enabled: ${value}\n`, 'v')).icmpSupportEnabled;
    assert.equal(read('"false"'), true);
    assert.equal(read('yes'), true);
    assert.equal(read('on'), true);
    assert.equal(read('0'), false);
    assert.equal(read('""'), false);
    assert.equal(read('~'), false);
  });

  it('an umbrella chart with the connector as a dependency', () => {
    const result = parseTwingateHelmValues('twingate-connector:\n  icmpSupport:\n    enabled: true\nother: {}\n', 'umbrella.yaml');
    assert.equal(valueOf(result).icmpSupportEnabled, true);
    assert.equal(result.source, 'umbrella.yaml (under "twingate-connector:")');
  });

  it('comments only: all defaults', () => {
    assert.deepEqual(valueOf(parseTwingateHelmValues('# nothing set\n', 'v')), { icmpSupportEnabled: null, podSecurityContext: null, securityContext: null, hostNetwork: null });
  });

  it('`icmpSupport: true` is refused with the shape the chart expects', () => {
    failureOf(parseTwingateHelmValues('icmpSupport: true\n', 'v'), 'UNPARSEABLE', /icmpSupport is true, but the chart reads icmpSupport\.enabled/);
  });
  it('a Kubernetes manifest is not values', () => {
    failureOf(parseTwingateHelmValues(sample('pod-cloudflared.yaml'), 'v'), 'UNPARSEABLE', /Kubernetes Pod manifest, not Helm values/);
  });
  it('a list is not values; two documents are not one file', () => {
    failureOf(parseTwingateHelmValues('- a\n- b\n', 'v'), 'UNPARSEABLE', /a list, not a mapping/);
    assert.deepEqual(failureReason(parseTwingateHelmValues('a: 1\n---\nb: 2\n', 'v'), 'UNPARSEABLE', /2 YAML documents/), { key: 'gather.helm.documents', params: { count: 2 } });
  });
  it('securityContext that is not a mapping', () => {
    failureOf(parseTwingateHelmValues('securityContext: 65532\n', 'v'), 'UNPARSEABLE', /securityContext must be a mapping/);
  });
});

describe('goTemplateTruth', () => {
  it('follows text/template', () => {
    assert.deepEqual([true, 'x', 1, [0], { a: 1 }].map(goTemplateTruth), [true, true, true, true, true]);
    assert.deepEqual([false, '', 0, [], {}, null, undefined].map(goTemplateTruth), [false, false, false, false, false, false, false]);
  });
});
