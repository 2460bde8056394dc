import { Marked, type Tokens } from 'marked';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const safe = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML in the Markdown is shown as text, never interpreted: the page has no sanitiser to rely on.
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    // Only web addresses become links; javascript:, data: and relative addresses stay as their words.
    link({ href, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      return /^https?:\/\//i.test(href) ? `<a href="${escapeHtml(href)}" rel="noopener">${text}</a>` : text;
    },
    // The page loads nothing from elsewhere, so an image is shown as its description.
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
  },
});

/**
 * Markdown to HTML without a DOM (for the exported page, built in the main process): raw HTML escaped,
 * links only to http(s) addresses, no images, and headings demoted so the page keeps one h1.
 */
export function renderSafeMarkdown(markdown: string): string {
  const html = safe.parse(markdown, { async: false });
  return html.replace(
    /<(\/?)h([1-4])>/g,
    (_, slash: string, level: string) => `<${slash}h${Number(level) + 2}>`,
  );
}
