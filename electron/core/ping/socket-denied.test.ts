import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainSocketDenied } from './socket-denied';
import { capability } from '../../../test-support/ping/capability';


describe('explainSocketDenied', () => {
  it('names the sysctl, its value, our GIDs and the commands that fix it', () => {
    const explained = explainSocketDenied(capability({}), 4);
    assert.equal(explained.fixCommand, 'sudo sysctl -w net.ipv4.ping_group_range="65534 65534"');
    assert.equal(explained.fixEveryGroupCommand, 'sudo sysctl -w net.ipv4.ping_group_range="0 2147483647"');
    assert.match(explained.persistCommand, /\/etc\/sysctl\.d\/.*65534 65534|65534 65534.*\/etc\/sysctl\.d\//);
    const lines = explained.message.split('\n');
    assert.equal(lines[0], 'ICMP is not permitted: the kernel refused an unprivileged ICMPv4 socket (EACCES).');
    assert.equal(
      lines[1],
      'net.ipv4.ping_group_range is "1 0" in this network namespace and admits none of this process\'s groups (egid 65534; supplementary groups: none).',
    );
    assert.ok(explained.message.includes(explained.fixCommand));
    assert.ok(explained.message.includes(explained.persistCommand));
    const denied = explained.reason.params?.['denied'] as { key: string; params: Record<string, unknown> };
    assert.equal(explained.reason.key, 'raw-socket.denied');
    assert.equal(denied.key, 'gather.socket-denied.not-covered');
    assert.equal(denied.params['fixCommand'], explained.fixCommand);
    // Without CAP_NET_RAW: the way that changes nothing on the host is running as root.
    assert.equal(explained.reason.params?.['rawAvailable'], false);
    assert.match(explained.message, /\nOr leave the range as it is: run the diagnostic as root \(sudo\) or with CAP_NET_RAW/);
  });

  it('tells a process that holds CAP_NET_RAW (told to use ping sockets) that nothing needs to change', () => {
    const allowed = { allowed: true, errno: null, errnoCode: null, message: 'raw ICMP socket opened' };
    const explained = explainSocketDenied(capability({ egid: 0, raw: { v4: { family: 4, ...allowed }, v6: { family: 6, ...allowed } }, capNetRaw: true }), 6);
    assert.equal(explained.reason.params?.['rawAvailable'], true);
    assert.match(explained.message, /without --socket ping it probes through raw sockets/);
  });

  it('widens an existing range instead of taking access from groups it admits', () => {
    const explained = explainSocketDenied(capability({ pingGroupRange: [100, 200], egid: 0, groups: [4, 27] }), 6);
    assert.equal(explained.suggestedRange, '0 200');
    assert.match(explained.message, /ICMPv6 socket/);
    assert.match(explained.message, /egid 0; supplementary groups: 4, 27/);
  });

  it('does not blame the range when it already admits us', () => {
    const explained = explainSocketDenied(capability({ pingGroupRange: [0, 2147483647], coveredGroups: [65534] }), 4);
    assert.match(explained.message, /admits this process's group\(s\) 65534/);
    assert.match(explained.message, /SELinux, AppArmor/);
    assert.doesNotMatch(explained.message, /Fix now/);
    assert.equal(explained.reason.key, 'gather.socket-denied.covered');
    assert.deepEqual(explained.reason.params?.['covered'], [65534]);
  });

  it('says so when the range cannot be read', () => {
    const explained = explainSocketDenied(capability({ pingGroupRange: null, pingGroupRangeError: 'ENOENT' }), 4);
    assert.match(explained.message, /ping_group_range is unreadable \(ENOENT\)/);
  });
});
