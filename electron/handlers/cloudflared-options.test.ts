// The handler turns a request's hostWideLeads into the gatherer's options: what is not the
// process's own is not looked in; without hostWideLeads, everything is, as before.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudflaredRequest } from '../../contract/api';
import { cloudflaredOptions } from './cloudflared-options';

const request: CloudflaredRequest = { logPath: null, configPath: null, metricsUrl: null, connectors: [] };

describe('cloudflaredOptions', () => {
  it('turns off the journal, the service log files and the port scan where the request says so', () => {
    const signal = new AbortController().signal;
    assert.deepEqual(cloudflaredOptions({ ...request, hostWideLeads: { journal: false, serviceLogs: false, portScan: false } }, signal), {
      signal,
      journal: null,
      defaultLogPaths: [],
      metricsPorts: [],
    });
    assert.deepEqual(cloudflaredOptions({ ...request, hostWideLeads: { journal: true, serviceLogs: false, portScan: false } }, undefined), { defaultLogPaths: [], metricsPorts: [] });
  });

  it('keeps every default without hostWideLeads, or with one that is not an object of booleans', () => {
    assert.deepEqual(cloudflaredOptions(request, undefined), {});
    assert.deepEqual(cloudflaredOptions({ ...request, hostWideLeads: 'no' } as unknown as CloudflaredRequest, undefined), {});
    assert.deepEqual(cloudflaredOptions({ ...request, hostWideLeads: { journal: 0, portScan: 'false' } } as unknown as CloudflaredRequest, undefined), {});
  });
});
