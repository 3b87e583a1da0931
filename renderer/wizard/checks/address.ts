// IP address literals and prefixes without Node's `net`: this code also runs in the renderer.
// Parses to bigint so one containment test serves IPv4 and IPv6.

export interface ParsedAddress {
  family: 4 | 6;
  value: bigint;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): bigint | null {
  const octets = text.split('.');
  if (octets.length !== 4 || !octets.every((octet) => IPV4_OCTET.test(octet))) return null;
  return octets.reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function parseHextets(text: string): number[] | null {
  if (text === '') return [];
  const groups = text.split(':');
  const hextets: number[] = [];
  for (const [index, group] of groups.entries()) {
    // An embedded IPv4 address may end the address (::ffff:10.0.0.1).
    if (index === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (v4 === null) return null;
      hextets.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    hextets.push(parseInt(group, 16));
  }
  return hextets;
}

export function parseIpv6(text: string): bigint | null {
  const address = text.replace(/%.*$/, ''); // a zone ("fe80::1%eth0") does not change the address
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = parseHextets(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const hextets = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return hextets.reduce((value, hextet) => (value << 16n) | BigInt(hextet), 0n);
}

export function parseAddress(text: string): ParsedAddress | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : null;
  return v6 !== null ? { family: 6, value: v6 } : null;
}

export interface Prefix {
  family: 4 | 6;
  network: bigint;
  length: number;
  text: string;
}

export function parsePrefix(text: string): Prefix | null {
  const [addressText, lengthText, extra] = text.split('/');
  if (addressText === undefined || lengthText === undefined || extra !== undefined || !/^\d{1,3}$/.test(lengthText)) return null;
  const address = parseAddress(addressText);
  const length = Number(lengthText);
  if (!address || length > (address.family === 4 ? 32 : 128)) return null;
  return { family: address.family, network: address.value, length, text };
}

export function prefixContains(prefix: Prefix, address: ParsedAddress): boolean {
  if (prefix.family !== address.family) return false;
  const bits = BigInt(prefix.family === 4 ? 32 : 128);
  const shift = bits - BigInt(prefix.length);
  return address.value >> shift === prefix.network >> shift;
}
