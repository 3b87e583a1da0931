// Capturing ICMP on a lab interface with tshark: the independent witness of what was on the
// wire, for tests that check an error's type/code/offender/quoted packet.
import readline from 'node:readline';
import type { ChildProcess } from 'node:child_process';
import type { Lab } from './lab';
import { ADDRESSES, INTERFACES, type Family, type NsRole } from './topology';

export interface IcmpPacket {
  family: Family;
  /** Outer IP header. */
  src: string;
  dst: string;
  icmpType: number;
  icmpCode: number;
  /** Next-hop MTU of frag-needed / packet-too-big, else null. */
  mtu: number | null;
  /** For ICMP errors: the quoted original packet's source / destination, else null. */
  quotedSrc: string | null;
  quotedDst: string | null;
  /** Outer IPv4 total length / IPv6 payload length. */
  length: number;
}

export interface IcmpCapture {
  /** Packets seen so far. */
  readonly packets: readonly IcmpPacket[];
  /** Stop tshark (SIGINT, so it flushes) and return everything it saw. */
  stop(): Promise<IcmpPacket[]>;
}

export interface CaptureOptions {
  /** Namespace to capture in. Default 'client'. */
  ns?: NsRole;
  /** Interface. Default: the client's link to the router. */
  iface?: string;
  /** Keep IPv6 neighbour discovery / MLD / router solicitations (types 130–143). Default false. */
  includeNdp?: boolean;
  /** How long tshark may take to start capturing. Default 15 s (it is slow on a busy 2-core VM). */
  startTimeoutMs?: number;
  /**
   * IPv4 address the namespace can ping through the interface, for marker probes (below).
   * Default: the router for the client's interface; null turns markers off.
   */
  markerTarget?: string | null;
  /** Also write every captured packet (markers included) to this classic pcap file. */
  pcapPath?: string;
}

// tshark's "Capturing on" does not mean packets sent right after it are seen, and SIGINT
// drops what is still in flight: without markers the first and last probes went missing.
// So a capture starts and ends with a marker echo (7-byte payload, 35-byte IPv4 packet) to
// markerTarget, and waits until tshark has printed it. Markers are left out of the results.
const MARKER_PAYLOAD = 7;
const MARKER_IP_LENGTH = 20 + 8 + MARKER_PAYLOAD;

const FIELDS = ['ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'icmp.type', 'icmp.code', 'icmp.mtu', 'icmpv6.type', 'icmpv6.code', 'icmpv6.mtu', 'ip.len', 'ipv6.plen'];

/**
 * Start tshark in a lab namespace, resolved once it is capturing (its "Capturing on" line),
 * so probes sent afterwards are seen. Requires tshark (Debian package tshark).
 */
export async function captureIcmp(lab: Lab, options: CaptureOptions = {}): Promise<IcmpCapture> {
  const ns = options.ns ?? 'client';
  const iface = options.iface ?? INTERFACES.client.router;
  const markerTarget =
    options.markerTarget !== undefined ? options.markerTarget : ns === 'client' && iface === INTERFACES.client.router ? ADDRESSES.router.client.v4 : null;
  const argv = ['tshark', '-n', '-l', '-i', iface, '-f', 'icmp or icmp6', '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const f of FIELDS) argv.push('-e', f);
  // -P keeps the field lines coming while -w writes the raw packets.
  if (options.pcapPath !== undefined) argv.push('-w', options.pcapPath, '-F', 'pcap', '-P');
  const child = lab.spawn(ns, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const packets: IcmpPacket[] = [];
  let markersSeen = 0;
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const isMarker = (p: IcmpPacket): boolean =>
    p.family === 4 && p.length === MARKER_IP_LENGTH && ((p.dst === markerTarget && p.icmpType === 8) || (p.src === markerTarget && p.icmpType === 0));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const packet = parseLine(line);
    if (packet === null) return;
    if (isMarker(packet)) markersSeen += 1;
    else if (options.includeNdp || !isNdp(packet)) packets.push(packet);
  });

  /** Send markers until tshark shows one: everything sent before that return is captured. */
  const sync = async (): Promise<void> => {
    if (markerTarget === null) return;
    const before = markersSeen;
    for (let attempt = 0; attempt < 20; attempt++) {
      await lab.exec(ns, ['ping', '-4', '-n', '-c', '1', '-W', '1', '-s', String(MARKER_PAYLOAD), markerTarget]);
      for (let i = 0; i < 20 && markersSeen === before; i++) await new Promise((r) => setTimeout(r, 25));
      if (markersSeen > before) return;
    }
    throw new Error(`tshark on ${iface} never showed a marker echo to ${markerTarget}; stderr: ${stderr.trim()}`);
  };

  await new Promise<void>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 15_000;
    const timer = setTimeout(() => {
      stopChild(child);
      reject(new Error(`tshark did not start capturing on ${iface} within ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.stderr!.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
      if (stderr.includes('Capturing on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run tshark: ${e.message}`, { cause: e }));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`tshark exited (${code}) before capturing: ${stderr.trim()}`));
    });
  });
  try {
    await sync();
  } catch (e) {
    stopChild(child);
    throw e;
  }
  return {
    packets,
    async stop() {
      try {
        await sync();
      } finally {
        stopChild(child);
        await exited;
      }
      return packets;
    },
  };
}

function stopChild(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGINT'); // the group: tshark and its dumpcap
  } catch {
    // already gone
  }
}

function isNdp(p: IcmpPacket): boolean {
  return p.family === 6 && p.icmpType >= 130 && p.icmpType <= 143;
}

/** One tshark fields line → packet. Errors quote the original, so fields repeat: first = outer, last = quoted. */
export function parseLine(line: string): IcmpPacket | null {
  const cols = line.split('\t');
  const col = (i: number): string[] => (cols[i] ?? '').split(',').filter((s) => s !== '');
  const [ip4src, ip4dst, ip6src, ip6dst, t4, c4, mtu4, t6, c6, mtu6, len4, len6] = FIELDS.map((_, i) => col(i));
  const six = (t6?.length ?? 0) > 0;
  const src = six ? ip6src : ip4src;
  const dst = six ? ip6dst : ip4dst;
  const type = six ? t6 : t4;
  const code = six ? c6 : c4;
  const mtu = six ? mtu6 : mtu4;
  if (!src?.[0] || !dst?.[0] || type?.[0] === undefined || code?.[0] === undefined) return null;
  const quoted = src.length > 1 && dst.length > 1;
  return {
    family: six ? 6 : 4,
    src: src[0],
    dst: dst[0],
    icmpType: Number(type[0]),
    icmpCode: Number(code[0]),
    mtu: mtu?.[0] === undefined ? null : Number(mtu[0]),
    quotedSrc: quoted ? (src[src.length - 1] ?? null) : null,
    quotedDst: quoted ? (dst[dst.length - 1] ?? null) : null,
    length: Number((six ? len6 : len4)?.[0] ?? NaN),
  };
}
