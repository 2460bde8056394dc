import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../../../src-shared/training/schemas';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits a search snippet into plain and matched runs, so the page renders <mark>s without any HTML. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [index, piece] of snippet.split(SNIPPET_MATCH_START).entries()) {
    const [matched, rest] = index === 0 ? [undefined, piece] : splitOnce(piece, SNIPPET_MATCH_END);
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
