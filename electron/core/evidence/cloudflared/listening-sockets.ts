// Where a process's own servers listen: its socket file descriptors (/proc/PID/fd → "socket:[INODE]")
// matched against the TCP sockets of its network namespace (/proc/PID/net/tcp and tcp6) in state
// 0A (LISTEN). cloudflared before 2024.12.0 binds its metrics server to a random port when
// 20241–20245 are taken (recordings/2023.7.3/two-connectors-b: 127.0.0.1:36147), and the log
// that says where may be gone; the socket table still says it.

import { readdir } from 'node:fs/promises';
import { readProcFile, readProcLink } from '../connectors/proc-files';

export interface TcpSocket {
  /** Dotted IPv4 or RFC 5952-ish IPv6 (lower-case, full groups without leading zeros). */
  address: string;
  family: 4 | 6;
  port: number;
  /** The kernel's state number, in hex as /proc prints it: "0A" is LISTEN. */
  state: string;
  inode: string;
}

const LISTEN = '0A';
/** More descriptors than any connector holds; a process with more is not read further. */
const FD_LIMIT = 4096;
const NET_TCP_LIMIT = 4 * 1024 * 1024;

function ipv4(hex: string): string | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  // One 32-bit word in host (little-endian) byte order.
  const bytes = [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return bytes.join('.');
}

function ipv6(hex: string): string | null {
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return null;
  const bytes: number[] = [];
  // Four 32-bit words, each in host (little-endian) byte order.
  for (let word = 0; word < 4; word += 1) {
    const chunk = hex.slice(word * 8, word * 8 + 8);
    bytes.push(...[6, 4, 2, 0].map((at) => parseInt(chunk.slice(at, at + 2), 16)));
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

/** The sockets of /proc/PID/net/tcp (family 4) or tcp6 (family 6); the header and odd lines are skipped. */
export function parseProcNetTcp(text: string, family: 4 | 6): TcpSocket[] {
  const sockets: TcpSocket[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
    if (fields.length < 10 || !/^\d+:$/.test(fields[0] ?? '')) continue;
    const [addressHex = '', portHex = ''] = (fields[1] ?? '').split(':');
    const address = family === 4 ? ipv4(addressHex) : ipv6(addressHex);
    const inode = fields[9] ?? '';
    if (address === null || !/^[0-9A-Fa-f]{4}$/.test(portHex) || !/^\d+$/.test(inode)) continue;
    sockets.push({ address, family, port: parseInt(portHex, 16), state: (fields[3] ?? '').toUpperCase(), inode });
  }
  return sockets;
}

/** The inodes of "socket:[INODE]" descriptor targets. */
export function socketInodes(fdTargets: readonly string[]): Set<string> {
  const inodes = new Set<string>();
  for (const target of fdTargets) {
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  return inodes;
}

/** Addresses a listener on `address` answers on from this namespace's loopback. */
function loopbackAddress(socket: TcpSocket): string | null {
  if (socket.family === 4) {
    if (socket.address === '127.0.0.1' || socket.address === '0.0.0.0') return `127.0.0.1:${socket.port}`;
    return null;
  }
  if (socket.address === '0:0:0:0:0:0:0:1' || socket.address === '0:0:0:0:0:0:0:0') return `[::1]:${socket.port}`;
  // ::ffff:127.0.0.1 — an IPv4 loopback listener seen through tcp6.
  if (socket.address === '0:0:0:0:0:ffff:7f00:1') return `127.0.0.1:${socket.port}`;
  return null;
}

/**
 * The loopback addresses (host:port) the process with these descriptors listens on, in the
 * order its sockets appear; tcp and tcp6 are its namespace's tables.
 */
export function listeningLoopbackAddresses(fdTargets: readonly string[], tcp: string, tcp6: string): string[] {
  const own = socketInodes(fdTargets);
  const addresses: string[] = [];
  for (const socket of [...parseProcNetTcp(tcp, 4), ...parseProcNetTcp(tcp6, 6)]) {
    if (socket.state !== LISTEN || !own.has(socket.inode)) continue;
    const address = loopbackAddress(socket);
    if (address !== null && !addresses.includes(address)) addresses.push(address);
  }
  return addresses;
}

/**
 * Where process `pid` listens on loopback, read from /proc; [] when it cannot be read (another
 * user's process without CAP_SYS_PTRACE, or it exited). Never throws.
 */
export async function readListeningLoopbackAddresses(pid: number): Promise<string[]> {
  try {
    const fds = (await readdir(`/proc/${pid}/fd`)).slice(0, FD_LIMIT);
    const targets: string[] = [];
    for (const fd of fds) {
      const target = await readProcLink(`/proc/${pid}/fd/${fd}`).catch(() => null);
      if (target?.ok) targets.push(target.value);
    }
    if (socketInodes(targets).size === 0) return [];
    const table = async (name: string): Promise<string> => {
      const read = await readProcFile(`/proc/${pid}/net/${name}`, NET_TCP_LIMIT).catch(() => null);
      return read?.ok ? read.value : '';
    };
    return listeningLoopbackAddresses(targets, await table('tcp'), await table('tcp6'));
  } catch {
    return [];
  }
}
