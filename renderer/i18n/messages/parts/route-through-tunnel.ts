// route-through-tunnel: which interface the target is routed through (issue 11).

export const en = {};

export const ja: typeof en = {};
