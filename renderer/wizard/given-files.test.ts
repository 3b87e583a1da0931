// Whose file is a --cloudflared-log / --cloudflared-config / --metrics, with several cloudflared
// processes: the one whose own flags, environment or /proc view name it, else nobody's.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connector, gathered } from '../../test-support/checks/evidence';
import { attributeGivenFiles, hostWideLeadsFor } from './given-files';

const a = connector({ pid: 100, command: ['/usr/bin/cloudflared', 'tunnel', '--config=/etc/a.yml', '--metrics', 'localhost:20241', 'run'] });
const b = connector({
  pid: 200,
  command: ['/opt/cf/cloudflared-2023.7.3', 'tunnel', '-config', '/etc/b.yml', '--log-directory', '/var/log/cf-b/', 'run'],
  environment: gathered({ TUNNEL_METRICS: '127.0.0.1:36147' }, '/proc/200/environ'),
});
const none = { cloudflaredLog: null, cloudflaredConfig: null, metricsUrl: null };

describe('attributing the files the user named to one of several cloudflared processes', () => {
  it("gives each input to the process whose own flags or environment name it", () => {
    const plan = attributeGivenFiles(
      { cloudflaredLog: '/var/log/cf-b//cloudflared-2026-12-04T15-54-00.373.log', cloudflaredConfig: '/etc/a.yml', metricsUrl: 'http://127.0.0.1:36147/metrics' },
      [a, b],
    );
    assert.deepEqual(plan.byPid.get(100), { logPath: null, configPath: '/etc/a.yml', metricsUrl: null });
    assert.deepEqual(plan.byPid.get(200), { logPath: '/var/log/cf-b//cloudflared-2026-12-04T15-54-00.373.log', configPath: null, metricsUrl: 'http://127.0.0.1:36147/metrics' });
    assert.deepEqual(plan.unattributed, []);
  });

  it('reads localhost and 127.0.0.1 as the same metrics address', () => {
    assert.equal(attributeGivenFiles({ ...none, metricsUrl: '127.0.0.1:20241' }, [a, b]).byPid.get(100)?.metricsUrl, '127.0.0.1:20241');
  });

  it("gives a path under /proc/PID/ to that process, even one its flags do not name", () => {
    const plan = attributeGivenFiles({ ...none, cloudflaredConfig: '/proc/200/root/etc/cloudflared/config.yml' }, [a, b]);
    assert.equal(plan.byPid.get(200)?.configPath, '/proc/200/root/etc/cloudflared/config.yml');
    assert.equal(plan.byPid.get(100)?.configPath, null);
  });

  it('gives what names no process, or a /proc path of another process, to none, and says which input it was', () => {
    const plan = attributeGivenFiles({ cloudflaredLog: '/var/log/cloudflared.log', cloudflaredConfig: '/proc/999/root/etc/x.yml', metricsUrl: 'localhost:9999' }, [a, b]);
    assert.deepEqual(plan.unattributed, [
      { flag: '--cloudflared-log', value: '/var/log/cloudflared.log', claimedBy: [] },
      { flag: '--cloudflared-config', value: '/proc/999/root/etc/x.yml', claimedBy: [] },
      { flag: '--metrics', value: 'localhost:9999', claimedBy: [] },
    ]);
    assert.ok([...plan.byPid.values()].every((given) => given.logPath === null && given.configPath === null && given.metricsUrl === null));
  });

  it('matches a relative flag value only through /proc/PID/cwd', () => {
    const relative = connector({ pid: 300, command: ['cloudflared', 'tunnel', '--config', 'config.yml', 'run'] });
    assert.equal(attributeGivenFiles({ ...none, cloudflaredConfig: 'config.yml' }, [a, relative]).unattributed.length, 1);
    assert.equal(attributeGivenFiles({ ...none, cloudflaredConfig: '/proc/300/cwd/config.yml' }, [a, relative]).byPid.get(300)?.configPath, '/proc/300/cwd/config.yml');
  });

  it("gives the journal of unit cloudflared only to the one process in that unit, and the service logs and port scan to none", () => {
    const service = connector({ pid: 300, cgroup: '/system.slice/cloudflared.service' });
    const docker = connector({ pid: 400, cgroup: '/system.slice/docker-0123abcd.scope' });
    assert.deepEqual([...hostWideLeadsFor([service, docker]).entries()], [
      [300, { journal: true, serviceLogs: false, portScan: false }],
      [400, { journal: false, serviceLogs: false, portScan: false }],
    ]);
    // Two in the unit (or none): nothing tells whose its journal is.
    const twin = connector({ pid: 500, cgroup: '/system.slice/cloudflared.service' });
    assert.ok([...hostWideLeadsFor([service, twin]).values()].every((leads) => !leads.journal));
    assert.ok([...hostWideLeadsFor([a, b]).values()].every((leads) => !leads.journal && !leads.portScan && !leads.serviceLogs));
  });
});
