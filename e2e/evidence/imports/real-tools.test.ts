// The paste parsers fed with what the real tools print: sysctl (one key, -n, -a with its
// permission errors mixed in, as a terminal shows them), cat of the /proc file, and id for
// root, the unprivileged user and a cloudflared-like 65532 user with an extra group — run in
// lab namespaces whose ping_group_range differs. Each parse must equal what the kernel holds.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Gathered, Identity, PingGroupRange } from '../../../contract/evidence';
import { parseIdOutput } from '../../../electron/core/evidence/imports/id-output';
import { parseSysctlOutput } from '../../../electron/core/evidence/imports/sysctl-output';
import { createLab, labUnavailableReason, type Lab, type RunAs } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';

function valueOf<T>(result: Gathered<T>): T {
  assert.equal(result.ok, true, JSON.stringify(result));
  return (result as { value: T }).value;
}

/** Numbers from `id -u`, `id -g`, `id -G`: a second, independent reading of the same identity. */
async function numericIdentity(lab: Lab, ns: NsRole, prefix: string[], user: RunAs): Promise<{ uid: number; gid: number; groups: number[] }> {
  const read = async (flag: string) => (await lab.exec(ns, [...prefix, 'id', flag], { user, check: true })).stdout.trim();
  return { uid: Number(await read('-u')), gid: Number(await read('-g')), groups: (await read('-G')).split(/\s+/).map(Number) };
}

describe('parsers read what sysctl, cat and id print', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    // A range nobody would guess, to be sure the value is read and not assumed.
    await lab.setPingGroupRange('server', 4242, 65532);
  });
  after(() => lab.destroy());

  for (const ns of ['client', 'denied', 'server'] as const) {
    for (const user of ['root', 'unprivileged'] as const) {
      it(`${ns} as ${user}: sysctl KEY, sysctl -n, cat /proc/…, and sysctl -a with its errors`, async () => {
        const [low, high] = await lab.getPingGroupRange(ns);
        const expected: PingGroupRange = { low, high };
        const outputs = {
          sysctl: await lab.exec(ns, ['sysctl', 'net.ipv4.ping_group_range'], { user, check: true }),
          'sysctl -n': await lab.exec(ns, ['sysctl', '-n', 'net.ipv4.ping_group_range'], { user, check: true }),
          cat: await lab.exec(ns, ['cat', '/proc/sys/net/ipv4/ping_group_range'], { user, check: true }),
          // A terminal interleaves stderr ("permission denied on key …" for the unprivileged user).
          'sysctl -a': await lab.exec(ns, ['sh', '-c', 'sysctl -a 2>&1'], { user }),
        };
        for (const [command, output] of Object.entries(outputs)) {
          assert.deepEqual(valueOf(parseSysctlOutput(output.stdout, command)), expected, `${command} printed:\n${output.stdout.slice(0, 200)}`);
        }
        assert.ok(outputs['sysctl -a'].stdout.split('\n').length > 100, 'sysctl -a printed a real listing');
      });
    }
  }

  const IDENTITIES: Array<{ name: string; prefix: string[]; user: RunAs; expected: Identity }> = [
    { name: 'root', prefix: [], user: 'root', expected: { uid: 0, euid: 0, gid: 0, egid: 0, groups: [0] } },
    { name: 'the unprivileged user', prefix: [], user: 'unprivileged', expected: { uid: 65534, euid: 65534, gid: 65534, egid: 65534, groups: [65534] } },
    {
      name: 'cloudflared’s image user with an extra group',
      prefix: ['setpriv', '--reuid=65532', '--regid=65532', '--groups=65532,4242', '--'],
      user: 'root',
      expected: { uid: 65532, euid: 65532, gid: 65532, egid: 65532, groups: [65532, 4242] },
    },
  ];
  for (const { name, prefix, user, expected } of IDENTITIES) {
    it(`id of ${name}`, async () => {
      const output = await lab.exec('client', [...prefix, 'id'], { user, check: true });
      const identity = valueOf(parseIdOutput(output.stdout, 'id'));
      assert.deepEqual({ ...identity, groups: [...identity.groups].sort((a, b) => a - b) }, { ...expected, groups: [...expected.groups].sort((a, b) => a - b) }, output.stdout);
      const numeric = await numericIdentity(lab, 'client', prefix, user);
      assert.deepEqual([identity.uid, identity.gid, [...identity.groups].sort()], [numeric.uid, numeric.gid, [...numeric.groups].sort()]);
    });
  }
});
