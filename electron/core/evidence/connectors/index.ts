// Connector discovery: cloudflared, Twingate connectors and Firezone gateways on this host,
// found through /proc, with their identity, namespace, environment and ping_group_range.

export { gatherConnectors } from './gather-connectors';
export type { GatherConnectorsOptions } from './gather-connectors';
export { connectorKindOf } from './connector-kinds';
export { RELEVANT_ENVIRONMENT, filterEnvironment, selectEnvironment } from './connector-environment';
export { containerFromCgroup } from './container-hint';
export type { ContainerHint } from './container-hint';
export { CONNECTOR_CHECK_COMMAND } from './namespace-range';
