// Facts from a Kubernetes pod spec that decide whether a connector in it may open ICMP
// sockets: the pod's sysctls (net.ipv4.ping_group_range), the user/groups it runs as
// (runAsUser, runAsGroup, supplementalGroups, fsGroup), hostNetwork, and per container its
// user and capabilities (NET_RAW). Reads `kubectl get pod -o yaml|json`, manifests of a Pod
// or of any workload's pod template (Deployment, DaemonSet, StatefulSet, ReplicaSet, Job,
// CronJob, PodTemplate), multi-document files (`helm template` output) and Lists; every
// pod-bearing object becomes its own fact, other objects (Service, ConfigMap…) are skipped.

import type { Gathered, PodSpecFacts } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, InputProblem, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { kubernetesObjects, objectTitle, type KubernetesObject } from './kubernetes-objects';
import { MAX_YAML_CHARS, parseJsonOrYaml } from './safe-yaml';
import { at, dictAt, idAt, isDict, scalarText, shown, stringAt, type Dict } from './untrusted-values';

/** Where each kind keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

const WHAT = msg('gather.import.thing.pod-spec');

class PodSpecProblem extends InputProblem {}

function ids(value: unknown, where: string): number[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PodSpecProblem(msg('gather.pod.ids-not-list', { where, got: shown(value) }));
  return value.map((entry, index) => {
    const id = idAt({ v: entry }, 'v');
    if (id === null) throw new PodSpecProblem(msg('gather.pod.not-an-id', { where: `${where}[${index}]`, got: shown(entry) }));
    return id;
  });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function sysctlsOf(spec: Dict, where: string): PodSpecFacts['sysctls'] {
  const sysctls = at(spec, 'securityContext', 'sysctls');
  if (sysctls === undefined || sysctls === null) return [];
  if (!Array.isArray(sysctls)) throw new PodSpecProblem(msg('gather.pod.sysctls-not-list', { where: `${where}.securityContext.sysctls`, got: shown(sysctls) }));
  return sysctls.map((entry, index) => {
    const name = stringAt(entry, 'name');
    const value = scalarText(at(entry, 'value'));
    if (name === null || value === null) {
      throw new PodSpecProblem(msg('gather.pod.sysctl-incomplete', { where: `${where}.securityContext.sysctls[${index}]`, got: shown(entry) }));
    }
    return { name, value };
  });
}

function containersOf(spec: Dict, where: string): PodSpecFacts['containers'] {
  const containers = at(spec, 'containers');
  if (!Array.isArray(containers)) {
    const got = containers === undefined ? msg('gather.value.missing') : shown(containers);
    throw new PodSpecProblem(msg('gather.pod.no-containers', { where: `${where}.containers`, got }));
  }
  return containers.filter(isDict).map((container, index) => ({
    name: stringAt(container, 'name') ?? `container ${index + 1}`,
    image: stringAt(container, 'image'),
    runAsUser: idAt(container, 'securityContext', 'runAsUser'),
    runAsGroup: idAt(container, 'securityContext', 'runAsGroup'),
    capabilitiesAdd: strings(at(container, 'securityContext', 'capabilities', 'add')),
    capabilitiesDrop: strings(at(container, 'securityContext', 'capabilities', 'drop')),
  }));
}

function factsOf(object: KubernetesObject, spec: Dict, where: string): PodSpecFacts {
  return {
    name: object.name,
    kind: object.kind ?? 'PodSpec',
    namespace: object.namespace,
    hostNetwork: at(spec, 'hostNetwork') === true,
    sysctls: sysctlsOf(spec, where),
    runAsUser: idAt(spec, 'securityContext', 'runAsUser'),
    runAsGroup: idAt(spec, 'securityContext', 'runAsGroup'),
    supplementalGroups: ids(at(spec, 'securityContext', 'supplementalGroups'), `${where}.securityContext.supplementalGroups`),
    fsGroup: idAt(spec, 'securityContext', 'fsGroup'),
    containers: containersOf(spec, where),
  };
}

/** The pod spec inside `object` and the path to it, or null when its kind carries none. */
function podSpecOf(object: KubernetesObject): { spec: Dict; path: string } | null {
  const path = object.kind === null ? null : POD_SPEC_PATHS[object.kind];
  if (path) {
    const spec = dictAt(object.object, ...path);
    if (spec === null) throw new PodSpecProblem(msg('gather.pod.no-spec', { object: objectTitle(object), path: path.join('.') }));
    return { spec, path: path.join('.') };
  }
  // Just the spec, pasted on its own (no kind, containers at the top).
  if (object.kind === null && Array.isArray(object.object.containers)) return { spec: object.object, path: 'spec' };
  return null;
}

function notAPod(objects: readonly KubernetesObject[], documents: readonly unknown[]): Message {
  if (documents.some((document) => isDict(document) && Object.hasOwn(document, 'icmpSupport'))) return msg('gather.pod.helm-values');
  const kinds = [...new Set(objects.map((object) => object.kind ?? 'no kind'))];
  return kinds.length === 0 ? msg('gather.pod.no-objects') : msg('gather.pod.no-pods', { kinds });
}

/**
 * One fact per pod-bearing object (its source names the document when there are several),
 * or a single failure saying what is wrong and what to paste. Never throws.
 */
export function parsePodSpecs(text: string, source: string | Message): Array<Gathered<PodSpecFacts>> {
  const guarded = guardText(text, WHAT, MAX_YAML_CHARS);
  if (!guarded.ok) return [notGathered('UNPARSEABLE', guarded.reason, source)];
  const documents = parseJsonOrYaml(guarded.value, WHAT);
  if (!documents.ok) return [notGathered('UNPARSEABLE', documents.reason, source)];
  const objects = kubernetesObjects(documents.value);
  const facts: Array<Gathered<PodSpecFacts>> = [];
  try {
    const pods = objects.flatMap((object) => {
      const found = podSpecOf(object);
      return found === null ? [] : [{ object, ...found }];
    });
    for (const { object, spec, path } of pods) {
      const where = `${objectTitle(object)}: ${path}`;
      const cited = pods.length > 1 || objects.length > 1 ? msg('source.pod-object', { source, document: object.document, item: object.item, title: objectTitle(object) }) : source;
      facts.push(gathered(factsOf(object, spec, where), cited));
    }
  } catch (error) {
    if (error instanceof PodSpecProblem) return [notGathered('UNPARSEABLE', error.reason, source)];
    return [notGathered('FAILED', msg('gather.pod.failed', { detail: describeError(error) }), source)];
  }
  return facts.length > 0 ? facts : [notGathered('UNPARSEABLE', notAPod(objects, documents.value), source)];
}
