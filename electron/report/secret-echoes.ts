// Finds a known secret (the API token) wherever text we did not write may echo it: raw,
// percent-encoded (any case, `+` for space), JSON/JS-escaped, as HTML character references,
// hex, base64 or base64url at any alignment inside a longer encoded text (an echoed
// `Authorization: Bearer TOKEN` header included), split by line breaks, spaces or `\n`
// escapes, and in part: any run of MIN_ECHO_CHARS characters of it. Matching partial runs is
// what makes the order of operations harmless: text shortened before it got here can leak no
// more than MIN_ECHO_CHARS - 1 characters of the secret.

/** The shortest run of a secret's characters (or of one of its encodings) that counts as an echo of it. */
export const MIN_ECHO_CHARS = 12;

/** Secrets shorter than this are matched whole only (their encodings are too short to be told apart from noise). */
const MIN_ENCODED_SECRET_CHARS = 6;

/** Characters a server or a log may put inside a secret without changing what it reveals. */
const IGNORABLE = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/;

interface Needles {
  /** Every MIN_ECHO_CHARS-long run of each case-sensitive encoding (raw, base64, base64url). */
  grams: Set<string>;
  /** Runs matched whatever their case, lower-cased: hex (echoed in either case), and the secret itself (a server may change its case). */
  hexGrams: Set<string>;
  /** Encodings shorter than MIN_ECHO_CHARS, matched whole. */
  whole: string[];
  /** gramHash of each member of grams, and of hexGrams. */
  gramHashes: HashFilter;
  foldedHashes: HashFilter;
}

/**
 * A set of gram hashes with a bit filter in front: a scan asks about every window of the text,
 * and almost every answer is "no", which one typed-array read gives (a Set lookup per
 * character made the CLI's output guard cost several microseconds per printed line).
 */
class HashFilter {
  readonly #bits = new Uint32Array(1 << 11); // 2^16 bits
  readonly #hashes = new Set<number>();

  add(hash: number): void {
    const bit = (hash ^ (hash >>> 16)) & 0xffff;
    this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    this.#hashes.add(hash);
  }

  has(hash: number): boolean {
    const bit = (hash ^ (hash >>> 16)) & 0xffff;
    return (this.#bits[bit >>> 5]! & (1 << (bit & 31))) !== 0 && this.#hashes.has(hash);
  }
}

/**
 * The base64 text that any encoding of a longer text containing `bytes` must contain,
 * whatever the offset of `bytes` in it: for each of the three alignments, the groups of three
 * bytes that lie wholly inside `bytes`, encoded.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let skip = 0; skip < 3; skip += 1) {
    const usable = Math.floor((bytes.length - skip) / 3) * 3;
    if (usable <= 0) continue;
    const core = bytes.subarray(skip, skip + usable).toString('base64');
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

function addGrams(into: Set<string>, text: string): void {
  for (let index = 0; index + MIN_ECHO_CHARS <= text.length; index += 1) into.add(text.slice(index, index + MIN_ECHO_CHARS));
}

function needlesFor(secrets: readonly string[]): Needles {
  const needles: Needles = { grams: new Set(), hexGrams: new Set(), whole: [], gramHashes: new HashFilter(), foldedHashes: new HashFilter() };
  for (const secret of secrets) {
    // The secret as an echo's skeleton would hold it (see skeletonOf); its encodings from its real bytes.
    const bare = skeletonOf(secret, false).flat;
    if (bare === '') continue;
    const bytes = Buffer.from(secret.trim(), 'utf8');
    const encoded = bare.length >= MIN_ENCODED_SECRET_CHARS ? [...base64Cores(bytes)] : [];
    for (const text of [bare, ...encoded]) {
      if (text.length >= MIN_ECHO_CHARS) addGrams(needles.grams, text);
      else if (text.length > 0) needles.whole.push(text);
    }
    if (bare.length >= MIN_ENCODED_SECRET_CHARS) {
      const hex = bytes.toString('hex');
      if (hex.length >= MIN_ECHO_CHARS) addGrams(needles.hexGrams, hex);
      else needles.whole.push(hex);
      addGrams(needles.hexGrams, bare.toLowerCase());
    }
  }
  needles.whole.sort((a, b) => b.length - a.length);
  for (const gram of needles.grams) needles.gramHashes.add(gramHash(gram));
  for (const gram of needles.hexGrams) needles.foldedHashes.add(gramHash(gram, true));
  return needles;
}

/** `text` with ignorable characters dropped (and, when `decode`, escapes decoded), each kept character's span in `text`. */
interface Skeleton {
  /** The kept characters, as UTF-16 units. */
  flat: string;
  /** Where in `text` the unit at each index of `flat` came from: [starts[i], ends[i]). */
  starts: Int32Array;
  ends: Int32Array;
}

const HEX2 = /^[0-9a-f]{2}$/i;
const HEX4 = /^[0-9a-f]{4}$/i;

/** The character an escape at `text[index]` stands for, and its length; null when there is none. */
function escapeAt(text: string, index: number): { char: string; length: number } | null {
  const c = text[index];
  if (c === '%' && HEX2.test(text.slice(index + 1, index + 3))) {
    return { char: String.fromCharCode(parseInt(text.slice(index + 1, index + 3), 16)), length: 3 };
  }
  if (c === '+') return { char: ' ', length: 1 };
  if (c === '\\') {
    const next = text[index + 1];
    if (next === 'u' && HEX4.test(text.slice(index + 2, index + 6))) {
      return { char: String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16)), length: 6 };
    }
    if (next === 'x' && HEX2.test(text.slice(index + 2, index + 4))) {
      return { char: String.fromCharCode(parseInt(text.slice(index + 2, index + 4), 16)), length: 4 };
    }
    if (next === '/' || next === '\\' || next === '"' || next === "'") return { char: next, length: 2 };
  }
  if (c === '&') {
    const reference = /^&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/i.exec(text.slice(index, index + 12));
    if (reference) {
      const code = reference[1] !== undefined ? parseInt(reference[1], 16) : Number(reference[2]);
      if (code <= 0x10ffff) return { char: String.fromCodePoint(code), length: reference[0].length };
    }
  }
  return null;
}

/** IGNORABLE for one UTF-16 unit, without a regular expression: ASCII (most text) costs one comparison. */
function ignorable(code: number): boolean {
  if (code < 0x80) return code <= 0x20 || code === 0x7f; // C0, space, DEL: all in IGNORABLE
  return IGNORABLE.test(String.fromCharCode(code));
}

/** Whether `text` holds a character that may start an escape (see mayEscape). */
const MAY_ESCAPE = /[%+\\&]/;

/** Characters that may start an escape (see escapeAt): `%`, `+`, `\`, `&`. */
function mayEscape(code: number): boolean {
  return code === 0x25 || code === 0x2b || code === 0x5c || code === 0x26;
}

/** Joins UTF-16 units into a string in slices (String.fromCharCode takes a bounded argument list). */
function unitsToString(units: Uint16Array, length: number): string {
  let out = '';
  for (let from = 0; from < length; from += 8192) out += String.fromCharCode(...units.subarray(from, Math.min(length, from + 8192)));
  return out;
}

function skeletonOf(text: string, decode: boolean): Skeleton {
  // No skeleton is longer than its text: an escape is never shorter than what it stands for.
  const units = new Uint16Array(text.length);
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let length = 0;
  const keep = (unit: number, start: number, end: number): void => {
    units[length] = unit;
    starts[length] = start;
    ends[length] = end;
    length += 1;
  };
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    // `\n`, `\r`, `\t` written out as escapes (`\\n` once more escaped): line breaks in JSON or a log's quoting.
    if (code === 0x5c) {
      const escapedBreak = /^\\+[nrt]/.exec(text.slice(index, index + 8));
      if (escapedBreak) {
        index += escapedBreak[0].length;
        continue;
      }
    }
    const escape = decode && mayEscape(code) ? escapeAt(text, index) : null;
    if (escape) {
      for (let unit = 0; unit < escape.char.length; unit += 1) {
        const decoded = escape.char.charCodeAt(unit);
        if (!ignorable(decoded)) keep(decoded, index, index + escape.length);
      }
      index += escape.length;
      continue;
    }
    if (!ignorable(code)) keep(code, index, index + 1);
    index += 1;
  }
  return { flat: unitsToString(units, length), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

type Range = [start: number, end: number];

// A rolling hash over MIN_ECHO_CHARS characters, so a scan costs a few multiplications per
// character and a string compare only where a hash matches (a scan by slicing every window
// took seconds per megabyte).
const HASH_BASE = 0x01000193;
/** HASH_BASE ** (MIN_ECHO_CHARS - 1), modulo 2^32: the weight of the character leaving the window. */
const HASH_TOP = Array.from({ length: MIN_ECHO_CHARS - 1 }).reduce<number>((power) => Math.imul(power, HASH_BASE), 1);

/** A UTF-16 unit as hashed: ASCII letters lower-cased when `fold` (non-ASCII as it is, so indexes never shift). */
function unitAt(text: string, index: number, fold: boolean): number {
  const code = text.charCodeAt(index);
  return fold && code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function gramHash(gram: string, fold = false): number {
  let hash = 0;
  for (let index = 0; index < gram.length; index += 1) hash = (Math.imul(hash, HASH_BASE) + unitAt(gram, index, fold)) | 0;
  return hash;
}

/**
 * Calls `found(index)` for each index of `text` where a MIN_ECHO_CHARS-long member of `grams`
 * starts; with `fold`, `grams` are lower-case and `text` is matched in any case.
 */
function scanGrams(text: string, grams: ReadonlySet<string>, hashes: HashFilter, fold: boolean, found: (index: number) => void): void {
  if (grams.size === 0 || text.length < MIN_ECHO_CHARS) return;
  let hash = gramHash(text.slice(0, MIN_ECHO_CHARS), fold);
  for (let index = 0; ; index += 1) {
    if (hashes.has(hash)) {
      const window = text.slice(index, index + MIN_ECHO_CHARS);
      if (grams.has(fold ? window.toLowerCase() : window)) found(index);
    }
    const next = index + MIN_ECHO_CHARS;
    if (next >= text.length) return;
    hash = (Math.imul(hash - Math.imul(unitAt(text, index, fold), HASH_TOP), HASH_BASE) + unitAt(text, next, fold)) | 0;
  }
}

/** Where in `text` (as [start, end) ranges) `skeleton` holds an echo. */
function echoRanges(skeleton: Skeleton, needles: Needles): Range[] {
  const { flat, starts, ends } = skeleton;
  const ranges: Range[] = [];
  const found = (index: number): void => {
    ranges.push([starts[index] as number, ends[index + MIN_ECHO_CHARS - 1] as number]);
  };
  scanGrams(flat, needles.grams, needles.gramHashes, false, found);
  scanGrams(flat, needles.hexGrams, needles.foldedHashes, true, found);
  for (const whole of needles.whole) {
    for (let at = flat.indexOf(whole); at >= 0; at = flat.indexOf(whole, at + 1)) {
      ranges.push([starts[at] as number, ends[at + whole.length - 1] as number]);
    }
  }
  return ranges;
}

function merged(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}

const cache = new Map<string, Needles>();

function cachedNeedles(secrets: readonly string[]): Needles {
  const key = secrets.join('\u0000');
  let needles = cache.get(key);
  if (!needles) {
    needles = needlesFor(secrets);
    if (cache.size > 16) cache.clear();
    cache.set(key, needles);
  }
  return needles;
}

/**
 * `text` with every echo of each of `secrets` (see the top of this file) replaced by
 * `marker`; overlapping and adjacent echoes become one marker. Blank secrets are ignored.
 */
export function redactSecretEchoes(text: string, secrets: readonly string[], marker: string): string {
  const usable = secrets.filter((secret) => typeof secret === 'string' && secret.trim() !== '');
  if (usable.length === 0 || text === '') return text;
  const needles = cachedNeedles(usable);
  const plain = echoRanges(skeletonOf(text, false), needles);
  // Without a character that may start an escape, decoding changes nothing: one pass is enough.
  const decoded = MAY_ESCAPE.test(text) ? echoRanges(skeletonOf(text, true), needles) : [];
  const ranges = merged([...plain, ...decoded]);
  if (ranges.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of ranges) {
    out += text.slice(from, start) + marker;
    from = end;
  }
  return out + text.slice(from);
}
