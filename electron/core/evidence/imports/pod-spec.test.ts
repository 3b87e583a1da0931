import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePodSpecs } from './pod-spec';
import { failureOf, failureReason, sample, valueOf } from './testing';

describe('parsePodSpecs: real-format samples', () => {
  it('`kubectl get pod -o yaml` of cloudflared: pod-level user and group, the container’s dropped capabilities, no sysctls', () => {
    const results = parsePodSpecs(sample('pod-cloudflared.yaml'), 'pod.yaml');
    assert.equal(results.length, 1);
    assert.equal(results[0]?.source, 'pod.yaml');
    assert.deepEqual(valueOf(results[0] ?? { ok: false, code: 'FAILED', message: '', source: '', at: '' }), {
      name: 'cloudflared-6d9f7c8b5d-x7k2p',
      kind: 'Pod',
      namespace: 'cloudflare',
      hostNetwork: false,
      sysctls: [],
      runAsUser: 65532,
      runAsGroup: 65532,
      supplementalGroups: [],
      fsGroup: null,
      containers: [{ name: 'cloudflared', image: 'cloudflare/cloudflared:2024.10.0', runAsUser: null, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: ['ALL'] }],
    });
  });

  it('`helm template` of Twingate’s chart with icmpSupport: the Deployment’s template, the Secret skipped, the sysctl verbatim', () => {
    const results = parsePodSpecs(sample('twingate-helm-template.yaml'), 'rendered.yaml');
    assert.equal(results.length, 1);
    const result = results[0];
    assert.ok(result);
    assert.equal(result.source, 'rendered.yaml (document 2: Deployment twingate/twingate-connector)');
    const pod = valueOf(result);
    assert.equal(pod.kind, 'Deployment');
    assert.deepEqual(pod.sysctls, [{ name: 'net.ipv4.ping_group_range', value: '0  2147483647' }]);
    assert.deepEqual(pod.containers.map((c) => [c.name, c.image, c.runAsUser, c.capabilitiesDrop]), [['connector', 'twingate/connector:1', 65532, ['ALL']]]);
  });

  it('`kubectl get pods -o json` (a List): one fact per pod, fsGroup, numeric-string groups, hostNetwork, NET_RAW', () => {
    const results = parsePodSpecs(sample('pods-list.json'), 'pods.json');
    assert.equal(results.length, 2);
    const [gateway, diag] = results.map((result) => valueOf(result));
    assert.equal(results[0]?.source, 'pods.json (document 1, item 1: Pod firezone/firezone-gateway-0)');
    assert.deepEqual(gateway?.supplementalGroups, [4000, 4001]);
    assert.equal(gateway?.fsGroup, 2000);
    assert.deepEqual(gateway?.sysctls, [{ name: 'net.ipv4.ip_forward', value: '1' }]);
    assert.deepEqual(gateway?.containers[0]?.capabilitiesAdd, ['NET_ADMIN']);
    assert.equal(diag?.hostNetwork, true);
    assert.deepEqual(diag?.containers[0]?.capabilitiesAdd, ['NET_RAW']);
    assert.equal(diag?.containers[0]?.runAsUser, 0);
  });

  it('every workload kind finds its template; a bare spec is read too', () => {
    const template = 'template:\n      spec:\n        containers: [{name: c, image: i}]';
    const docs = [
      `kind: DaemonSet\nmetadata: {name: d}\nspec:\n  ${template.replace(/\n {6}/g, '\n    ')}`,
      `kind: StatefulSet\nmetadata: {name: s}\nspec:\n  ${template.replace(/\n {6}/g, '\n    ')}`,
      'kind: CronJob\nmetadata: {name: cj}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c}]',
      'containers:\n- name: bare\n  image: cloudflare/cloudflared\nsecurityContext:\n  sysctls:\n  - {name: net.ipv4.ping_group_range, value: 0 2147483647}',
    ];
    const results = parsePodSpecs(docs.join('\n---\n'), 'many.yaml');
    assert.deepEqual(results.map((r) => valueOf(r).kind), ['DaemonSet', 'StatefulSet', 'CronJob', 'PodSpec']);
    assert.deepEqual(valueOf(results[3] ?? results[0]!).sysctls, [{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }]);
  });

  it('YAML 1.1 as Kubernetes reads it: `yes` is true, merge keys apply, unquoted sysctl values become text', () => {
    const text = `x-defaults: &defaults
  runAsUser: 65532
  runAsGroup: 65532
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: yes
  securityContext:
    <<: *defaults
    sysctls:
    - name: net.ipv4.ping_group_range
      value: 0 2147483647
  containers: [{name: c}]
`;
    const pod = valueOf(parsePodSpecs(text, 'p.yaml')[0]!);
    assert.equal(pod.hostNetwork, true);
    assert.equal(pod.runAsUser, 65532);
    assert.equal(pod.runAsGroup, 65532);
    assert.deepEqual(pod.sysctls, [{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }]);
  });
});

describe('parsePodSpecs: refusals', () => {
  it('no pod in it names the kinds found', () => {
    const results = parsePodSpecs('apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: ConfigMap\n', 's.yaml');
    assert.equal(results.length, 1);
    const reason = failureReason(results[0]!, 'UNPARSEABLE', /no Pod or pod template found \(found: Service, ConfigMap\)/, /kubectl get pod/);
    assert.deepEqual(reason, { key: 'gather.pod.no-pods', params: { kinds: ['Service', 'ConfigMap'] } });
  });
  it('Helm values pasted as a pod spec are recognised', () => {
    failureOf(parsePodSpecs('icmpSupport:\n  enabled: true\n', 'v.yaml')[0]!, 'UNPARSEABLE', /looks like Helm values/);
  });
  it('a Deployment without a template', () => {
    failureOf(parsePodSpecs('kind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n', 'd.yaml')[0]!, 'UNPARSEABLE', /Deployment d has no spec\.template\.spec/);
  });
  it('a malformed sysctl entry names where it is', () => {
    const text = 'kind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n    - value: "1 0"\n  containers: [{name: c}]\n';
    failureOf(parsePodSpecs(text, 'p.yaml')[0]!, 'UNPARSEABLE', /Pod p: spec\.securityContext\.sysctls\[0\] needs a name and a value/);
  });
  it('containers that are not a list', () => {
    failureOf(parsePodSpecs('kind: Pod\nmetadata: {name: p}\nspec:\n  containers: nope\n', 'p.yaml')[0]!, 'UNPARSEABLE', /spec\.containers is "nope"/);
  });
  it('invalid YAML gives the line', () => {
    failureOf(parsePodSpecs('kind: Pod\nspec:\n  containers:\n  - name: "unterminated\n', 'p.yaml')[0]!, 'UNPARSEABLE', /not valid YAML/, /line \d+/);
  });
  it('broken JSON says so', () => {
    failureOf(parsePodSpecs('{"kind": "Pod", "spec": ', 'p.json')[0]!, 'UNPARSEABLE', /neither valid JSON/);
  });
  it('a scalar document', () => failureOf(parsePodSpecs('just some words\n', 'x')[0]!, 'UNPARSEABLE', /no Kubernetes object found/));
});
