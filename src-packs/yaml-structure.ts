import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import { PACK_LIMITS } from '../src-shared/packs/limits';
import { fieldName, type PackProblem } from './problems';

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
  const walk = new StructureWalk(context);
  walk.visit(doc.contents, 0);
  return walk.problems;
}

class StructureWalk {
  readonly problems: PackProblem[] = [];
  /** Anchor name → how many values its node holds; null while the walk is still inside that node. */
  private readonly anchors = new Map<string, number | null>();
  private readonly path: (string | number)[] = [];
  private marks = 0;
  private aliased = 0;
  private stopped = false;

  constructor(private readonly context: StructureContext) {}

  /** How many values `node` stands for, aliases expanded. */
  visit(node: unknown, depth: number): number {
    if (this.stopped) return 0;
    if (depth > PACK_LIMITS.yamlDepth) {
      return this.stop(node, `nests lists and mappings more than ${PACK_LIMITS.yamlDepth} levels deep`);
    }
    if (isAlias(node)) return this.aliasSize(node);
    const anchor = (isScalar(node) || isCollection(node)) && node.anchor ? node.anchor : null;
    if (anchor !== null) {
      if (!this.countMark(node)) return 0;
      this.anchors.set(anchor, null);
    }
    let size = 1;
    if (isMap(node)) size += this.visitPairs(node.items, depth);
    else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        this.path.push(index);
        size += this.visit(item, depth + 1);
        this.path.pop();
      });
    }
    if (anchor !== null) this.anchors.set(anchor, size);
    return size;
  }

  private visitPairs(pairs: readonly { key: unknown; value: unknown }[], depth: number): number {
    const seen = new Map<string, number>();
    let size = 0;
    for (const pair of pairs) {
      const name = isScalar(pair.key) ? String(pair.key.value) : null;
      if (name !== null) {
        const offset = isNode(pair.key) && pair.key.range ? pair.key.range[0] : 0;
        const first = seen.get(name);
        if (first === undefined) seen.set(name, offset);
        else {
          const field = fieldName([...this.path, name]);
          this.report(pair.key, `repeats a key already on line ${this.context.lineAt(first)}`, field);
        }
      }
      size += this.visit(pair.key, depth + 1);
      this.path.push(name ?? '(key)');
      size += this.visit(pair.value, depth + 1);
      this.path.pop();
    }
    return size;
  }

  private aliasSize(node: { source: string }): number {
    if (!this.countMark(node)) return 0;
    const size = this.anchors.get(node.source);
    if (size === undefined)
      return this.stop(node, `*${node.source} names no anchor &${node.source} above it`);
    if (size === null) return this.stop(node, `*${node.source} is inside the value &${node.source} names`);
    this.aliased += size;
    if (this.aliased <= PACK_LIMITS.yamlAliasedValues) return size;
    const limit = PACK_LIMITS.yamlAliasedValues.toLocaleString('en');
    return this.stop(
      node,
      `aliases (*name) repeat more than ${limit} values in all; write the values out instead`,
    );
  }

  private countMark(node: unknown): boolean {
    this.marks += 1;
    if (this.marks <= PACK_LIMITS.yamlAnchorsAndAliases) return true;
    const limit = PACK_LIMITS.yamlAnchorsAndAliases;
    this.stop(node, `uses more than ${limit} anchors (&name) and aliases (*name)`);
    return false;
  }

  private stop(node: unknown, message: string): number {
    this.report(node, message);
    this.stopped = true;
    return 0;
  }

  private report(node: unknown, message: string, field = fieldName(this.path)): void {
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    this.problems.push({ file: this.context.file, line: this.context.lineAt(offset), field, message });
  }
}
