// Facts from values for Twingate's connector Helm chart (github.com/Twingate/helm-charts,
// stable/connector). What the chart does with them (templates/deployment.yaml):
//   icmpSupport.enabled    `{{- if .Values.icmpSupport.enabled }}` adds the pod sysctl
//                          net.ipv4.ping_group_range = "0  2147483647" (default false);
//   podSecurityContext     rendered into the pod's securityContext (default {});
//   securityContext        the connector container's (default runAsUser 65532, runAsNonRoot,
//                          capabilities drop ALL);
//   hostNetwork            the node's network namespace (default false) — its sysctls, not the pod's.
// A key that is absent is reported as null: the chart's default applies. `if` is a Go template
// test, so a value counts as Helm counts it: the string "false" is true, 0 and "" are false.
// Reads a values.yaml, `helm get values RELEASE` (with its "USER-SUPPLIED VALUES:" line) and
// values of an umbrella chart that has the connector chart as a dependency (one level down).

import type { Gathered, HelmValuesFacts } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, InputProblem, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { MAX_YAML_CHARS, parseJsonOrYaml } from './safe-yaml';
import { at, idAt, isDict, shown, stringAt, type Dict } from './untrusted-values';
import type { Message } from '../../../../contract/message';

const WHAT = msg('gather.import.thing.helm-values');

/** Go template truth (text/template's `if`): false, 0, nil, "" and empty collections are false. */
export function goTemplateTruth(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

function securityContextOf(values: Dict, key: string): { runAsUser: number | null; runAsGroup: number | null } | null {
  const context = at(values, key);
  if (context === undefined || context === null) return null;
  if (!isDict(context)) throw new ValuesProblem(msg('gather.helm.not-mapping', { key, got: shown(context) }));
  return { runAsUser: idAt(context, 'runAsUser'), runAsGroup: idAt(context, 'runAsGroup') };
}

class ValuesProblem extends InputProblem {}

/** The values the connector chart sees: the top level, or one subchart's section that has icmpSupport. */
function chartScope(values: Dict): { scope: Dict; under: string | null } {
  if (Object.hasOwn(values, 'icmpSupport')) return { scope: values, under: null };
  const sections = Object.entries(values).filter(([, value]) => isDict(value) && Object.hasOwn(value, 'icmpSupport'));
  if (sections.length === 1) {
    const [key, section] = sections[0] as [string, Dict];
    return { scope: section, under: key };
  }
  return { scope: values, under: null };
}

function factsOf(values: Dict): HelmValuesFacts {
  const icmpSupport = at(values, 'icmpSupport');
  if (icmpSupport !== undefined && icmpSupport !== null && !isDict(icmpSupport)) {
    throw new ValuesProblem(msg('gather.helm.icmp-support', { got: shown(icmpSupport) }));
  }
  const enabled = at(values, 'icmpSupport', 'enabled');
  const hostNetwork = at(values, 'hostNetwork');
  return {
    icmpSupportEnabled: enabled === undefined ? null : goTemplateTruth(enabled),
    podSecurityContext: securityContextOf(values, 'podSecurityContext'),
    securityContext: securityContextOf(values, 'securityContext'),
    hostNetwork: hostNetwork === undefined ? null : goTemplateTruth(hostNetwork),
  };
}

/** HelmValuesFacts from pasted values; UNPARSEABLE says what is wrong and what to paste. Never throws. */
export function parseTwingateHelmValues(text: string, source: string | Message): Gathered<HelmValuesFacts> {
  const guarded = guardText(text, WHAT, MAX_YAML_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const documents = parseJsonOrYaml(guarded.value, WHAT);
  if (!documents.ok) return notGathered('UNPARSEABLE', documents.reason, source);
  const nonEmpty = documents.value.filter((document) => document !== null);
  if (nonEmpty.length > 1) return notGathered('UNPARSEABLE', msg('gather.helm.documents', { count: nonEmpty.length }), source);
  // A file of comments only is a valid values file: every default applies.
  const values = nonEmpty[0] ?? {};
  if (!isDict(values)) return notGathered('UNPARSEABLE', msg('gather.helm.not-settings', { got: shown(values) }), source);
  const kind = stringAt(values, 'kind');
  if (kind !== null && typeof at(values, 'apiVersion') === 'string') {
    return notGathered('UNPARSEABLE', msg('gather.helm.manifest', { kind }), source);
  }
  const { scope, under } = chartScope(values);
  try {
    return gathered(factsOf(scope), under === null ? source : msg('source.helm-under', { source, under }));
  } catch (error) {
    if (error instanceof ValuesProblem) return notGathered('UNPARSEABLE', error.reason, source);
    return notGathered('FAILED', msg('gather.helm.failed', { detail: describeError(error) }), source);
  }
}
