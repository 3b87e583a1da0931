// Twingate connector logs and Helm values, Firezone gateway version and resource filters (issue 9).

export const en = {};

export const ja: typeof en = {};
