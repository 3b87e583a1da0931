// One verdict per connector process: the CLI, report and connector-mode words (issue 9).

export const en = {};

export const ja: typeof en = {};
