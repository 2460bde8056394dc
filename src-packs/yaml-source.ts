import { isMap, isNode, isScalar, isSeq, LineCounter, type Document, type Pair, type YAMLMap } from 'yaml';
import { PACK_LIMITS } from '../src-shared/packs/limits';
import type { PackProblem } from './problems';
import { tooLarge } from './sizes';
import { composeYaml } from './yaml-compose';
import { structureProblems } from './yaml-structure';

/** A parsed YAML text that can say on which line any field sits. */
export interface YamlSource {
  data: unknown;
  /** The line of the deepest node along `path` that exists, offset to the line the YAML began on. */
  lineOf(path: readonly PropertyKey[]): number;
}

export type YamlParse = { ok: true; source: YamlSource } | { ok: false; problems: PackProblem[] };

export interface YamlOptions {
  /** Where the text starts in its file (front matter starts on line 2, after the opening `---`). */
  firstLine?: number;
  /** The most bytes the text may have, and what to call it in the problem when it has more. */
  maxBytes?: number;
  label?: string;
}

/**
 * Parses YAML keeping positions, in time linear in the text. Every way the text can fail (too large, too
 * deep, a syntax error, a repeated key, an alias bomb) is a problem located at the file's own line, never
 * an exception.
 */
export function parseYaml(text: string, file: string, options: YamlOptions = {}): YamlParse {
  const firstLine = options.firstLine ?? 1;
  const maxBytes = options.maxBytes ?? PACK_LIMITS.manifestBytes;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) {
    const problem = tooLarge(options.label ?? file, size, maxBytes);
    return { ok: false, problems: [{ file, line: firstLine, field: '(file)', message: problem }] };
  }
  const lineCounter = new LineCounter();
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const composed = composeYaml(text, lineCounter, PACK_LIMITS.yamlDepth);
  if (!composed.ok) {
    const message = `nests lists and mappings more than ${PACK_LIMITS.yamlDepth} levels deep`;
    return { ok: false, problems: [{ file, line: lineAt(composed.tooDeepAt), field: '(yaml)', message }] };
  }
  const { doc } = composed;
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      file,
      line: lineAt(error.pos[0]),
      field: '(yaml)',
      message: yamlErrorWords(error.message),
    }));
    return { ok: false, problems };
  }
  const structure = structureProblems(doc, { file, lineAt });
  if (structure.length > 0) return { ok: false, problems: structure };
  let data: unknown;
  try {
    // structureProblems has bounded what aliases expand to, in one pass; the package's own count walks the
    // whole document again for each alias inside an anchored value, which a hostile text can make slow.
    data = doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const message = `could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problems: [{ file, line: firstLine, field: '(yaml)', message }] };
  }
  return { ok: true, source: { data, lineOf: (path) => lineAt(startOf(doc, path) ?? 0) } };
}

function yamlErrorWords(message: string): string {
  const first = message.split('\n')[0] ?? '';
  if (/call stack/i.test(first)) return `nests lists and mappings too deeply to read`;
  return first || 'YAML syntax error';
}

/** Each mapping's pairs by key, built on first use, so a lookup costs the path's depth, not the file's size. */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: PropertyKey): Pair | undefined {
  let index = pairIndexes.get(map);
  if (index === undefined) {
    index = new Map();
    for (const pair of map.items as Pair[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : null;
      if (name !== null && !index.has(name)) index.set(name, pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(String(key));
}

/** Where the deepest field along `path` begins: its key for a mapping entry (so `choices:` rather than its list). */
function startOf(doc: Document, path: readonly PropertyKey[]): number | null {
  let node: unknown = doc.contents;
  let start = isNode(node) && node.range ? node.range[0] : null;
  for (const step of path) {
    if (isMap(node)) {
      const pair = pairOf(node, step);
      if (!pair) break;
      node = pair.value;
      const keyStart = isNode(pair.key) && pair.key.range ? pair.key.range[0] : null;
      start = keyStart ?? start;
    } else if (isSeq(node)) {
      node = node.items[Number(step)];
      if (!isNode(node) || !node.range) break;
      start = node.range[0];
    } else {
      break;
    }
  }
  return start;
}
