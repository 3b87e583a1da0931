// Windows probing (IcmpSendEcho2Ex) and what a Windows host can check (issue 10).

export const en = {};

export const ja: typeof en = {};
