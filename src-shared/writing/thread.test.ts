import { describe, expect, it } from 'vitest';
import { splitThread } from './thread';
import type { ThreadPost } from './thread';
import { graphemes } from './text-metrics';
import { xLength } from './x-count';

const SUFFIX = / (\d+)\/(\d+)$/;

/** The post without its " n/N". */
function body(post: ThreadPost): string {
  return post.text.replace(SUFFIX, '');
}

function expectValid(posts: ThreadPost[], limit = 280): void {
  for (const post of posts) {
    expect(post.length).toBe(xLength(post.text));
    expect(post.length).toBeLessThanOrEqual(limit);
    expect(post.text).toBe(post.text.trim());
    expect(body(post).trim()).not.toBe('');
  }
}

/** `count` words of `letters` letters: a sentence with no full stop, weighing count * (letters + 1) - 1. */
function filler(count: number, letters = 4): string {
  return Array.from({ length: count }, () => 'abcdefghijklmnopqrstuvwxyz'.slice(0, letters)).join(' ');
}

describe('splitThread', () => {
  it('keeps a short draft as one unnumbered post', () => {
    expect(splitThread('  Hello, world! 👋  ')).toEqual([{ text: 'Hello, world! 👋', length: 16 }]);
  });

  it('returns no posts for an empty draft', () => {
    expect(splitThread('')).toEqual([]);
    expect(splitThread(' \n\n---\n \n')).toEqual([]);
  });

  it('keeps a text of weight exactly 280 in one post and splits one of 281', () => {
    const exact = `${filler(27, 9)} abcdefghij`;
    expect(xLength(exact)).toBe(280);
    expect(splitThread(exact)).toEqual([{ text: exact, length: 280 }]);

    const over = `${exact}k`;
    expect(xLength(over)).toBe(281);
    const posts = splitThread(over);
    expect(posts).toHaveLength(2);
    expectValid(posts);
    expect(posts.map((post) => post.text.match(SUFFIX)?.[0])).toEqual([' 1/2', ' 2/2']);
    expect(posts.map(body).join(' ')).toBe(over);
  });

  it('weighs CJK double: 140 characters fit, 141 do not', () => {
    const cjk = '東京'.repeat(70);
    expect(splitThread(cjk)).toEqual([{ text: cjk, length: 280 }]);
    const posts = splitThread(`${cjk}都`);
    expect(posts).toHaveLength(2);
    expectValid(posts);
    expect(posts.map(body).join('')).toBe(`${cjk}都`);
  });

  it('counts a long URL as 23, so a post may have more than 280 characters', () => {
    const url = `https://example.com/${'path/'.repeat(30)}end`;
    const text = `${filler(50)} ${url}`;
    expect(text.length).toBeGreaterThan(280);
    expect(splitThread(text)).toEqual([{ text, length: 249 + 1 + 23 }]);
  });

  it('keeps paragraphs whole when they fit', () => {
    const paragraph = (n: number) => `Paragraph ${n}. ${filler(20)}`; // weight 13 + 99 = 112
    const text = [1, 2, 3, 4, 5].map(paragraph).join('\n\n');
    const posts = splitThread(text);
    expectValid(posts);
    expect(posts.map(body)).toEqual([
      `${paragraph(1)}\n\n${paragraph(2)}`,
      `${paragraph(3)}\n\n${paragraph(4)}`,
      paragraph(5),
    ]);
  });

  it('moves a paragraph that fits a post of its own to the next post instead of cutting it', () => {
    const first = `First. ${filler(30)}`; // 156
    const second = `Second. ${filler(40)}`; // 207
    const posts = splitThread(`${first}\n\n${second}`);
    expect(posts.map(body)).toEqual([first, second]);
  });

  it('breaks a long paragraph between sentences', () => {
    const sentences = Array.from({ length: 8 }, (_, i) => `Sentence ${i + 1} says ${filler(12)}!`);
    const posts = splitThread(sentences.join(' '));
    expectValid(posts);
    expect(posts.length).toBeGreaterThan(1);
    const bodies = posts.map(body);
    for (const sentence of sentences) expect(bodies.some((text) => text.includes(sentence))).toBe(true);
    for (const text of bodies) expect(text).toMatch(/!$/);
    expect(bodies.join(' ')).toBe(sentences.join(' '));
  });

  it('ends sentences at CJK full stops too', () => {
    const sentence = (n: number) => `第${n}文：${'東京'.repeat(20)}です。`; // weight 2 * 47 = 94
    const sentences = [1, 2, 3, 4].map(sentence);
    const posts = splitThread(sentences.join(' '));
    expectValid(posts);
    expect(posts.map(body)).toEqual([sentences.slice(0, 2).join(' '), sentences.slice(2).join(' ')]);
  });

  it('ends CJK sentences that have no space between them', () => {
    const sentence = (n: number) => `「第${n}文」：${'東京'.repeat(20)}です。`; // weight 2 * 49 = 98
    const text = [1, 2, 3, 4, 5].map(sentence).join('');
    const posts = splitThread(text);
    expectValid(posts);
    expect(posts.map(body)).toEqual([sentence(1) + sentence(2), sentence(3) + sentence(4), sentence(5)]);
  });

  it('treats a line break inside a paragraph as a sentence boundary and keeps it', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `- item ${i + 1} ${filler(15)}`);
    const posts = splitThread(lines.join('\n'));
    expectValid(posts);
    expect(posts.map(body).join('\n')).toBe(lines.join('\n'));
    for (const text of posts.map(body)) {
      for (const line of text.split('\n')) expect(lines).toContain(line);
    }
  });

  it('breaks between words when a sentence is longer than a post', () => {
    const sentence = `${filler(100)}.`;
    const posts = splitThread(sentence);
    expectValid(posts);
    expect(posts.map(body).join(' ')).toBe(sentence);
    for (const text of posts.map(body))
      expect(text.split(' ').every((word) => /^abcd\.?$/.test(word))).toBe(true);
  });

  it('forces a new post at a --- line, and only at a whole line', () => {
    const posts = splitThread('---\nOne.\n---\n\n---\nTwo --- still two.\n  ---  \nThree.\n---');
    expect(posts.map((post) => post.text)).toEqual(['One. 1/3', 'Two --- still two. 2/3', 'Three. 3/3']);
    expect(splitThread('A\r\n---\r\nB', { numbering: false }).map((post) => post.text)).toEqual(['A', 'B']);
  });

  it('never splits a URL, even when it straddles the limit', () => {
    const url = `https://example.com/${'segment/'.repeat(40)}end`;
    const text = `${filler(54)} ${url} and more words after it.`;
    const posts = splitThread(text);
    expectValid(posts);
    expect(posts).toHaveLength(2);
    expect(body(posts[0] as ThreadPost)).toBe(filler(54));
    expect(body(posts[1] as ThreadPost)).toBe(`${url} and more words after it.`);
  });

  it('never splits an emoji sequence, even when cutting a word longer than a post', () => {
    const family = '👨‍👩‍👧‍👦';
    const word = family.repeat(200); // weight 400, no spaces
    const posts = splitThread(word);
    expectValid(posts);
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(graphemes(body(post)).every((g) => g === family)).toBe(true);
    expect(posts.map(body).join('')).toBe(word);
  });

  it('cuts a word longer than a post by grapheme', () => {
    const word = 'a'.repeat(600);
    const posts = splitThread(`Start ${word} end`);
    expectValid(posts);
    expect(posts.map(body).join('')).toBe(`Start ${word} end`); // both cuts fall inside the word
    expect(posts).toHaveLength(3);
    expect(posts[0]?.text.startsWith('Start aaaa')).toBe(true); // the long word fills the rest of the post
  });

  it('keeps the numbered posts within the limit when N goes from 9 to 10', () => {
    // 500 words of weight 5 with their space: 56 fit an unnumbered post (9 posts), 55 a numbered one (10).
    const text = filler(500);
    const plain = splitThread(text, { numbering: false });
    expect(plain).toHaveLength(9);
    expect(plain[0]?.length).toBe(279);

    const posts = splitThread(text);
    expect(posts).toHaveLength(10);
    expectValid(posts);
    posts.forEach((post, index) => expect(post.text.match(SUFFIX)?.slice(1)).toEqual([`${index + 1}`, '10']));
    expect(posts.map(body).join(' ')).toBe(text);
  });

  it('reserves room for the suffix in every post, whatever the digits of n', () => {
    const text = filler(1000, 3); // weight 3999: around 16 posts
    for (const limit of [50, 100, 280]) {
      const posts = splitThread(text, { limit });
      expectValid(posts, limit);
      posts.forEach((post, index) => expect(post.text.endsWith(` ${index + 1}/${posts.length}`)).toBe(true));
      expect(posts.map(body).join(' ')).toBe(text);
    }
  });

  it('numbers on request, and not when asked not to', () => {
    expect(splitThread('Just one.', { numbering: true })).toEqual([{ text: 'Just one. 1/1', length: 13 }]);
    const posts = splitThread(filler(100), { numbering: false });
    expect(posts).toHaveLength(2);
    expect(posts.every((post) => !SUFFIX.test(post.text))).toBe(true);
  });

  it('rejects a limit that cannot hold a single character', () => {
    expect(() => splitThread('東京', { limit: 1 })).toThrow(RangeError);
    expect(() => splitThread('text', { limit: 0 })).toThrow(RangeError);
    expect(() => splitThread('text', { limit: 2.5 })).toThrow(RangeError);
  });
});

/** mulberry32: a small seeded PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EMOJI = ['👍', '👍🏽', '👨‍👩‍👧‍👦', '🇬🇧', '🇯🇵', '1️⃣', '❤️', '🧑🏿‍💻', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🎉'];
const URLS = [
  'https://example.com',
  'https://www.example.org/blog/2025/a-rather-long-article-slug?ref=x&utm_source=advocate',
  'example.dev/docs/getting-started',
  'http://a.co/b',
  `https://example.com/${'deep/'.repeat(60)}end`,
];
const CJK = '東京大阪日本語中文字漢한국어';

describe('splitThread on random drafts', () => {
  it('keeps every post within 280 and every word in order (500 seeded cases)', () => {
    const random = prng(20250501);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

    for (let run = 0; run < 500; run++) {
      const words: string[] = [];
      let text = '';
      const count = int(0, 160);
      for (let i = 0; i < count; i++) {
        const roll = random();
        let word: string;
        if (roll < 0.6)
          word = Array.from({ length: int(1, 12) }, () => pick([...'abcdefghijklmnopqrstuvwxyzé'])).join('');
        else if (roll < 0.72) word = Array.from({ length: int(1, 3) }, () => pick(EMOJI)).join('');
        else if (roll < 0.8) word = pick(URLS);
        else word = Array.from({ length: int(1, 6) }, () => pick([...CJK])).join('');
        if (random() < 0.15) word += pick(['.', '!', '?', ',', '…']);
        words.push(word);
        const separator = i === 0 ? '' : pick([' ', ' ', ' ', ' ', ' ', ' ', '  ', '\n', '\n\n', '\n---\n']);
        text += separator + word;
      }

      const context = `case ${run}: ${JSON.stringify(text)}`;
      const plain = splitThread(text, { numbering: false });
      for (const post of plain) {
        expect(post.length, context).toBeLessThanOrEqual(280);
        expect(post.length, context).toBe(xLength(post.text));
        expect(post.text, context).not.toBe('');
      }
      expect(
        plain
          .map((post) => post.text)
          .join(' ')
          .split(/\s+/)
          .filter((word) => word !== ''),
        context,
      ).toEqual(words);

      const numbered = splitThread(text);
      numbered.forEach((post, index) => {
        expect(post.length, context).toBeLessThanOrEqual(280);
        if (numbered.length > 1)
          expect(post.text.endsWith(` ${index + 1}/${numbered.length}`), context).toBe(true);
      });
    }
  });
});
