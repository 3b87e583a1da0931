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
  /** The same for hex, lower-cased (hex is echoed in either case). */
  hexGrams: Set<string>;
  /** Encodings shorter than MIN_ECHO_CHARS, matched whole. */
  whole: string[];
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
  const needles: Needles = { grams: new Set(), hexGrams: new Set(), whole: [] };
  for (const secret of secrets) {
    // The secret as an echo's skeleton would hold it (see skeletonOf); its encodings from its real bytes.
    const bare = skeletonOf(secret, false).chars.join('');
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
    }
  }
  needles.whole.sort((a, b) => b.length - a.length);
  return needles;
}

/** `text` with ignorable characters dropped (and, when `decode`, escapes decoded), each kept character's span in `text`. */
interface Skeleton {
  chars: string[];
  starts: number[];
  ends: number[];
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

function skeletonOf(text: string, decode: boolean): Skeleton {
  const skeleton: Skeleton = { chars: [], starts: [], ends: [] };
  let index = 0;
  while (index < text.length) {
    const c = text[index] as string;
    // `\n`, `\r`, `\t` written out as escapes: line breaks in JSON or a log's quoting.
    if (c === '\\' && /[nrt]/.test(text[index + 1] ?? '')) {
      index += 2;
      continue;
    }
    const escape = decode ? escapeAt(text, index) : null;
    const char = escape ? escape.char : c;
    const length = escape ? escape.length : 1;
    if (!IGNORABLE.test(char)) {
      skeleton.chars.push(char);
      skeleton.starts.push(index);
      skeleton.ends.push(index + length);
    }
    index += length;
  }
  return skeleton;
}

type Range = [start: number, end: number];

/** Where in `text` (as [start, end) ranges) `skeleton` holds an echo. */
function echoRanges(skeleton: Skeleton, needles: Needles): Range[] {
  const { chars, starts, ends } = skeleton;
  const flat = chars.join('');
  // `chars` may hold astral characters as one entry; index by entry, not by UTF-16 unit.
  if (flat.length !== chars.length) return echoRangesSlow(skeleton, needles);
  const ranges: Range[] = [];
  for (let index = 0; index + MIN_ECHO_CHARS <= flat.length; index += 1) {
    const window = flat.slice(index, index + MIN_ECHO_CHARS);
    if (needles.grams.has(window) || needles.hexGrams.has(window.toLowerCase())) {
      ranges.push([starts[index] as number, ends[index + MIN_ECHO_CHARS - 1] as number]);
    }
  }
  for (const whole of needles.whole) {
    for (let at = flat.indexOf(whole); at >= 0; at = flat.indexOf(whole, at + 1)) {
      ranges.push([starts[at] as number, ends[at + whole.length - 1] as number]);
    }
  }
  return ranges;
}

/** As echoRanges, for a skeleton with astral characters: those can be in no ASCII secret's run, so the text splits there. */
function echoRangesSlow(skeleton: Skeleton, needles: Needles): Range[] {
  const ranges: Range[] = [];
  let from = 0;
  for (let index = 0; index <= skeleton.chars.length; index += 1) {
    const char = skeleton.chars[index];
    if (char !== undefined && char.length === 1) continue;
    const part: Skeleton = { chars: skeleton.chars.slice(from, index), starts: skeleton.starts.slice(from, index), ends: skeleton.ends.slice(from, index) };
    ranges.push(...echoRanges(part, needles));
    from = index + 1;
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
  const ranges = merged([...echoRanges(skeletonOf(text, false), needles), ...echoRanges(skeletonOf(text, true), needles)]);
  if (ranges.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of ranges) {
    out += text.slice(from, start) + marker;
    from = end;
  }
  return out + text.slice(from);
}
