import { fileStem } from '../../../src-shared/files/file-name';
import { renderMarkdown } from './markdown';

/** The draft as a channel takes it: HTML for blogs, plain text for social posts, Markdown for forums. */
export function draftAsHtml(markdown: string): string {
  return renderMarkdown(markdown);
}

/** Plain text: the rendered words, paragraphs kept apart, links followed by their address. */
export function draftAsPlainText(markdown: string): string {
  const holder = document.createElement('div');
  holder.innerHTML = renderMarkdown(markdown);
  for (const link of Array.from(holder.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    if (/^https?:/.test(href) && link.textContent !== href) link.append(` (${href})`);
  }
  const blocks = Array.from(holder.children).map((block) =>
    block.tagName === 'UL' || block.tagName === 'OL'
      ? Array.from(block.children)
          .map((item) => `• ${item.textContent?.trim() ?? ''}`)
          .join('\n')
      : (block.textContent?.trim() ?? ''),
  );
  return blocks.filter((block) => block !== '').join('\n\n');
}

/** A file name from a title: letters, digits and hyphens, never empty. */
/** The draft as Markdown, as the .md file and "Copy as Markdown" both give it: the title as its heading. */
export function draftAsMarkdown(title: string, body: string): string {
  const heading = title.trim() ? `# ${title.trim()}\n\n` : '';
  return `${heading}${body}`;
}

export function markdownFileName(title: string): string {
  return `${fileStem(title, 'draft')}.md`;
}
