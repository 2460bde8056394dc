import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { PackProblem } from './problems';

/** A parsed YAML text that can say on which line any field sits. */
export interface YamlSource {
  data: unknown;
  /** The line of the deepest node along `path` that exists, offset to the line the YAML began on. */
  lineOf(path: readonly PropertyKey[]): number;
}

export type YamlParse = { ok: true; source: YamlSource } | { ok: false; problems: PackProblem[] };

/**
 * Parses YAML keeping positions. `firstLine` is where the text starts in its file (front matter starts
 * on line 2, after the opening `---`), so every line we report is the file's own.
 */
export function parseYaml(text: string, file: string, firstLine = 1): YamlParse {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        line: toFileLine(error.pos[0]),
        field: '(yaml)',
        message: error.message.split('\n')[0] ?? 'YAML syntax error',
      })),
    };
  }
  return {
    ok: true,
    source: {
      data: doc.toJS(),
      lineOf(path) {
        for (let depth = path.length; depth >= 0; depth -= 1) {
          const offset = startOf(doc, path.slice(0, depth));
          if (offset !== null) return toFileLine(offset);
        }
        return firstLine;
      },
    },
  };
}

/** Where the field at `path` begins: its key for a mapping entry (so `choices:` rather than its list). */
function startOf(doc: Document, path: readonly PropertyKey[]): number | null {
  if (path.length > 0) {
    const parent: unknown = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const key = path[path.length - 1];
      const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
  }
  const node: unknown = doc.getIn(path, true);
  return isNode(node) && node.range ? node.range[0] : null;
}
