import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recording } from '../../../../test-support/recordings/cloudflared-2023.7.3';
import { listeningLoopbackAddresses, parseProcNetTcp, socketInodes } from './listening-sockets';

interface RecordedProc {
  fds: Array<{ fd: number; target: string }>;
  net_tcp: string[];
  net_tcp6: string[];
}

function recordedProc(name: string): RecordedProc {
  return JSON.parse(recording(`${name}.proc.json`)) as RecordedProc;
}

describe('listening sockets from the recorded /proc of two real cloudflared 2023.7.3', () => {
  it('parses /proc/net/tcp: addresses, ports, LISTEN state and inodes', () => {
    const sockets = parseProcNetTcp(recordedProc('two-connectors-b').net_tcp.join('\n'), 4);
    assert.equal(sockets.length, 5);
    assert.deepEqual(sockets[0], { address: '10.77.0.1', family: 4, port: 7844, state: '0A', inode: '1852914' });
    assert.deepEqual(sockets[1], { address: '127.0.0.1', family: 4, port: 36147, state: '0A', inode: '1854181' });
    assert.deepEqual(sockets[3], { address: '10.77.0.1', family: 4, port: 57014, state: '01', inode: '1853296' });
  });

  it('keeps only "socket:[INODE]" descriptors', () => {
    const proc = recordedProc('two-connectors-a');
    assert.deepEqual([...socketInodes(proc.fds.map((fd) => fd.target))], ['1853294', '1853296']);
  });

  // Both processes share a namespace, so both tables hold both metrics servers: only the
  // process's own descriptors tell which is whose (the logs say 20241 and 36147).
  for (const [name, address] of [['two-connectors-a', '127.0.0.1:20241'], ['two-connectors-b', '127.0.0.1:36147']] as const) {
    it(`${name}: its own listening socket is ${address}, not the other's nor the edge's`, () => {
      const proc = recordedProc(name);
      assert.match(recording(`${name}.log`), new RegExp(`Starting metrics server on ${address.replace(/\./g, '\\.')}/metrics`));
      const found = listeningLoopbackAddresses(proc.fds.map((fd) => fd.target), proc.net_tcp.join('\n'), proc.net_tcp6.join('\n'));
      assert.deepEqual(found, [address]);
    });
  }

  it('reads IPv6 and IPv4-mapped listeners, and any-address ones as loopback', () => {
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000001000000:4E21 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0',
      '   1: 0000000000000000FFFF00000100007F:4E22 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 112 1 0 100 0 0 10 0',
      '   2: 00000000000000000000000000000000:4E23 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 113 1 0 100 0 0 10 0',
      '   3: 00000000000000000000000001000000:4E24 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 114 1 0 100 0 0 10 0',
    ].join('\n');
    const tcp = '   0: 00000000:4E25 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 115 1 0 100 0 0 10 0';
    const fds = ['socket:[111]', 'socket:[112]', 'socket:[113]', 'socket:[115]', '/dev/null'];
    assert.deepEqual(listeningLoopbackAddresses(fds, tcp, tcp6), ['127.0.0.1:20005', '[::1]:20001', '127.0.0.1:20002', '[::1]:20003']);
  });
});
