// Reading and writing classic pcap files, so tests can hand packets to tshark and take
// tshark's captures back, byte for byte.

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const LINKTYPE_ETHERNET = 1;
/** Raw IPv4/IPv6 packets, no link-layer header. */
export const LINKTYPE_RAW = 101;

export interface CapturedPacket {
  /** 1-based, as tshark's frame.number. */
  frame: number;
  /** The IP packet (link-layer header removed). */
  ip: Uint8Array;
}

/** Extracts the IP packets of an Ethernet or raw-IP pcap (little- or big-endian). */
export function readPcap(file: Uint8Array): CapturedPacket[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const little = view.getUint32(0, true) === MAGIC_MICROSECONDS;
  if (!little && view.getUint32(0, false) !== MAGIC_MICROSECONDS) throw new Error('not a classic pcap file (write it with tshark -F pcap)');
  const linkType = view.getUint32(20, little);
  const packets: CapturedPacket[] = [];
  let offset = 24;
  for (let frame = 1; offset + 16 <= file.byteLength; frame++) {
    const captured = view.getUint32(offset + 8, little);
    const data = file.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    if (linkType === LINKTYPE_RAW) {
      packets.push({ frame, ip: data });
    } else if (linkType === LINKTYPE_ETHERNET) {
      const etherType = (data[12]! << 8) | data[13]!;
      if (etherType === 0x0800 || etherType === 0x86dd) packets.push({ frame, ip: data.subarray(14) });
    } else {
      throw new Error(`unsupported pcap link type ${linkType}`);
    }
  }
  return packets;
}

/** A raw-IP pcap holding `packets`, one frame each. */
export function writeRawIpPcap(packets: readonly Uint8Array[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(MAGIC_MICROSECONDS, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(LINKTYPE_RAW, 20);
  const records = packets.map((packet) => {
    const record = Buffer.alloc(16);
    record.writeUInt32LE(packet.length, 8);
    record.writeUInt32LE(packet.length, 12);
    return Buffer.concat([record, packet]);
  });
  return Buffer.concat([header, ...records]);
}
