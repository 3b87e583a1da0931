import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { renderMessage } from '../../i18n/messages/render';
import { ALLOWED_ICMP_TYPES, DEFAULT_CALICO_ALLOW, calicoAllowIcmpPolicy, calicoAllowIcmpYaml, calicoAllowIcmpYamlMessage, calicoApplyCommand } from './calico-icmp-policy';
import { argvOf } from '../../../test-support/remediation/bash';

describe('the Calico allow-ICMP policy', () => {
  it('parses back to a GlobalNetworkPolicy allowing echo 8/128 and errors 3, 11 / 1, 2, 3 both ways', () => {
    const policy = parse(calicoAllowIcmpYaml(DEFAULT_CALICO_ALLOW)) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string };
      spec: { order: number; selector: string; types: string[]; ingress: Array<{ action: string; protocol: string; icmp: { type: number } }>; egress: unknown[] };
    };
    assert.equal(policy.apiVersion, 'projectcalico.org/v3');
    assert.equal(policy.kind, 'GlobalNetworkPolicy');
    assert.equal(policy.metadata.name, 'icmp-doctor-allow-icmp');
    assert.equal(policy.spec.order, 100);
    assert.equal(policy.spec.selector, 'all()');
    assert.deepEqual(policy.spec.types, ['Ingress', 'Egress']);
    const allowed = policy.spec.ingress.map((rule) => `${rule.action} ${rule.protocol} ${rule.icmp.type}`);
    assert.deepEqual(allowed, ['Allow ICMP 8', 'Allow ICMP 3', 'Allow ICMP 11', 'Allow ICMPv6 128', 'Allow ICMPv6 1', 'Allow ICMPv6 2', 'Allow ICMPv6 3']);
    assert.deepEqual(policy.spec.egress, policy.spec.ingress);
    assert.equal(ALLOWED_ICMP_TYPES.length, 7);
  });

  it('takes the order and selector it is given, even hostile ones, as plain values', () => {
    const request = { name: 'allow-icmp', order: 199, selector: "app == 'cloudflared' || x: [y]\n- injected", directions: ['Ingress'] as const, reason: 'because\n- not: yaml' };
    const text = calicoAllowIcmpYaml(request);
    assert.deepEqual(parse(text), calicoAllowIcmpPolicy(request));
    const spec = (parse(text) as { spec: Record<string, unknown> }).spec;
    assert.equal(spec['selector'], request.selector);
    assert.equal(spec['egress'], undefined);
    // The comment says the order in both languages, and the hostile reason stays a comment in both.
    for (const locale of ['en', 'ja'] as const) {
      const said = renderMessage(calicoAllowIcmpYamlMessage(request), locale);
      assert.match(said, /^# order 199: /m, locale);
      assert.match(said, /^# - not: yaml$/m, locale);
      assert.deepEqual(parse(said), calicoAllowIcmpPolicy(request), locale);
    }
  });

  it('comes with the command that applies it', () => {
    assert.deepEqual(argvOf(calicoApplyCommand()), ['calicoctl', 'apply', '-f', 'allow-icmp.yaml']);
  });
});
