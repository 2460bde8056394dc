import { describe, expect, it } from 'vitest';
import {
  copiedShare,
  maskCode,
  modelAnswerOf,
  ownWords,
  placeholderSpans,
  withoutPlaceholders,
} from './template-text';

const placeholders = (text: string) => placeholderSpans(text).map((span) => text.slice(span.start, span.end));

describe('template placeholders', () => {
  it('finds each [bracketed hint] once, nested ones inside the outermost', () => {
    expect(placeholders('## About\n[Opening: who you help]\n\nI’m a [role] at [company].')).toEqual([
      '[Opening: who you help]',
      '[role]',
      '[company]',
    ]);
    expect(placeholders('[Where you work: "I\'m a [role] at [company]."]')).toEqual([
      '[Where you work: "I\'m a [role] at [company]."]',
    ]);
  });

  it('follows a hint over several lines of one paragraph, not past a blank line', () => {
    expect(placeholders('[The lesson:\n→ point one\n→ point two]')).toHaveLength(1);
    expect(placeholders('[An opening\n\nthat never closes. Then [a real one]')).toEqual(['[a real one]']);
  });

  it('leaves links, images, references, task boxes, numbers and code alone', () => {
    const text = [
      'See [the docs](https://example.com) and [the spec][spec].',
      '![A diagram](d.png)',
      '[spec]: https://example.com/spec',
      '- [x] done',
      '- [ ] to do',
      'As shown in [1].',
      'Index with `items[index]` or:',
      '```ts\nconst first = list[first];\n```',
      'An escaped \\[not a hint].',
    ].join('\n');
    expect(placeholders(text)).toEqual([]);
  });

  it('blanks placeholders out, keeping every other character where it was', () => {
    const text = 'I work at [company]; see `a[b]`.';
    expect(withoutPlaceholders(text)).toBe('I work at          ; see `a[b]`.');
    expect(maskCode(text)).toBe('I work at [company]; see       .');
  });
});

describe('own words', () => {
  const template = '## What happened\n[Situation. Start at the interesting moment.]';

  it('counts the words the template does not account for, ignoring case and order', () => {
    expect(ownWords(template, template)).toEqual({ own: 0, total: 8 });
    expect(ownWords('## What happened\nThe cache on one node expired at midnight.', template)).toEqual({
      own: 6,
      total: 10,
    });
    // Moving template words around adds nothing of one's own.
    expect(ownWords('moment interesting the at Start situation happened what', template).own).toBe(0);
  });

  it('lets each template word account for one occurrence only', () => {
    expect(ownWords('the the the', 'the')).toEqual({ own: 2, total: 3 });
  });
});

describe('the model answer', () => {
  const body = [
    'Do the exercise.',
    '',
    '## A model answer',
    '',
    'Write yours first, then compare.',
    '',
    '> ## What I know',
    '> I help support teams work out why a bank-feed sync failed in under ten minutes.',
    '',
    '## Afterwards',
    'Not part of it.',
  ].join('\n');

  it('is the body’s “A model answer” section, without its quote marks', () => {
    expect(modelAnswerOf(body)).toBe(
      'Write yours first, then compare.\n\n## What I know\nI help support teams work out why a bank-feed sync failed in under ten minutes.',
    );
    expect(modelAnswerOf('No section here.')).toBeNull();
  });

  it('counts runs of six words copied from it, not shared phrasing or the template’s own words', () => {
    const model = modelAnswerOf(body) ?? '';
    const template = '## What I know\nI help [who] with [what].';
    expect(
      copiedShare(
        'I help support teams work out why a bank-feed sync failed in under ten minutes.',
        model,
        template,
      ),
    ).toBe(1);
    expect(
      copiedShare(
        'I help warehouse staff work out why a scanner drops its connection at the loading dock.',
        model,
        template,
      ),
    ).toBe(0);
    // Seven words copied, ten their own.
    expect(
      copiedShare(
        'work out why a bank-feed sync failed and then I wrote it all down for my team',
        model,
        template,
      ),
    ).toBeCloseTo(7 / 17, 2);
  });
});
