// Deployment styles: which one the connector runs in, and the fixes that fit it first.

export { SIGNALS, decideDeploy, systemdUnitOf } from './detect';
export { orderFixes, splitFixes } from './order';
export type { SplitFixes } from './order';
