import DOMPurify, { type Config } from 'dompurify';
import { Marked, type Token, type TokensList } from 'marked';

export interface MarkdownContext {
  /** Images the main process read from the pack, as data: URLs keyed by the address in the Markdown. */
  images?: Record<string, string>;
  /** Links to other items, keyed by the address in the Markdown, mapped to the app address to open. */
  internalLinks?: Record<string, string>;
  /** Files from the pack (PDFs) the reader can save, keyed by the address in the Markdown. */
  attachments?: Record<string, unknown>;
}

const marked = new Marked({ gfm: true, breaks: false });

const PURIFY: Config & { RETURN_DOM_FRAGMENT: true } = {
  RETURN_DOM_FRAGMENT: true,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
  FORBID_ATTR: ['style'],
};

/**
 * The safe HTML of each top-level block of the last text rendered without a context (the draft preview),
 * keyed by the block's Markdown, so re-rendering after an edit sanitises only the blocks that changed.
 * Holds one text's blocks at a time. `links` is the reference-link definitions the blocks were lexed
 * with: a changed definition can change any block, so it empties the cache.
 */
let blockCache: { links: string; html: Map<string, string> } = { links: '{}', html: new Map() };

/**
 * Markdown to safe HTML. marked does not sanitise, so DOMPurify removes scripts, event handlers and
 * anything else active; then images must come from the pack (data: URLs) and links either open another
 * item in the app or go to the web in a new window (the OS browser, in Electron). Nothing else survives.
 *
 * Text with no raw HTML is sanitised block by block (each in a <div>, all in one call), and the blocks of
 * the last such text are reused: marked's own output for one block is whole elements, so sanitising
 * blocks apart is the same as sanitising them together. Raw HTML could leave an element open across blocks, so such text, and any
 * text with a context, is sanitised whole, as it always was.
 */
export function renderMarkdown(markdown: string, context: MarkdownContext = {}): string {
  const tokens = marked.lexer(markdown);
  if (context.images || context.internalLinks || context.attachments) {
    return safeHtml(marked.parser(tokens), context);
  }
  const links = JSON.stringify(tokens.links);
  const previous = blockCache.links === links ? blockCache.html : new Map<string, string>();
  const html = new Map<string, string>();
  // The blocks not rendered last time are sanitised in one DOMPurify call (each call has a cost of its
  // own: a document to parse into), each in a <div> of its own so that the result splits back apart.
  const missing = new Map<string, string>();
  for (const token of tokens) {
    const reused = previous.get(token.raw);
    if (reused !== undefined) html.set(token.raw, reused);
    else if (!missing.has(token.raw)) {
      // Only new blocks need looking into: the reused ones had no raw HTML, or they would not be kept.
      if (hasRawHtml(token)) return safeHtml(marked.parser(tokens), context);
      missing.set(token.raw, marked.parser(Object.assign([token], { links: tokens.links }) as TokensList));
    }
  }
  if (missing.size > 0) {
    const wrapped = Array.from(missing.values(), (block) => `<div>${block}</div>`).join('');
    const holders = Array.from(safeFragment(wrapped, context).children);
    // Cannot happen with marked's own HTML; if it ever did, the whole text is safe the old way.
    if (holders.length !== missing.size) return safeHtml(marked.parser(tokens), context);
    let i = 0;
    for (const raw of missing.keys()) html.set(raw, holders[i++]?.innerHTML ?? '');
  }
  blockCache = { links, html };
  let out = '';
  for (const token of tokens) out += html.get(token.raw) ?? '';
  return out;
}

function hasRawHtml(block: Token): boolean {
  let found = false;
  marked.walkTokens([block], (token: Token) => {
    if (token.type === 'html') found = true;
  });
  return found;
}

function safeHtml(html: string, context: MarkdownContext): string {
  const holder = document.createElement('div');
  holder.append(safeFragment(html, context));
  return holder.innerHTML;
}

function safeFragment(html: string, context: MarkdownContext): DocumentFragment {
  const fragment = DOMPurify.sanitize(html, PURIFY);
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    const source = context.images?.[image.getAttribute('src') ?? ''];
    if (source) image.setAttribute('src', source);
    else image.replaceWith(document.createTextNode(image.getAttribute('alt') ?? ''));
  }
  for (const link of Array.from(fragment.querySelectorAll('a'))) {
    const href = link.getAttribute('href') ?? '';
    const internal = context.internalLinks?.[href];
    if (internal) {
      link.setAttribute('href', internal);
    } else if (context.attachments && href in context.attachments) {
      // The page turns a click on this into a download of the file (see ItemReader).
      link.setAttribute('href', '#attachment');
      link.setAttribute('data-attachment', href);
    } else if (/^https?:\/\//i.test(href)) {
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener noreferrer');
    } else if (!href.startsWith('#')) {
      link.removeAttribute('href');
    }
  }
  return fragment;
}
