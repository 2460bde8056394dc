export interface FrontMatterSplit {
  yaml: string;
  /** The file line on which the YAML begins (after the opening `---`). */
  yamlFirstLine: number;
  body: string;
}

/** Splits `---\nyaml\n---\nbody`; null when the file does not open with front matter. */
export function splitFrontMatter(text: string): FrontMatterSplit | null {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!normalised.startsWith('---\n')) return null;
  // The closing fence is a line of exactly `---` (trailing spaces allowed).
  const fence = /\n---[ \t]*(?:\n|$)/g;
  fence.lastIndex = 3;
  const match = fence.exec(normalised);
  if (!match) return null;
  return {
    yaml: normalised.slice(4, match.index + 1),
    yamlFirstLine: 2,
    body: normalised.slice(match.index + match[0].length),
  };
}
