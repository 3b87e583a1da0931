// Raw ICMP sockets, the socket chosen, and untranslated ICMP errors (issue 10).

export const en = {};

export const ja: typeof en = {};
