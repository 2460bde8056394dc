import { posix } from 'node:path';
import { Lexer, type Token, type Tokens } from 'marked';
import { lineIndex } from './line-index';

export interface MarkdownReference {
  kind: 'link' | 'image';
  href: string;
  /** 1-based line within the Markdown text. */
  line: number;
}

/** Every link and image in a Markdown text, with the line it is written on. */
export function markdownReferences(markdown: string): MarkdownReference[] {
  const references: MarkdownReference[] = [];
  const lineAt = lineIndex(markdown);
  let searchFrom = 0;
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'link' || token.type === 'image') {
        const { href, raw } = token as Tokens.Link | Tokens.Image;
        const offset = markdown.indexOf(raw, searchFrom);
        if (offset >= 0) searchFrom = offset;
        references.push({ kind: token.type, href, line: lineAt(Math.max(offset, 0)) });
      }
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) visit(children);
      if (token.type === 'list') visit((token as Tokens.List).items);
    }
  };
  visit(Lexer.lex(markdown));
  return references;
}

/**
 * The pack file a relative reference points at, or null for web links, mail links and in-page anchors.
 * Returns the path relative to the pack root (it may start with `..` when it escapes the pack).
 */
export function resolvePackReference(fromFile: string, href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('//')) return null;
  const path = decodeURIComponentSafe(href.split('#')[0]?.split('?')[0] ?? '');
  if (path === '') return null;
  return posix.normalize(posix.join(posix.dirname(fromFile), path));
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
