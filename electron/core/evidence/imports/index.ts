// Parsers for evidence the user pastes or imports. Each is a pure function
// `(text, source) => Gathered<…>` (pod specs: one Gathered per pod-bearing object) that
// never throws, caps its input, and answers UNPARSEABLE with what was wrong and what to paste.

export { parseSysctlOutput, MAX_SYSCTL_CHARS } from './sysctl-output';
export { parseIdOutput, MAX_ID_CHARS } from './id-output';
export { parsePodSpecs } from './pod-spec';
export { parseTwingateHelmValues, goTemplateTruth } from './helm-values';
export { parseCalicoPolicies } from './calico-policy';
export { parseConnectorReport, CONNECTOR_REPORT_SCHEMA, MAX_CONNECTOR_REPORT_CHARS } from './connector-report';
export { MAX_YAML_CHARS, parseJsonOrYaml, parseYamlDocuments } from './safe-yaml';
export { parseNftRuleset, parseIptablesSave, MAX_RULESET_CHARS } from './firewall-ruleset';
export { parseTwingateLog } from './twingate-log';
export { parseFirezoneLog } from './firezone-log';
export { parseFirezoneResources } from './firezone-resource';
