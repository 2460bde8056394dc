import DOMPurify from 'dompurify';
import { Marked } from 'marked';

export interface MarkdownContext {
  /** Images the main process read from the pack, as data: URLs keyed by the address in the Markdown. */
  images?: Record<string, string>;
  /** Links to other items, keyed by the address in the Markdown, mapped to the app address to open. */
  internalLinks?: Record<string, string>;
  /** Files from the pack (PDFs) the reader can save, keyed by the address in the Markdown. */
  attachments?: Record<string, unknown>;
}

const marked = new Marked({ gfm: true, breaks: false });

/**
 * Markdown to safe HTML. marked does not sanitise, so DOMPurify removes scripts, event handlers and
 * anything else active; then images must come from the pack (data: URLs) and links either open another
 * item in the app or go to the web in a new window (the OS browser, in Electron). Nothing else survives.
 */
export function renderMarkdown(markdown: string, context: MarkdownContext = {}): string {
  const html = marked.parse(markdown, { async: false });
  const fragment = DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style'],
  });
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
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}
