// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { draftAsHtml, draftAsMarkdown, draftAsPlainText, markdownFileName } from './export';

describe('draft export', () => {
  it('gives plain text with paragraphs, list bullets and link addresses', () => {
    expect(
      draftAsPlainText(
        '## Why\n\nIt was **DNS**. See [the write-up](https://example.com/x).\n\n- one\n- two',
      ),
    ).toBe('Why\n\nIt was DNS. See the write-up (https://example.com/x).\n\n• one\n• two');
  });

  it('gives sanitised HTML', () => {
    expect(draftAsHtml('Hi <script>alert(1)</script>')).not.toContain('script');
  });

  it('gives Markdown with the title as its heading, as the .md file has it', () => {
    expect(draftAsMarkdown(' Why DNS ', 'It was **DNS**.')).toBe('# Why DNS\n\nIt was **DNS**.');
    expect(draftAsMarkdown('', 'Untitled.')).toBe('Untitled.');
  });

  it('names the Markdown file after the title', () => {
    expect(markdownFileName('Why our p99 doubled!')).toBe('why-our-p99-doubled.md');
    expect(markdownFileName('   ')).toBe('draft.md');
    expect(markdownFileName('Café déjà vu')).toBe('cafe-deja-vu.md');
  });
});
