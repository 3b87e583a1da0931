// icmp-doctor ping with many targets (issue 11).

export const en = {};

export const ja: typeof en = {};
