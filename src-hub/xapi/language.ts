export type LanguageMap = Record<string, string>;

export interface LanguageRange {
  range: string;
  q: number;
}

/** `Accept-Language: da, en-GB;q=0.8, en;q=0.7` as ranges with their weights (RFC 9110 §12.5.4). */
export function parseAcceptLanguage(header: string | undefined): LanguageRange[] {
  if (!header) return [];
  const ranges: LanguageRange[] = [];
  for (const item of header.split(',').slice(0, 50)) {
    const [range, ...params] = item.split(';').map((part) => part.trim());
    if (!range || !/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/i.test(range)) continue;
    const weight = params.find((param) => /^q=/i.test(param));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (Number.isFinite(q) && q >= 0 && q <= 1) ranges.push({ range: range.toLowerCase(), q });
  }
  return ranges;
}

/**
 * The one entry of a language map a reader asked for (Communication 2.1.3, "Language Filtering Requirements for
 * Canonical Format Statements"): each tag is weighed by the longest range that matches it (RFC 4647 basic
 * filtering), the heaviest wins, and with no acceptable tag the map's first entry stands in, since exactly one
 * language is returned.
 */
export function pickLanguage(map: LanguageMap, ranges: LanguageRange[]): LanguageMap {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  let best = tags[0] as string;
  let bestQ = 0;
  for (const tag of tags) {
    const q = weightOf(tag.toLowerCase(), ranges);
    if (q > bestQ) {
      best = tag;
      bestQ = q;
    }
  }
  return { [best]: map[best] as string };
}

function weightOf(tag: string, ranges: LanguageRange[]): number {
  let longest = -1;
  let q = 0;
  for (const { range, q: weight } of ranges) {
    const matches = range === '*' || tag === range || tag.startsWith(`${range}-`);
    // `*` is the least specific range: any named range that matches outranks it.
    const length = range === '*' ? 0 : range.length;
    if (matches && length > longest) {
      longest = length;
      q = weight;
    }
  }
  return q;
}
