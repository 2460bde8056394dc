// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('## Hello\n\nA *good* story.')).toBe(
      '<h2>Hello</h2>\n<p>A <em>good</em> story.</p>\n',
    );
  });

  it('removes scripts, event handlers, javascript: links, frames and styles', () => {
    const html = renderMarkdown(
      [
        '<script>alert(1)</script>',
        '<img src="x" onerror="alert(2)">',
        '[click](javascript:alert(3))',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="position:fixed">styled</p>',
        '<a href="https://ok.example" onclick="alert(4)">ok</a>',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|iframe|style=/i);
    expect(html).toContain('styled');
  });

  it('shows only pack images, and opens web links outside the app', () => {
    const html = renderMarkdown(
      '![Chart](../assets/chart.png) ![Tracker](https://tracker.example/pixel.png)\n\n[web](https://example.com) [file](file:///etc/passwd)',
      {
        images: { '../assets/chart.png': 'data:image/png;base64,AAAA' },
      },
    );
    expect(html).toContain('<img src="data:image/png;base64,AAAA" alt="Chart">');
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('Tracker');
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">web</a>');
    expect(html).toContain('<a>file</a>');
  });

  it('turns links to other items into app addresses', () => {
    const html = renderMarkdown('[next](../02/next.md)', {
      internalLinks: { '../02/next.md': '#/learn/p/item/next' },
    });
    expect(html).toContain('<a href="#/learn/p/item/next">next</a>');
  });

  it('marks links to pack files for the page to download', () => {
    const html = renderMarkdown('[the checklist](../assets/checklist.pdf)', {
      attachments: { '../assets/checklist.pdf': { name: 'checklist.pdf' } },
    });
    expect(html).toContain(
      '<a href="#attachment" data-attachment="../assets/checklist.pdf">the checklist</a>',
    );
  });
});
