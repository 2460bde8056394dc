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

  it('renders block by block, reusing unchanged blocks, exactly as it renders a text whole', () => {
    // A context (even an empty one) makes renderMarkdown sanitise the text whole, with no reuse.
    const whole = (markdown: string) => renderMarkdown(markdown, { images: {} });
    const blocks = [
      '# Title with *emphasis*',
      'A paragraph with [a link][ref], [the web](https://example.com) and [a file](file:///etc/passwd).',
      '- one\n- two with `code`\n\n- loose three',
      '> A quote\n> over two lines with ![a picture](pic.png)',
      '```js\nconst x = "<script>alert(1)</script>";\n```',
      '| a | b |\n| - | - |\n| 1 | [x](javascript:alert(1)) |',
      '[ref]: https://example.org/first',
    ];
    const texts = [
      blocks,
      blocks.map((block, i) => (i === 1 ? `${block} More words.` : block)),
      [...blocks.slice(0, 6), '[ref]: https://example.org/second'],
      [...blocks, blocks[1] ?? '', 'A new last paragraph.'],
      ['A paragraph', '', 'Another'],
      [],
    ].map((list) => list.join('\n\n'));
    for (const text of [...texts, ...[...texts].reverse()]) expect(renderMarkdown(text)).toBe(whole(text));
    expect(renderMarkdown(texts[2] ?? '')).toContain('https://example.org/second');
  });

  it('sanitises text with raw HTML whole, so an element left open cannot leak across blocks', () => {
    const text = 'Start <b>bold\n\nstill <img src=x onerror=alert(1)> bold?\n\n<div onclick="x()">\n\nend';
    expect(renderMarkdown(text)).toBe(whole(text));
    expect(renderMarkdown(text)).not.toMatch(/onerror|onclick|<img/);
    // Raw HTML typed into one block of a text rendered before sends the whole text the safe way.
    const plain = 'One paragraph.\n\nTwo paragraph.\n\nThree paragraph.';
    expect(renderMarkdown(plain)).toBe(whole(plain));
    const typed = plain.replace('Two', 'Two <em>open');
    expect(renderMarkdown(typed)).toBe(whole(typed));
    // The open <em> reaches into the next block, as it does in one document: rendering blocks apart would not.
    expect(renderMarkdown(typed)).toContain('<em>\n<p>Three paragraph.</p>\n</em>');

    function whole(markdown: string) {
      return renderMarkdown(markdown, { images: {} });
    }
  });
});
