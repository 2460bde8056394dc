/**
 * The Markdown toolbar's commands, as pure functions of the text and the selection: each says which
 * changes to make (offsets in the text as it is) and what to select afterwards (offsets in the new text),
 * so the editor applies them as one undoable step and the rules are tested without an editor.
 */

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export interface FormatEdit {
  /** In increasing order and not overlapping, with offsets into the text before the edit. */
  changes: TextChange[];
  /** What to select after the edit, as offsets into the new text. */
  selection: { from: number; to: number };
}

export type FormatCommandName = 'bold' | 'italic' | 'link' | 'bulletList' | 'heading' | 'quote';

export type FormatCommand = (text: string, from: number, to: number) => FormatEdit;

/** The text with the edit made: what the editor shows after running a command. */
export function applyEdit(text: string, edit: FormatEdit): string {
  let result = '';
  let at = 0;
  for (const change of edit.changes) {
    result += text.slice(at, change.from) + change.insert;
    at = change.to;
  }
  return result + text.slice(at);
}

/** Where an offset of the old text lands in the new one: after any text inserted at it or replacing it. */
function mapOffset(changes: readonly TextChange[], offset: number): number {
  let delta = 0;
  for (const change of changes) {
    if (change.from > offset) break;
    if (change.to > offset) return change.from + delta + change.insert.length;
    delta += change.insert.length - (change.to - change.from);
  }
  return offset + delta;
}

/**
 * Takes `marker` away from around the selection: markers inside its edges (`**word**` selected) or just
 * outside them (`word` selected in `**word**`). A one-character marker must stand alone, so that a `*`
 * of a bold `**` is not taken for italic. Null when the selection is not wrapped in it.
 */
function unwrap(text: string, from: number, to: number, marker: string): FormatEdit | null {
  const size = marker.length;
  const lone = (at: number) => size > 1 || text[at] !== marker;
  const selected = text.slice(from, to);
  if (
    selected.length >= 2 * size &&
    selected.startsWith(marker) &&
    selected.endsWith(marker) &&
    [from - 1, from + size, to - size - 1, to].every(lone)
  ) {
    return {
      changes: [
        { from, to: from + size, insert: '' },
        { from: to - size, to, insert: '' },
      ],
      selection: { from, to: to - 2 * size },
    };
  }
  if (
    text.slice(from - size, from) === marker &&
    text.slice(to, to + size) === marker &&
    [from - size - 1, to + size].every(lone) &&
    (from === to || [from, to - 1].every(lone))
  ) {
    return {
      changes: [
        { from: from - size, to: from, insert: '' },
        { from: to, to: to + size, insert: '' },
      ],
      selection: { from: from - size, to: to - size },
    };
  }
  return null;
}

/** Wraps the selection in `marker`; an empty selection gets a pair with the cursor between, ready to type. */
function wrap(text: string, from: number, to: number, marker: string): FormatEdit {
  const selected = text.slice(from, to);
  // Spaces at the edges stay outside: `** bold **` is not bold in Markdown.
  const start = from + (selected.length - selected.trimStart().length);
  const end = Math.max(start, to - (selected.length - selected.trimEnd().length));
  return {
    changes: [
      { from: start, to: start, insert: marker },
      { from: end, to: end, insert: marker },
    ],
    selection: { from: start + marker.length, to: end + marker.length },
  };
}

/**
 * Unwraps the selection when it is already wrapped in one of `markers` (in any spelling Markdown allows),
 * else wraps it in the first: pressing the shortcut twice leaves the text as it was.
 */
function toggleInline(markers: readonly [string, ...string[]], inWord: string): FormatCommand {
  return (text, from, to) => {
    for (const marker of markers) {
      const edit = unwrap(text, from, to, marker);
      if (edit) return edit;
    }
    // Markdown ignores `_` inside a word (`snake_case`): part of a word takes the `*` spelling.
    const partOfWord = /\p{L}|\p{N}/u.test(text.slice(from - 1, from) + text.slice(to, to + 1));
    return wrap(text, from, to, partOfWord ? inWord : markers[0]);
  };
}

export const bold: FormatCommand = toggleInline(['**', '__'], '**');
export const italic: FormatCommand = toggleInline(['_', '*'], '*');

const URL_LIKE = /^(https?:\/\/|mailto:|www\.)\S+$/i;

/**
 * Makes the selection a link's text and selects the `url` to type over; a selected address becomes the
 * link's target instead, with its text to type. Nothing selected gives `[text](url)` with `text` selected.
 */
export const link: FormatCommand = (text, from, to) => {
  const selected = text.slice(from, to);
  const trimmed = selected.trim();
  if (URL_LIKE.test(trimmed)) {
    const insert = `[](${trimmed})`;
    return { changes: [{ from, to, insert }], selection: { from: from + 1, to: from + 1 } };
  }
  const label = selected === '' ? 'text' : selected;
  const insert = `[${label}](url)`;
  if (selected === '')
    return { changes: [{ from, to, insert }], selection: { from: from + 1, to: from + 5 } };
  const urlAt = from + label.length + 3;
  return { changes: [{ from, to, insert }], selection: { from: urlAt, to: urlAt + 3 } };
};

interface Line {
  from: number;
  text: string;
}

/** The lines the selection touches; a selection ending at the start of a line does not take that line. */
function linesOf(text: string, from: number, to: number): Line[] {
  const first = text.lastIndexOf('\n', from - 1) + 1;
  const last = to > from && text[to - 1] === '\n' ? to - 1 : to;
  const lines: Line[] = [];
  let start = first;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lines.push({ from: start, text: text.slice(start, end) });
    if (newline === -1 || newline >= last) break;
    start = newline + 1;
  }
  return lines;
}

/**
 * Toggles a prefix on each (non-blank) line the selection touches: added where any line lacks it, removed
 * from all when every line has it. `existing` matches the prefix as written, in any of its spellings.
 */
function toggleLinePrefix(prefix: string, existing: RegExp, replaces?: RegExp): FormatCommand {
  return (text, from, to) => {
    const lines = linesOf(text, from, to);
    const written = lines.filter((line) => line.text.trim() !== '');
    const targets = written.length > 0 ? written : lines;
    const remove = targets.every((line) => existing.test(line.text));
    const changes = targets.map((line): TextChange => {
      if (remove) {
        const found = existing.exec(line.text)?.[0] ?? '';
        return { from: line.from, to: line.from + found.length, insert: '' };
      }
      // Another prefix of the same kind (`# ` when adding `## `) is replaced rather than stacked.
      const replaced = replaces?.exec(line.text)?.[0] ?? '';
      return { from: line.from, to: line.from + replaced.length, insert: prefix };
    });
    return { changes, selection: { from: mapOffset(changes, from), to: mapOffset(changes, to) } };
  };
}

export const bulletList: FormatCommand = toggleLinePrefix('- ', /^[ \t]*[-*+][ \t]+/);
export const heading: FormatCommand = toggleLinePrefix('## ', /^##[ \t]+/, /^#{1,6}[ \t]+/);
export const quote: FormatCommand = toggleLinePrefix('> ', /^[ \t]*>[ \t]?/);

export const formatCommands: Record<FormatCommandName, FormatCommand> = {
  bold,
  italic,
  link,
  bulletList,
  heading,
  quote,
};
