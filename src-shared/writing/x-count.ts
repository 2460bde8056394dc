/**
 * The weighted length X (Twitter) counts for a post, so the studio can tell an advocate what fits before they
 * paste a draft into X.
 */
import { graphemes } from './text-metrics';

// Constants from twitter-text config/v3.json (github.com/twitter/twitter-text): maxWeightedTweetLength 280, scale 100, defaultWeight 200, emojiParsingEnabled true, transformedURLLength 23.
export const X_POST_LIMIT = 280;
/** What X counts for any URL, however long: it is replaced by a t.co link. */
export const X_URL_LENGTH = 23;

const SCALE = 100;
const DEFAULT_WEIGHT = 200;
/** Code point ranges (inclusive) that weigh 100, i.e. count 1: Latin, Greek, Cyrillic… and some punctuation. */
const LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
const LIGHT_WEIGHT = 100;

/** A URL X would shorten, found in a text, as UTF-16 offsets [start, end). */
export interface UrlMatch {
  url: string;
  start: number;
  end: number;
}

// ---- URLs -------------------------------------------------------------------------------------------------
// A documented subset of twitter-text's extractUrlsWithIndices (js/src/regexp/extractUrl.js):
//  - with http:// or https://, any domain whose last label is 2-63 ASCII letters (or punycode) is a URL;
//    twitter-text checks the TLD against IANA's full list, which covers every real TLD, so the only difference
//    is for made-up TLDs such as `https://printer.local`;
//  - without a protocol, the domain must be ASCII and end in one of the common TLDs below, and (as in
//    twitter-text) a bare `name.cc` with a country-code TLD and no path is not a URL ("go.it"), except .co/.tv;
//  - a URL may not follow a letter, digit, @, $ or #; a bare domain may not follow - _ . or /
//    (so e-mail addresses and `@handles` are not URLs);
//  - port, path (with balanced parentheses) and query follow twitter-text, so trailing punctuation such as the
//    full stop in "see example.com/a." is not part of the URL.

/** Generic TLDs recognised without a protocol (all in twitter-text's validGTLD list). */
const GENERIC_TLDS = `
  academy agency app art asia biz blog cloud club com company design dev digital edu email global gov
  group info int jobs link live media mil mobi museum name net network news online org page pro shop site
  social software solutions store studio systems tech today travel wiki world xyz
`
  .trim()
  .split(/\s+/);

/** Country-code TLDs recognised without a protocol (all in twitter-text's validCCTLD list). */
const COUNTRY_TLDS = `
  ac ae ai ar at au be bg br ca ch cl cn co cz de dk ee es eu fi fm fr gg gl gr hk hr hu id ie il in io is
  it jp ke kr la lt lu lv ly me mx my ng nl no nu nz ph pk pl pt ro rs ru se sg si sk so th to tr tv tw ua
  uk us vn za
`
  .trim()
  .split(/\s+/);

/** Country codes whose bare `name.cc` still counts as a URL (twitter-text's validSpecialCCTLD). */
const SPECIAL_COUNTRY_TLDS = new Set(['co', 'tv']);

function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

const TLD_END = '(?=[^0-9a-z@+-]|$)';
/** Characters of a URL path (validGeneralUrlPathChars), with Latin and Cyrillic letters. */
const PATH_CHAR = String.raw`[\p{Script=Latin}\p{Script=Cyrillic}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&]`;
const BALANCED_PARENS = String.raw`\((?:${PATH_CHAR}+|${PATH_CHAR}*\(${PATH_CHAR}+\)${PATH_CHAR}*)\)`;
/** A path does not end in punctuation such as . , ! ? : ; (validUrlPathEndingChars). */
const PATH_END = String.raw`(?:[+\-\p{Script=Latin}\p{Script=Cyrillic}0-9=_#/]|${BALANCED_PARENS})`;
const PATH = String.raw`(?<path>\/(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_END})*)?`;
const QUERY = String.raw`(?:\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/])?`;
const PORT = '(?::[0-9]{1,5})?';

const IDN_LABEL = String.raw`[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}_-]*[\p{L}\p{M}\p{N}])?`;
const ASCII_SUBDOMAIN = '[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?';
const ASCII_LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';

const URL_PATTERN = new RegExp(
  '(?:' +
    // With a protocol: internationalised labels, any ASCII (or punycode) TLD.
    String.raw`(?<![A-Za-z0-9@＠$#＃])https?:\/\/(?:${IDN_LABEL}\.)+(?:xn--[a-z0-9-]+|[a-z]{2,63})${TLD_END}` +
    '|' +
    // Without one: ASCII labels and a known TLD.
    String.raw`(?<![A-Za-z0-9@＠$#＃\-_./])(?<bare>(?:${ASCII_SUBDOMAIN}\.)*(?<name>${ASCII_LABEL}\.)` +
    `(?<tld>${alternation([...GENERIC_TLDS, ...COUNTRY_TLDS])})${TLD_END})` +
    ')' +
    PORT +
    PATH +
    QUERY,
  'giu',
);

const COUNTRY_TLD_SET = new Set(COUNTRY_TLDS);

/** The URLs in `text` that X would count as {@link X_URL_LENGTH}, in order. */
export function findUrls(text: string): UrlMatch[] {
  if (!text.includes('.')) return [];
  const urls: UrlMatch[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const groups = match.groups ?? {};
    const { bare, name, tld, path } = groups;
    if (bare !== undefined && path === undefined && name !== undefined && tld !== undefined) {
      // A single label and a country code with nothing after it, "go.it", is not a URL (invalidShortDomain).
      const lowerTld = tld.toLowerCase();
      const shortDomain = bare.length === name.length + tld.length;
      if (shortDomain && COUNTRY_TLD_SET.has(lowerTld) && !SPECIAL_COUNTRY_TLDS.has(lowerTld)) continue;
    }
    urls.push({ url: match[0], start: match.index, end: match.index + match[0].length });
  }
  return urls;
}

// ---- Emoji ----------------------------------------------------------------------------------

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|[0-9#*]\uFE0F?\u20E3/u;

/**
 * Whether X counts the grapheme as one emoji (twemoji): pictographs with their modifiers and ZWJ sequences,
 * flags, keycaps. A bare © or ® without U+FE0F is text, and so is anything forced to text with U+FE0E.
 */
export function isEmoji(grapheme: string): boolean {
  if (!EMOJI.test(grapheme) || grapheme.includes('\uFE0E')) return false;
  return !(grapheme.length === 1 && grapheme.charCodeAt(0) < 0x1100);
}

function codePointWeight(codePoint: number): number {
  for (const [start, end] of LIGHT_RANGES) {
    if (codePoint >= start && codePoint <= end) return LIGHT_WEIGHT;
  }
  return DEFAULT_WEIGHT;
}

/** The scaled weight of text containing no URL. */
function plainWeight(text: string): number {
  let weight = 0;
  for (const grapheme of graphemes(text)) {
    if (isEmoji(grapheme)) {
      weight += DEFAULT_WEIGHT;
      continue;
    }
    for (const char of grapheme) weight += codePointWeight(char.codePointAt(0) ?? 0);
  }
  return weight;
}

/**
 * The length X counts for `text`: after NFC, each URL counts 23, each emoji sequence 2, each code point in the
 * light ranges (Latin, most punctuation…) 1 and every other code point (CJK, for one) 2.
 */
export function xLength(text: string): number {
  const normalized = text.normalize('NFC');
  let weight = 0;
  let position = 0;
  for (const { start, end } of findUrls(normalized)) {
    weight += plainWeight(normalized.slice(position, start)) + X_URL_LENGTH * SCALE;
    position = end;
  }
  weight += plainWeight(normalized.slice(position));
  return weight / SCALE;
}
