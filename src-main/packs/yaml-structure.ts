import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import { PACK_LIMITS } from '../../src-shared/packs/limits';
import type { PackProblem } from './problems';
import { fieldName } from './zod-problems';

export interface StructureContext {
  file: string;
  /** The file's line at an offset into the YAML text. */
  lineAt(offset: number): number;
}

/**
 * One pass over a parsed YAML document for what would make reading it slow or unsafe: nesting deeper than
 * the limit, a key twice in one mapping (the yaml package's own check compares every pair with every
 * other), and anchors and aliases that are unresolved, circular, too many, or expand into too many values
 * (a "billion laughs"). Linear in the size of the text; stops at the first problem that could make it costly.
 */
export function structureProblems(doc: Document, context: StructureContext): PackProblem[] {
  const problems: PackProblem[] = [];
  /** Anchor name → how many values its node holds; null while the walk is still inside that node. */
  const anchors = new Map<string, number | null>();
  const path: (string | number)[] = [];
  let marks = 0;
  let aliased = 0;
  let stopped = false;

  const report = (node: unknown, message: string, field = fieldName(path)): void => {
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    problems.push({ file: context.file, line: context.lineAt(offset), field, message });
  };
  const stop = (node: unknown, message: string): number => {
    report(node, message);
    stopped = true;
    return 0;
  };
  const countMark = (node: unknown): boolean => {
    marks += 1;
    if (marks <= PACK_LIMITS.yamlAnchorsAndAliases) return true;
    stop(node, `uses more than ${PACK_LIMITS.yamlAnchorsAndAliases} anchors (&name) and aliases (*name)`);
    return false;
  };

  function aliasSize(node: { source: string }): number {
    if (!countMark(node)) return 0;
    const size = anchors.get(node.source);
    if (size === undefined) return stop(node, `*${node.source} names no anchor &${node.source} above it`);
    if (size === null) return stop(node, `*${node.source} is inside the value &${node.source} names`);
    aliased += size;
    if (aliased <= PACK_LIMITS.yamlAliasedValues) return size;
    return stop(
      node,
      `aliases (*name) repeat more than ${PACK_LIMITS.yamlAliasedValues.toLocaleString('en')} values in all; write the values out instead`,
    );
  }

  function visit(node: unknown, depth: number): number {
    if (stopped) return 0;
    if (depth > PACK_LIMITS.yamlDepth) {
      return stop(node, `nests lists and mappings more than ${PACK_LIMITS.yamlDepth} levels deep`);
    }
    if (isAlias(node)) return aliasSize(node);
    const anchor = (isScalar(node) || isCollection(node)) && node.anchor ? node.anchor : null;
    if (anchor !== null) {
      if (!countMark(node)) return 0;
      anchors.set(anchor, null);
    }
    let size = 1;
    if (isMap(node)) size += visitPairs(node.items, depth);
    else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        path.push(index);
        size += visit(item, depth + 1);
        path.pop();
      });
    }
    if (anchor !== null) anchors.set(anchor, size);
    return size;
  }

  function visitPairs(pairs: readonly { key: unknown; value: unknown }[], depth: number): number {
    const seen = new Map<string, number>();
    let size = 0;
    for (const pair of pairs) {
      const name = isScalar(pair.key) ? String(pair.key.value) : null;
      if (name !== null) {
        const offset = isNode(pair.key) && pair.key.range ? pair.key.range[0] : 0;
        const first = seen.get(name);
        if (first === undefined) seen.set(name, offset);
        else
          report(
            pair.key,
            `repeats a key already on line ${context.lineAt(first)}`,
            fieldName([...path, name]),
          );
      }
      size += visit(pair.key, depth + 1);
      path.push(name ?? '(key)');
      size += visit(pair.value, depth + 1);
      path.pop();
    }
    return size;
  }

  visit(doc.contents, 0);
  return problems;
}
