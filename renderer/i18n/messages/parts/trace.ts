// icmp-doctor trace, the Path step and errors along the path (issue 11).

export const en = {};

export const ja: typeof en = {};
