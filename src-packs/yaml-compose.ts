import { Composer, Lexer, Parser, YAMLParseError, type Document, type LineCounter } from 'yaml';

/** The lexer's mark before a scalar's own text, which may itself be `[` or `{`. */
const SCALAR_MARK = '\x1f';

class NestedTooDeep extends Error {
  constructor(readonly offset: number) {
    super('nested too deep');
  }
}

export type Composed = { ok: true; doc: Document } | { ok: false; tooDeepAt: number };

/**
 * `parseDocument` from the yaml package, with duplicate keys left to our own linear check (its own one is
 * quadratic) and flow collections (`[[[…`) refused past `maxDepth` before the composer recurses into them:
 * a few thousand levels overflow its stack, and tens of thousands abort the whole process.
 */
export function composeYaml(text: string, lineCounter: LineCounter, maxDepth: number): Composed {
  const parser = new Parser(lineCounter.addNewLine);
  // Parser.parse() marks where the first line starts; feeding it lexemes ourselves, we do.
  lineCounter.addNewLine(0);
  const composer = new Composer({ uniqueKeys: false });
  function* tokens() {
    let depth = 0;
    let scalarText = false;
    for (const lexeme of new Lexer().lex(text)) {
      if (!scalarText && (lexeme === '[' || lexeme === '{')) {
        depth += 1;
        if (depth > maxDepth) throw new NestedTooDeep(parser.offset);
      } else if (!scalarText && (lexeme === ']' || lexeme === '}')) {
        depth = Math.max(0, depth - 1);
      }
      scalarText = lexeme === SCALAR_MARK;
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  let doc: Document | null = null;
  try {
    for (const composed of composer.compose(tokens(), true, text.length)) {
      if (doc === null) {
        doc = composed;
        continue;
      }
      const [start, end] = composed.range;
      doc.errors.push(new YAMLParseError([start, end], 'MULTIPLE_DOCS', 'holds a second YAML document'));
      break;
    }
  } catch (error) {
    if (error instanceof NestedTooDeep) return { ok: false, tooDeepAt: error.offset };
    throw error;
  }
  // compose(…, forceDoc) always yields a document, if only an empty one.
  return { ok: true, doc: doc as Document };
}
