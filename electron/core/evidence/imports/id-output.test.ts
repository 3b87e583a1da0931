import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIdOutput } from './id-output';
import { failureOf, failureReason, valueOf } from './testing';

const SOURCE = 'pasted id output';

describe('parseIdOutput: what `id` prints', () => {
  it('a desktop user', () => {
    assert.deepEqual(valueOf(parseIdOutput('uid=1000(me) gid=1000(me) groups=1000(me),4(adm),27(sudo),999(docker)\n', SOURCE)), {
      uid: 1000,
      euid: 1000,
      gid: 1000,
      egid: 1000,
      groups: [1000, 4, 27, 999],
    });
  });
  it('root, as cloudflared runs on a Raspberry Pi (seed 002)', () => {
    assert.deepEqual(valueOf(parseIdOutput('uid=0(root) gid=0(root) groups=0(root)', SOURCE)), { uid: 0, euid: 0, gid: 0, egid: 0, groups: [0] });
  });
  it('the distroless nonroot user (cloudflared and Twingate images)', () => {
    assert.deepEqual(valueOf(parseIdOutput('uid=65532(nonroot) gid=65532(nonroot) groups=65532(nonroot)', SOURCE)).egid, 65532);
  });
  it('a setuid/setgid program: euid= and egid= override', () => {
    const identity = valueOf(parseIdOutput('uid=1000(me) gid=1000(me) euid=0(root) egid=65532 groups=1000(me)', SOURCE));
    assert.deepEqual([identity.uid, identity.euid, identity.gid, identity.egid], [1000, 0, 1000, 65532]);
  });
  it('no names (numeric ids of a container user without /etc/passwd entry)', () => {
    assert.deepEqual(valueOf(parseIdOutput('uid=65532 gid=65532 groups=65532', SOURCE)).groups, [65532]);
  });
  it('SELinux context, names with spaces, a German locale', () => {
    const text = 'uid=1105(alice) gid=513(domain users) Gruppen=513(domain users),1001(ping ers) context=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023\n';
    assert.deepEqual(valueOf(parseIdOutput(text, SOURCE)), { uid: 1105, euid: 1105, gid: 513, egid: 513, groups: [513, 1001] });
  });
  it('with the command line around it, cited by line', () => {
    const result = parseIdOutput('$ kubectl exec -n twingate deploy/twingate-connector -- id\nuid=65532(nonroot) gid=65532(nonroot) groups=65532(nonroot)\n', SOURCE);
    assert.equal(valueOf(result).uid, 65532);
    assert.equal(result.source, `${SOURCE} (line 2)`);
  });
});

describe('parseIdOutput: refusals', () => {
  it('no id line', () => failureOf(parseIdOutput('permission denied\n', SOURCE), 'UNPARSEABLE', /no "uid=… gid=…" line/, /paste the output of `id`/));
  it('two different users', () => {
    const reason = failureReason(parseIdOutput('uid=0(root) gid=0(root) groups=0(root)\nuid=1000(me) gid=1000(me) groups=1000(me)\n', SOURCE), 'UNPARSEABLE', /2 different id outputs \(lines 1, 2\)/);
    assert.deepEqual(reason, { key: 'gather.id.several', params: { count: 2, lines: [1, 2] } });
  });
  it('an id beyond 32 bits', () => failureOf(parseIdOutput('uid=99999999999 gid=0 groups=0', SOURCE), 'UNPARSEABLE', /larger than 4294967295/));
  it('uid without gid', () => failureOf(parseIdOutput('uid=0(root)', SOURCE), 'UNPARSEABLE', /no "uid=… gid=…" line/));
});
