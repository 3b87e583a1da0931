// Parses untrusted YAML (or JSON) into plain values without letting it hang or crash us. The
// `yaml` package is correct but not hardened: deeply nested flow collections exhaust V8 (a
// fatal out-of-memory that no try/catch survives), deep block nesting overflows the stack,
// and some shapes cost it quadratic time (thousands of anchors, aliases or compact nested
// collections on one line, unique-key checks on huge mappings). So:
//  1. a linear pass over its lexer's tokens refuses those shapes outright;
//  2. the concrete syntax tree is built and its first syntax error ends the parse, before
//     the (slower) composer sees a line of garbage;
//  3. documents are composed with aliases capped (billion laughs) and no custom tags.
// Callers also cap the input's size (see MAX_YAML_CHARS): the package reads roughly a few
// hundred KB per second here, so the cap is what bounds the time.
//
// YAML 1.1 is what Kubernetes and Helm read (go-yaml): `yes`/`on` are booleans, `<<` merges,
// and a repeated key takes the last value.

import { CST, Composer, Lexer, Parser } from 'yaml';
import { ok } from '../../../../contract/result';
import type { Ok } from '../../../../contract/result';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Refusal } from '../gathered';

/** Every document's value, or why the text could not be parsed. */
export type Parsed = Ok<unknown[]> | Refusal<'UNPARSEABLE'>;

/** Largest YAML input read: kubectl's YAML for one pod, Helm values and Calico policies are far smaller. */
export const MAX_YAML_CHARS = 256 * 1024;

export const YAML_LIMITS = {
  /** Open flow collections ([ {) at once. Real manifests nest a handful. */
  flowDepth: 32,
  /** Block collections nested by indentation. Pod specs nest about ten. */
  indentDepth: 64,
  /** Block collections opened on one line ("- - - x", "a: b: c:"), and anchors/tags on one line. */
  perLine: 16,
  /** In the whole input: each of these costs the parser more than linear time in bulk. */
  flowCollections: 10_000,
  anchors: 200,
  aliases: 1_000,
  explicitKeys: 1_000,
  documents: 1_000,
  /** Nodes aliases may expand to in total (the package's own guard, made explicit). */
  aliasCount: 100,
} as const;

type Counted = 'flowCollections' | 'anchors' | 'aliases' | 'explicitKeys' | 'documents';

const COUNTED: Partial<Record<string, Counted>> = {
  'flow-map-start': 'flowCollections',
  'flow-seq-start': 'flowCollections',
  anchor: 'anchors',
  alias: 'aliases',
  'explicit-key-ind': 'explicitKeys',
  'doc-start': 'documents',
};

/** Tracks how many block collections are open, from the indentation of each line's first token. */
class IndentStack {
  private readonly indents: number[] = [];

  /** Depth after a line starting at `indent`. */
  enter(indent: number): number {
    while (this.indents.length > 0 && (this.indents.at(-1) ?? 0) >= indent) this.indents.pop();
    this.indents.push(indent);
    return this.indents.length;
  }
}

/** Linear scan of the lexer's tokens; the first shape that could hang or crash the parser is refused. */
function refuseHostileShapes(text: string, what: Message): Message | null {
  let line = 1;
  let flowDepth = 0;
  let blockOnLine = 0;
  let propertiesOnLine = 0;
  let lineStart = true;
  let indent = 0;
  const indents = new IndentStack();
  const totals: Record<Counted, number> = { flowCollections: 0, anchors: 0, aliases: 0, explicitKeys: 0, documents: 1 };
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'newline') {
      line += 1;
      blockOnLine = 0;
      propertiesOnLine = 0;
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (type === 'space') {
        indent = token.length;
        continue;
      }
      lineStart = false;
      if (type !== 'comment' && flowDepth === 0 && indents.enter(indent) > YAML_LIMITS.indentDepth) {
        return msg('gather.yaml.indent-depth', { what, max: YAML_LIMITS.indentDepth, line });
      }
    }
    const counted = type === null ? undefined : COUNTED[type];
    if (counted !== undefined && (totals[counted] += 1) > YAML_LIMITS[counted]) {
      return msg('gather.yaml.too-many', { what, max: YAML_LIMITS[counted], counted, line });
    }
    switch (type) {
      case 'flow-map-start':
      case 'flow-seq-start':
        if ((flowDepth += 1) > YAML_LIMITS.flowDepth) {
          return msg('gather.yaml.flow-depth', { what, max: YAML_LIMITS.flowDepth, line });
        }
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case 'anchor':
      case 'tag':
        if ((propertiesOnLine += 1) > YAML_LIMITS.perLine) {
          return msg('gather.yaml.properties-per-line', { what, max: YAML_LIMITS.perLine, line });
        }
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
        if (flowDepth === 0 && (blockOnLine += 1) > YAML_LIMITS.perLine) {
          return msg('gather.yaml.collections-per-line', { what, max: YAML_LIMITS.perLine, line });
        }
        break;
      default:
    }
    // Scalar source (plain, quoted, block) comes as one token with its own line breaks.
    for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) line += 1;
  }
  return null;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function compose(text: string, what: Message): Parsed {
  const tokens: CST.Token[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type === 'error') return refusal('UNPARSEABLE', msg('gather.yaml.invalid', { what, problem: firstLine(token.message), line: lineAt(text, token.offset) }));
    tokens.push(token);
  }
  const composer = new Composer({ version: '1.1', logLevel: 'silent', merge: true, uniqueKeys: false, customTags: [], prettyErrors: false });
  const values: unknown[] = [];
  for (const document of composer.compose(tokens, true, text.length)) {
    const error = document.errors[0];
    if (error) return refusal('UNPARSEABLE', msg('gather.yaml.invalid', { what, problem: firstLine(error.message), line: lineAt(text, error.pos[0]) }));
    values.push(document.toJS({ maxAliasCount: YAML_LIMITS.aliasCount }));
  }
  return ok(values);
}

/** Every document's value (null for an empty one), or UNPARSEABLE naming `what`, the line and the problem. */
export function parseYamlDocuments(text: string, what: Message): Parsed {
  const refused = refuseHostileShapes(text, what);
  if (refused !== null) return refusal('UNPARSEABLE', refused);
  try {
    return compose(text, what);
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return refusal('UNPARSEABLE', msg('gather.yaml.aliases', { what }));
    }
    if (error instanceof RangeError) return refusal('UNPARSEABLE', msg('gather.yaml.too-deep', { what }));
    return refusal('UNPARSEABLE', msg('gather.yaml.unparsed', { what, detail: error instanceof Error ? firstLine(error.message) : String(error) }));
  }
}

/**
 * JSON when it parses as JSON (`kubectl … -o json`, connector reports), else YAML. JSON.parse
 * is native and iterative, so no depth guard is needed there.
 */
export function parseJsonOrYaml(text: string, what: Message): Parsed {
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    try {
      return ok([JSON.parse(text) as unknown]);
    } catch (jsonError) {
      // A YAML flow mapping also starts with "{"; if YAML cannot read it either, JSON's complaint is the useful one.
      const yaml = parseYamlDocuments(text, what);
      if (yaml.ok) return yaml;
      return refusal('UNPARSEABLE', msg('gather.yaml.neither', { what, json: (jsonError as Error).message, yaml: yaml.reason }));
    }
  }
  return parseYamlDocuments(text, what);
}
