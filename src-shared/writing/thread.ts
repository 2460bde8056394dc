/**
 * Splits a draft into an X thread: posts that each fit X's weighted limit, broken at the most natural place.
 */
import { graphemes, POST_BREAK } from './text-metrics';
import { X_POST_LIMIT, findUrls, xLength } from './x-count';

export interface ThreadPost {
  /** The post as it will be published, numbering included. */
  text: string;
  /** {@link xLength} of `text`; never more than the limit. */
  length: number;
}

export interface SplitThreadOptions {
  /** The weighted length each post may use; X's 280 by default. */
  limit?: number;
  /**
   * Whether to end each post with " n/N". By default posts are numbered when there is more than one;
   * `true` numbers even a single post, `false` never numbers.
   */
  numbering?: boolean;
}

const BLANK_LINES = /\n[ \t]*\n\s*/;
/** A word that ends a sentence: . ! ? … or their CJK forms, possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…。！？]["'”’»)\]」』）]*$/u;

/** One piece of text and the whitespace that separated it from the previous piece. */
interface Piece {
  separator: string;
  text: string;
}

/** Whitespace, or the empty gap after a CJK full stop (CJK sentences need no space between them). */
const SENTENCE_GAP = /(\s+|(?<=[。！？][」』）]*)(?=[^\s」』）]))/u;

/** Splits a paragraph into its sentences; a line break also ends one (lists, verse). */
function sentences(paragraph: string): Piece[] {
  const tokens = paragraph.split(SENTENCE_GAP);
  const result: Piece[] = [];
  let current: Piece | undefined;
  for (let index = 0; index < tokens.length; index += 2) {
    const word = tokens[index] ?? '';
    const before = tokens[index - 1] ?? '';
    if (word === '') continue;
    if (current === undefined) {
      current = { separator: before, text: word };
    } else if (before.includes('\n') || SENTENCE_END.test(current.text)) {
      result.push(current);
      current = { separator: before, text: word };
    } else {
      current.text += before + word;
    }
  }
  if (current !== undefined) result.push(current);
  return result;
}

/** Splits text at whitespace into words. */
function words(text: string): Piece[] {
  const tokens = text.split(/(\s+)/);
  const result: Piece[] = [];
  for (let index = 0; index < tokens.length; index += 2) {
    const word = tokens[index] ?? '';
    if (word !== '') result.push({ separator: tokens[index - 1] ?? '', text: word });
  }
  return result;
}

/** Splits a word into URLs, which stay whole, and single graphemes (so emoji sequences stay whole too). */
function atoms(word: string): Piece[] {
  const result: Piece[] = [];
  let position = 0;
  const push = (text: string) => {
    for (const grapheme of graphemes(text)) result.push({ separator: '', text: grapheme });
  };
  for (const { start, end, url } of findUrls(word)) {
    push(word.slice(position, start));
    result.push({ separator: '', text: url });
    position = end;
  }
  push(word.slice(position));
  return result;
}

/** A URL longer than a (tiny) limit is the only atom that may still be cut: by grapheme. */
function urlGraphemes(atom: string): Piece[] {
  return graphemes(atom).map((text) => ({ separator: '', text }));
}

/** Each level splits a piece that does not fit into smaller pieces, from paragraphs down to graphemes. */
const LEVELS: readonly ((text: string) => Piece[])[] = [sentences, words, atoms, urlGraphemes];

/** Fills posts greedily; `budget(n)` is the weighted length the body of post n (1-based) may use. */
class Packer {
  readonly posts: string[] = [];
  private current = '';

  constructor(private readonly budget: (postNumber: number) => number) {}

  /** Forces a new post (at a `---` line). */
  flush(): void {
    const text = this.current.trim();
    if (text !== '') this.posts.push(text);
    this.current = '';
  }

  /** Adds a piece: to the current post if it fits, else whole to a new post, else split at the next level. */
  place(piece: Piece, level: number): void {
    const candidate = this.current === '' ? piece.text : this.current + piece.separator + piece.text;
    if (xLength(candidate) <= this.budget(this.posts.length + 1)) {
      this.current = candidate;
      return;
    }
    const nextPost = this.posts.length + (this.current === '' ? 1 : 2);
    if (xLength(piece.text) <= this.budget(nextPost)) {
      this.flush();
      this.current = piece.text;
      return;
    }
    for (let next = level; next < LEVELS.length; next++) {
      const parts = LEVELS[next]?.(piece.text) ?? [];
      if (parts.length > 1 || (parts.length === 1 && parts[0]?.text !== piece.text)) {
        parts.forEach((part, index) =>
          this.place(index === 0 ? { ...part, separator: piece.separator } : part, next + 1),
        );
        return;
      }
    }
    throw new RangeError(`A post limit of ${this.budget(nextPost)} cannot hold "${piece.text}"`);
  }
}

function pack(sections: readonly string[][], budget: (postNumber: number) => number): string[] {
  const packer = new Packer(budget);
  for (const paragraphs of sections) {
    for (const paragraph of paragraphs) packer.place({ separator: '\n\n', text: paragraph }, 0);
    packer.flush();
  }
  return packer.posts;
}

function digits(value: number): number {
  return String(value).length;
}

/**
 * Splits `text` into posts of at most `limit` (X's weighted length): a `---` line forces a new post; otherwise
 * each post takes whole paragraphs, then whole sentences, then whole words, and a URL, an emoji sequence or a
 * word is cut (by grapheme) only when it alone is longer than a post. With numbering, " n/N" is appended and
 * counts towards the limit.
 */
export function splitThread(text: string, options: SplitThreadOptions = {}): ThreadPost[] {
  const limit = options.limit ?? X_POST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Invalid post limit: ${limit}`);

  const sections = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split(POST_BREAK)
    .map((section) =>
      section
        .split(BLANK_LINES)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== ''),
    )
    .filter((paragraphs) => paragraphs.length > 0);

  const plain = pack(sections, () => limit);
  const numbering = options.numbering ?? plain.length > 1;
  if (!numbering || plain.length === 0) return plain.map((post) => ({ text: post, length: xLength(post) }));

  // " n/N" is ASCII, so it adds 2 + digits(n) + digits(N). The count N depends on the room the suffix leaves,
  // so pack again, reserving for more digits of N, until the count's digits fit what was reserved.
  let reservedDigits = digits(plain.length);
  for (;;) {
    const bodies = pack(sections, (postNumber) => limit - (2 + digits(postNumber) + reservedDigits));
    if (digits(bodies.length) > reservedDigits) {
      reservedDigits = digits(bodies.length);
      continue;
    }
    const posts = bodies.map((body, index) => {
      const numbered = `${body} ${index + 1}/${bodies.length}`;
      return { text: numbered, length: xLength(numbered) };
    });
    if (posts.every((post) => post.length <= limit)) return posts;
    reservedDigits += 1; // Defensive: the suffix always adds exactly its own length, but never exceed the limit.
  }
}
