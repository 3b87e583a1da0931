// Messages of one area (see catalogue.ts), in English and Japanese.

export const en = {};

export const ja: typeof en = {};
