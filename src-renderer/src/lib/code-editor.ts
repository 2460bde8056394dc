import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import {
  Compartment,
  EditorSelection,
  Prec,
  EditorState,
  RangeSetBuilder,
  StateEffect,
  StateField,
  type Extension,
  type Text,
} from '@codemirror/state';
import { Decoration, drawSelection, EditorView, keymap, type DecorationSet } from '@codemirror/view';
import { isPostBreak } from '../../../src-shared/writing/text-metrics';
import { placeholderSpans } from '../../../src-shared/training/template-text';
import { formatActions, keymapKey } from './format-shortcuts';
import { formatCommands, type FormatCommandName } from './markdown-commands';

/** A span of the text to mark, such as a guideline finding. */
export interface MarkedSpan {
  start: number;
  end: number;
  /** The text the span should hold; a span whose text has changed since it was computed is not marked. */
  excerpt: string;
  severity: 'must' | 'should';
  /** Shown on hover. */
  label: string;
}

export interface CodeEditor {
  /** Replaces the whole text (loading a draft, restoring a version) unless it is already the text. */
  setText(text: string): void;
  setMarks(spans: readonly MarkedSpan[]): void;
  /** Whether the text is an X thread, whose `---` lines are post breaks rather than Markdown. */
  setThread(thread: boolean): void;
  /** A read-only editor shows and selects its text but takes no typing (a draft in the trash). */
  setReadOnly(readOnly: boolean): void;
  /** Runs a toolbar command on the selection, as one step to undo, and gives the editor the focus back. */
  format(command: FormatCommandName): void;
  /** Selects a span, scrolls it into view and puts the cursor there. */
  select(start: number, end: number): void;
  focus(): void;
  destroy(): void;
}

const setMarksEffect = StateEffect.define<readonly MarkedSpan[]>();

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setMarksEffect)) continue;
      const doc = transaction.state.doc;
      const ranges = effect.value
        .filter(
          (span) =>
            span.start < span.end &&
            span.end <= doc.length &&
            doc.sliceString(span.start, span.end) === span.excerpt,
        )
        .map((span) =>
          Decoration.mark({
            class: `cm-finding cm-finding-${span.severity}`,
            attributes: { title: span.label },
          }).range(span.start, span.end),
        );
      next = Decoration.set(ranges, true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const postBreak = Decoration.line({
  class: 'cm-post-break',
  attributes: { title: 'Post break: the next post of the thread starts below this line' },
});

function postBreakLines(doc: Text): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (let number = 1; number <= doc.lines; number += 1) {
    const line = doc.line(number);
    if (isPostBreak(line.text)) builder.add(line.from, line.from, postBreak);
  }
  return builder.finish();
}

/** The `---` lines of a thread, marked as post breaks. */
const postBreaksField = StateField.define<DecorationSet>({
  create: (state) => postBreakLines(state.doc),
  update: (lines, transaction) => (transaction.docChanged ? postBreakLines(transaction.state.doc) : lines),
  provide: (field) => EditorView.decorations.from(field),
});

const placeholder = Decoration.mark({
  class: 'cm-template-placeholder',
  attributes: { title: 'Placeholder: replace it with your own words' },
});

function placeholderMarks(doc: Text): DecorationSet {
  return Decoration.set(
    placeholderSpans(doc.toString()).map((span) => placeholder.range(span.start, span.end)),
  );
}

/**
 * A template's `[placeholders]`, the same ones the exercise counts as left to fill in. Markdown parses
 * them as links, so without this they would look like links (underlined) rather than gaps to fill.
 */
const placeholdersField = StateField.define<DecorationSet>({
  create: (state) => placeholderMarks(state.doc),
  update: (marks, transaction) => (transaction.docChanged ? placeholderMarks(transaction.state.doc) : marks),
  // Lowest precedence makes the outermost element (CodeMirror nests higher precedence inside), so one box
  // holds the whole placeholder and its style takes the link underline off the highlighter's spans within.
  provide: (field) => Prec.lowest(EditorView.decorations.from(field)),
});

/** Runs a Markdown command on the main selection as one transaction, so one undo takes it back. */
function runFormat(view: EditorView, name: FormatCommandName): boolean {
  if (view.state.readOnly) return false;
  const { from, to } = view.state.selection.main;
  const edit = formatCommands[name](view.state.doc.toString(), from, to);
  view.dispatch({
    changes: edit.changes,
    selection: EditorSelection.single(edit.selection.from, edit.selection.to),
    scrollIntoView: true,
    userEvent: 'input.format',
  });
  return true;
}

/** The toolbar's shortcuts, ahead of CodeMirror's defaults (whose Mod-i selects the enclosing syntax). */
const formatKeymap = Prec.high(
  keymap.of(
    formatActions.map((action) => ({
      key: keymapKey(action),
      run: (view: EditorView) => runFormat(view, action.name),
      preventDefault: true,
    })),
  ),
);

/**
 * Markdown, and for a thread also its post breaks: a `---` line under a paragraph would otherwise make that
 * paragraph a (setext) heading, so the thread's Markdown has no setext headings and the line is shown as the
 * break between two posts, which is what the studio's thread splitter makes of it.
 */
function language(thread: boolean): Extension {
  return thread ? [markdown({ extensions: { remove: ['SetextHeading'] } }), postBreaksField] : markdown();
}

// The app's colour variables (light and dark) inherit into the shadow root.
const theme = EditorView.theme({
  '&': {
    border: '1px solid var(--border)',
    borderRadius: '8px',
    background: 'var(--surface)',
    color: 'var(--text)',
    fontSize: '0.95rem',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '&:has(.cm-content[aria-readonly="true"])': { background: 'var(--surface-muted)' },
  '.cm-scroller': {
    fontFamily: "ui-monospace, 'Cascadia Code', 'DejaVu Sans Mono', monospace",
    lineHeight: '1.6',
    minHeight: '24rem',
    maxHeight: '70vh',
  },
  '.cm-content': { padding: '0.6rem 0.4rem', caretColor: 'var(--text)' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-finding': {
    textDecorationLine: 'underline',
    textDecorationStyle: 'wavy',
    textDecorationThickness: '2px',
    textUnderlineOffset: '3px',
  },
  '.cm-finding-must': { textDecorationColor: 'var(--danger-border)', background: 'var(--danger-bg)' },
  '.cm-finding-should': { textDecorationColor: 'var(--focus)' },
  // A gap to fill, not a link: a dashed box on a tinted ground, in a colour of its own (AA on both).
  '.cm-template-placeholder': {
    color: 'light-dark(#5b2a86, #dcc6f5)',
    background: 'light-dark(#f4edfb, #2f2440)',
    outline: '1px dashed light-dark(#7d4fae, #b393de)',
    outlineOffset: '-1px',
    borderRadius: '3px',
  },
  // Its brackets too: the highlighter's colours are for light backgrounds only.
  '.cm-template-placeholder, .cm-template-placeholder *': {
    textDecoration: 'none !important',
    color: 'inherit !important',
  },
  '.cm-post-break, .cm-post-break *': { color: 'var(--text-muted) !important' },
  '.cm-post-break': {
    borderBottom: '2px dashed var(--border)',
    marginBottom: '0.4rem',
  },
  '.cm-post-break::after': { content: '"post break"', marginLeft: '0.75rem', fontSize: '0.8em' },
});

/**
 * CodeMirror 6 for Markdown, mounted in a shadow root of `host`. CodeMirror injects its styles at run time;
 * in a document it would add a <style> element, which the app's CSP (style-src 'self') forbids, while in
 * a shadow root it uses a constructed stylesheet, which CSP allows. Tab is left to move focus, as a page's
 * keyboard users expect; the editor's own keys (undo, redo, selection) are CodeMirror's defaults.
 */
export function createCodeEditor(
  host: HTMLElement,
  options: {
    text: string;
    label: string;
    onChange: (text: string) => void;
    thread?: boolean;
    readOnly?: boolean;
  },
): CodeEditor {
  const languageCompartment = new Compartment();
  let thread = options.thread === true;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  shadow.replaceChildren(parent);
  let current = options.text;
  const editable = new Compartment();
  const editableWhen = (readOnly: boolean) => [
    EditorState.readOnly.of(readOnly),
    EditorView.contentAttributes.of({ 'aria-readonly': String(readOnly) }),
  ];
  /** True while the text is replaced from outside, which is not the writer typing. */
  let replacing = false;
  const view = new EditorView({
    root: shadow,
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        history(),
        drawSelection(),
        formatKeymap,
        keymap.of([...defaultKeymap, ...historyKeymap]),
        languageCompartment.of(language(thread)),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          // Already in the tab order as contenteditable; said explicitly so that checkers (axe's
          // scrollable-region-focusable) see the scrolling editor has keyboard-focusable content.
          tabindex: '0',
          'aria-label': options.label,
          'aria-multiline': 'true',
          spellcheck: 'true',
          autocorrect: 'on',
          autocapitalize: 'sentences',
        }),
        marksField,
        placeholdersField,
        editable.of(editableWhen(options.readOnly ?? false)),
        theme,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged || replacing) return;
          current = update.state.doc.toString();
          options.onChange(current);
        }),
      ],
    }),
  });
  return {
    setText(text) {
      if (text === current) return;
      current = text;
      replacing = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        replacing = false;
      }
    },
    setMarks(spans) {
      view.dispatch({ effects: setMarksEffect.of(spans) });
    },
    setThread(next) {
      if (next === thread) return;
      thread = next;
      view.dispatch({ effects: languageCompartment.reconfigure(language(thread)) });
    },
    setReadOnly(readOnly) {
      view.dispatch({ effects: editable.reconfigure(editableWhen(readOnly)) });
    },
    format(command) {
      runFormat(view, command);
      view.focus();
    },
    select(start, end) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: EditorSelection.single(Math.min(start, length), Math.min(end, length)),
        effects: EditorView.scrollIntoView(Math.min(start, length), { y: 'center' }),
      });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
