// Messages of one area (see catalogue.ts), in English and Japanese: why a gatherer could not
// have a fact (gather failures' `reason`). One file per gatherer area under gather/.

import * as cloudflareApi from './gather/cloudflare-api';
import * as cloudflared from './gather/cloudflared';
import * as connectors from './gather/connectors';
import * as imports from './gather/imports';
import * as local from './gather/local';
import * as probes from './gather/probes';

export const en = {
  ...probes.en,
  ...local.en,
  ...connectors.en,
  ...imports.en,
  ...cloudflared.en,
  ...cloudflareApi.en,
};

export const ja: typeof en = {
  ...probes.ja,
  ...local.ja,
  ...connectors.ja,
  ...imports.ja,
  ...cloudflared.ja,
  ...cloudflareApi.ja,
};
