// Every rule of Calico NetworkPolicy / GlobalNetworkPolicy (projectcalico.org/v3, as
// `calicoctl get … -o yaml` or the docs print them; crd.projectcalico.org/v1 has the same
// spec) that can match ICMP or ICMPv6, with its type/code match, direction, action and the
// policy's order. A rule matches ICMP when it names it (`protocol: ICMP`, `ICMPv6`, or their
// numbers 1 / 58), or names no protocol at all (`- action: Deny` denies ICMP too), unless
// `notProtocol` or `ipVersion` rules it out. `icmp: {type, code}` narrows it; `notICMP`
// matches everything but that type/code (negated). Within a policy, rules keep their order.
//
// Calico's defaults, applied here: `types` absent means Ingress, plus Egress when the policy
// has egress rules. Staged policies enforce nothing and are not read.

import type { CalicoFacts, CalicoIcmpRule, Gathered } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, InputProblem, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { kubernetesObjects, objectTitle, type KubernetesObject } from './kubernetes-objects';
import { MAX_YAML_CHARS, parseJsonOrYaml } from './safe-yaml';
import { at, isDict, listAt, shown, stringAt, type Dict } from './untrusted-values';

const CALICO_API = /^(projectcalico\.org\/v3|crd\.projectcalico\.org\/v1)$/;
const POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy']);
const ACTIONS: ReadonlyArray<CalicoIcmpRule['action']> = ['Allow', 'Deny', 'Log', 'Pass'];
const WHAT = msg('gather.import.thing.calico-policy');

type IcmpFamily = 'ICMP' | 'ICMPv6';
type ProtocolMatch = IcmpFamily | 'other' | null;

class PolicyProblem extends InputProblem {}

/** A protocol as Calico accepts it: a name (any case) or an IP protocol number. */
function protocolOf(value: unknown, where: string): ProtocolMatch {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  if (text === null || text === '') throw new PolicyProblem(msg('gather.calico.bad-protocol', { where, got: shown(value) }));
  const lower = text.toLowerCase();
  if (lower === 'icmp' || text === '1') return 'ICMP';
  if (lower === 'icmpv6' || text === '58') return 'ICMPv6';
  return 'other';
}

function icmpNumber(value: unknown, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255) return value;
  throw new PolicyProblem(msg('gather.calico.bad-icmp-number', { where, got: shown(value) }));
}

function icmpMatch(value: unknown, where: string): { type: number | null; code: number | null } | null {
  if (value === undefined || value === null) return null;
  if (!isDict(value)) throw new PolicyProblem(msg('gather.calico.bad-icmp-match', { where, got: shown(value) }));
  return { type: icmpNumber(value.type, `${where}.type`), code: icmpNumber(value.code, `${where}.code`) };
}

function actionOf(value: unknown, where: string): CalicoIcmpRule['action'] {
  const action = typeof value === 'string' ? ACTIONS.find((known) => known.toLowerCase() === value.toLowerCase()) : undefined;
  if (action === undefined) throw new PolicyProblem(msg('gather.calico.bad-action', { where: `${where}.action`, got: shown(value) }));
  return action;
}

/** Which ICMP families a rule can match: explicit protocol, or none named (then both, less notProtocol / ipVersion). */
function familiesOf(rule: Dict, where: string): IcmpFamily[] {
  const protocol = protocolOf(rule.protocol, `${where}.protocol`);
  const notProtocol = protocolOf(rule.notProtocol, `${where}.notProtocol`);
  let families: IcmpFamily[] = protocol === null ? ['ICMP', 'ICMPv6'] : protocol === 'other' ? [] : [protocol];
  families = families.filter((family) => family !== notProtocol);
  if (rule.ipVersion === 4) families = families.filter((family) => family === 'ICMP');
  if (rule.ipVersion === 6) families = families.filter((family) => family === 'ICMPv6');
  return families;
}

interface PolicyContext {
  name: string;
  kind: string;
  order: number | null;
}

function rulesOf(spec: Dict, direction: 'ingress' | 'egress', policy: PolicyContext, where: string): CalicoIcmpRule[] {
  const rules = at(spec, direction);
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules)) throw new PolicyProblem(msg('gather.calico.rules-not-list', { where: `${where}.${direction}`, got: shown(rules) }));
  return rules.flatMap((rule, index): CalicoIcmpRule[] => {
    const ruleWhere = `${where}.${direction}[${index}]`;
    if (!isDict(rule)) throw new PolicyProblem(msg('gather.calico.not-a-rule', { where: ruleWhere, got: shown(rule) }));
    const action = actionOf(rule.action, ruleWhere);
    const families = familiesOf(rule, ruleWhere);
    if (families.length === 0) return [];
    const positive = icmpMatch(rule.icmp, `${ruleWhere}.icmp`);
    const negative = positive === null ? icmpMatch(rule.notICMP, `${ruleWhere}.notICMP`) : null;
    const match = positive ?? negative;
    return [
      {
        policy: policy.name,
        kind: policy.kind,
        direction,
        action,
        // Both families: the rule names no protocol (contract: null matches ICMP and ICMPv6).
        protocol: families.length === 2 ? null : (families[0] ?? null),
        icmpType: match?.type ?? null,
        icmpCode: match?.code ?? null,
        negated: positive === null && negative !== null,
        order: policy.order,
      },
    ];
  });
}

function isCalicoPolicy(object: KubernetesObject): boolean {
  if (object.kind === null || !POLICY_KINDS.has(object.kind)) return false;
  const apiVersion = stringAt(object.object, 'apiVersion');
  if (apiVersion !== null) return CALICO_API.test(apiVersion);
  // Without apiVersion only Calico's own kind, or Calico-style rules (with an action), tell it apart.
  return object.kind === 'GlobalNetworkPolicy' || [...listAt(object.object, 'spec', 'ingress'), ...listAt(object.object, 'spec', 'egress')].some((rule) => isDict(rule) && Object.hasOwn(rule, 'action'));
}

function typesOf(spec: Dict): string[] {
  const types = at(spec, 'types');
  if (Array.isArray(types)) return types.filter((type): type is string => typeof type === 'string');
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function readPolicy(object: KubernetesObject, facts: CalicoFacts): void {
  const where = objectTitle(object);
  const spec = at(object.object, 'spec');
  if (!isDict(spec)) throw new PolicyProblem(msg('gather.calico.no-spec', { where }));
  const order = typeof spec.order === 'number' && Number.isFinite(spec.order) ? spec.order : null;
  if (spec.order !== undefined && spec.order !== null && order === null) throw new PolicyProblem(msg('gather.calico.bad-order', { where, got: shown(spec.order) }));
  const name = object.name === null ? `(unnamed, ${object.label})` : object.namespace ? `${object.namespace}/${object.name}` : object.name;
  const policy: PolicyContext = { name, kind: object.kind ?? 'NetworkPolicy', order };
  facts.policies.push({ name, kind: policy.kind, order, selector: typeof spec.selector === 'string' ? spec.selector : null, types: typesOf(spec) });
  facts.icmpRules.push(...rulesOf(spec, 'ingress', policy, `${where}: spec`), ...rulesOf(spec, 'egress', policy, `${where}: spec`));
}

function noPolicies(objects: readonly KubernetesObject[]): Message {
  const kubernetesPolicies = objects.filter((object) => object.kind === 'NetworkPolicy' && /^networking\.k8s\.io\//.test(stringAt(object.object, 'apiVersion') ?? ''));
  if (kubernetesPolicies.length > 0) return msg('gather.calico.only-kubernetes');
  const kinds = [...new Set(objects.map((object) => object.kind ?? 'no kind'))];
  return kinds.length === 0 ? msg('gather.calico.none') : msg('gather.calico.none-of-kinds', { kinds });
}

/** CalicoFacts from pasted policies; UNPARSEABLE names the policy and rule at fault. Never throws. */
export function parseCalicoPolicies(text: string, source: string | Message): Gathered<CalicoFacts> {
  const guarded = guardText(text, WHAT, MAX_YAML_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const documents = parseJsonOrYaml(guarded.value, WHAT);
  if (!documents.ok) return notGathered('UNPARSEABLE', documents.reason, source);
  const objects = kubernetesObjects(documents.value);
  const policies = objects.filter(isCalicoPolicy);
  if (policies.length === 0) return notGathered('UNPARSEABLE', noPolicies(objects), source);
  const facts: CalicoFacts = { policies: [], icmpRules: [] };
  try {
    for (const policy of policies) readPolicy(policy, facts);
  } catch (error) {
    if (error instanceof PolicyProblem) return notGathered('UNPARSEABLE', error.reason, source);
    return notGathered('FAILED', msg('gather.calico.failed', { detail: describeError(error) }), source);
  }
  return gathered(facts, source);
}
