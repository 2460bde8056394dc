// The writing studio with a prolific writer's library: 10,000 drafts of about 800 words. Library search
// and opening a draft through dispatch (zod in, handler, drizzle, zod out), each beside the one SQL
// statement it wraps; and the Markdown preview of a 5,000-word draft beside marked alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { Marked } from 'marked';
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../src-shared/training/schemas';
import { startAppCore, type AppCore } from '../src-main/core/app';
import { createMemoryLogger } from '../src-main/core/logger';
import { toMatchQuery } from '../src-main/training/search';
import { latenciesMs, percentile, timeMs, type Row } from './measure';
import { seededRandom } from './pack-gen';

const migrationsDir = join(import.meta.dirname, '..', 'src-main', 'db', 'migrations');
const DRAFTS = 10_000;
const WORDS_PER_DRAFT = 800;
const SEARCHES = 200;
/** listDrafts stops early past this, so a slow build still finishes the bench in about a minute. */
const SEARCH_BUDGET_MS = 20_000;
const OPENS = 500;
const PREVIEW_WORDS = 5_000;
const PREVIEWS = 40;

// The head of the vocabulary: real words, most frequent first (function words, then the writing a
// company's advocates do). The long tail is made of pronounceable invented words, so rare terms exist.
const HEAD = (
  'the of and to a in is that for it as with was on be by this are we you at from or have an not but ' +
  'they which one our their all can has more will when about what so there if out up do also its how ' +
  'team customer product users data release support service time work new first because people could ' +
  'engineer database network latency feature question answer problem change issue community developer ' +
  'story insight reader trust voice company practice draft post blog forum thread audience context ' +
  'detail mistake fix root cause timeline metric graph benchmark migration upgrade version config ' +
  'deploy outage incident report review edit publish credible honest specific useful peer learn share ' +
  'explain notice write lesson example course module experience platform security privacy performance ' +
  'latency cache memory storage cluster region pipeline rollout rollback monitoring alert dashboard ' +
  'onboarding documentation tutorial workshop conference talk podcast newsletter interview survey ' +
  'feedback roadmap quarter launch partner pricing contract renewal churn retention growth hiring ' +
  'culture remote office meeting decision tradeoff architecture kubernetes postgres sqlite typescript ' +
  'javascript python rust compiler runtime library framework dependency vulnerability patch encryption ' +
  'authentication permission compliance audit regulation governance accessibility localisation'
).split(' ');
const SYLLABLES = (
  'ka lo mi ne ru sa te vo pa di ber con ex fra gal hin jor kel lum mar nor pel quin ros sul tor ' +
  'ven wil yar zen and ist ion ure ment ble ous ive ory ant ent ism ate ify'
).split(' ');
const VOCABULARY_SIZE = 20_000;
/** Zipf's exponent for word frequencies in English prose. */
const ZIPF = 1.07;

interface Vocabulary {
  words: string[];
  /** Cumulative Zipf probabilities by rank, for sampling by binary search. */
  cumulative: Float64Array;
}

function buildVocabulary(random: () => number): Vocabulary {
  const words = [...new Set(HEAD)];
  const seen = new Set(words);
  while (words.length < VOCABULARY_SIZE) {
    const count = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < count; i += 1) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? 'ka';
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank += 1) cumulative[rank] = total += 1 / (rank + 1) ** ZIPF;
  for (let rank = 0; rank < words.length; rank += 1) cumulative[rank] = (cumulative[rank] ?? 0) / total;
  return { words, cumulative };
}

function sampleWord(vocabulary: Vocabulary, random: () => number): string {
  const target = random();
  const { cumulative } = vocabulary;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 1) < target) low = mid + 1;
    else high = mid;
  }
  return vocabulary.words[low] ?? 'word';
}

function sentence(vocabulary: Vocabulary, random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(sampleWord(vocabulary, random));
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Markdown a writer might keep: headings, paragraphs and lists, about `wordCount` words. */
function draftBody(vocabulary: Vocabulary, random: () => number, wordCount: number): string {
  const blocks: string[] = [];
  let written = 0;
  while (written < wordCount) {
    const roll = random();
    if (roll < 0.1) {
      const n = 2 + Math.floor(random() * 4);
      blocks.push(`## ${sentence(vocabulary, random, n).slice(0, -1)}`);
      written += n;
    } else if (roll < 0.25) {
      const lines: string[] = [];
      for (let i = 2 + Math.floor(random() * 4); i > 0; i -= 1) {
        const n = 3 + Math.floor(random() * 8);
        lines.push(`- ${sentence(vocabulary, random, n)}`);
        written += n;
      }
      blocks.push(lines.join('\n'));
    } else {
      const sentences: string[] = [];
      for (let i = 2 + Math.floor(random() * 5); i > 0; i -= 1) {
        const n = 6 + Math.floor(random() * 16);
        sentences.push(sentence(vocabulary, random, n));
        written += n;
      }
      blocks.push(sentences.join(' '));
    }
  }
  return blocks.join('\n\n');
}

/** A version-4 UUID from the seeded generator, so ids pass the contract's `z.uuid()` and runs repeat. */
function seededUuid(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i += 1) hex += Math.floor(random() * 16).toString(16);
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const CHANNELS = ['blog', 'forum', 'linkedin', 'x', 'internal'] as const;
const STATUSES = ['idea', 'drafting', 'ready', 'published', 'archived'] as const;

/**
 * Writes the rows `createDraft` + `saveDraft` would leave (a `drafts` row and its `draft_search` row with
 * the raw title and body, as `index()` in drafts.ts writes them), in one transaction: going through
 * dispatch 10,000 times would take most of the time budget and measure nothing we report.
 */
function fillLibrary(core: AppCore, vocabulary: Vocabulary, random: () => number): string[] {
  const { sqlite } = core.database;
  const insertDraft = sqlite.prepare(
    `INSERT INTO drafts (id, title, body, channel, status, tags, audience, published_url, published_at,
       exercise_pack_id, exercise_item_id, revision, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, '', NULL, NULL, NULL, NULL, ?, ?, ?, NULL)`,
  );
  const insertSearch = sqlite.prepare('INSERT INTO draft_search (title, body, draft_id) VALUES (?, ?, ?)');
  const ids: string[] = [];
  let clock = Date.UTC(2024, 0, 1);
  sqlite.transaction(() => {
    for (let d = 0; d < DRAFTS; d += 1) {
      const id = seededUuid(random);
      const title = sentence(vocabulary, random, 3 + Math.floor(random() * 6)).slice(0, -1);
      const words = Math.round(WORDS_PER_DRAFT * (0.75 + random() * 0.5));
      const body = draftBody(vocabulary, random, words);
      const created = (clock += 1 + Math.floor(random() * 3_600_000));
      const updated = created + Math.floor(random() * 86_400_000);
      insertDraft.run(
        id,
        title,
        body,
        CHANNELS[d % CHANNELS.length],
        STATUSES[Math.floor(random() * STATUSES.length)],
        '[]',
        1 + Math.floor(random() * 40),
        created,
        updated,
      );
      insertSearch.run(title, body, id);
      ids.push(id);
    }
  })();
  return ids;
}

/** 1–2 word queries as people type them: common words, mid-frequency and rare ones, some half-typed. */
function searchQueries(vocabulary: Vocabulary, random: () => number): string[] {
  const { words } = vocabulary;
  const pick = (from: number, to: number) => words[from + Math.floor(random() * (to - from))] ?? 'team';
  const queries: string[] = [];
  for (let q = 0; q < SEARCHES; q += 1) {
    const roll = random();
    const word =
      roll < 0.3 ? pick(0, 100) : roll < 0.55 ? pick(100, 2_000) : roll < 0.8 ? pick(2_000, 20_000) : '';
    if (word === '') {
      // A prefix while typing: the first three to five letters of a head word, e.g. "migr".
      const full = pick(30, HEAD.length);
      queries.push(full.slice(0, Math.min(full.length, 3 + Math.floor(random() * 3))));
    } else if (random() < 0.4) {
      queries.push(`${word} ${pick(0, random() < 0.5 ? 300 : 5_000)}`);
    } else {
      queries.push(word);
    }
  }
  return queries;
}

async function unwrap<T>(result: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`dispatch failed: ${JSON.stringify(settled.error)}`);
  return settled.value as T;
}

export async function benchWriting(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-bench-writing-'));
  const core = await startAppCore({
    dataDir: join(dir, 'data'),
    migrationsDir,
    host: 'browser',
    version: 'bench',
    logger: createMemoryLogger(),
  });
  try {
    const random = seededRandom(20_260_101);
    const vocabulary = buildVocabulary(random);
    let ids: string[] = [];
    const fillMs = await timeMs(() => (ids = fillLibrary(core, vocabulary, random)));
    const rows: Row[] = [];

    // Library search: listDrafts through dispatch beside the FTS5 statement it runs first.
    const queries = searchQueries(vocabulary, random);
    const matches = queries.map((query) => {
      const match = toMatchQuery(query);
      if (match === null) throw new Error(`No match query for "${query}"`);
      return match;
    });
    const ftsQuery = core.database.sqlite.prepare<[string, string, string], { draft_id: string }>(
      `SELECT draft_id, snippet(draft_search, 1, ?, ?, '…', 16) AS snippet FROM draft_search
        WHERE draft_search MATCH ? ORDER BY bm25(draft_search, 10.0, 1.0) LIMIT 200`,
    );
    const rawSearch = (i: number) =>
      ftsQuery.all(SNIPPET_MATCH_START, SNIPPET_MATCH_END, matches[i % matches.length] ?? '');
    const listDrafts = (i: number) =>
      unwrap<{ id: string }[]>(core.dispatch('listDrafts', { query: queries[i % queries.length] }));
    // Same hits in the same order, or the comparison means nothing.
    for (let i = 0; i < queries.length; i += 50) {
      const ours = (await listDrafts(i)).map((draft) => draft.id).join();
      const floor = rawSearch(i)
        .map((hit) => hit.draft_id)
        .join();
      if (ours !== floor) throw new Error(`listDrafts and raw FTS disagree for "${queries[i]}"`);
    }
    const hitCounts = queries.map((_, i) => rawSearch(i).length).sort((a, b) => a - b);
    // The queries are in random order, so the ones measured before the budget runs out are a fair sample;
    // the floor runs the same ones.
    const searchOurs = await latenciesWithin(SEARCHES, SEARCH_BUDGET_MS, listDrafts);
    const searchFloor = await latenciesMs(searchOurs.length, rawSearch);
    rows.push(
      ...percentiles(`listDrafts search, ${DRAFTS / 1000}k drafts`, searchOurs, searchFloor, 'FTS5 MATCH'),
    );

    // Opening a draft: getDraft through dispatch beside one primary-key read.
    const openIds = Array.from({ length: OPENS }, () => ids[Math.floor(random() * ids.length)] ?? '');
    const byId = core.database.sqlite.prepare<[string], Record<string, unknown>>(
      'SELECT * FROM drafts WHERE id = ?',
    );
    const openOurs = await latenciesMs(OPENS, (i) =>
      unwrap(core.dispatch('getDraft', { draftId: openIds[i] })),
    );
    const openFloor = await latenciesMs(OPENS, (i) => byId.get(openIds[i] ?? ''));
    rows.push(...percentiles(`getDraft, ${DRAFTS / 1000}k drafts`, openOurs, openFloor, 'SELECT by id'));

    rows.push(...(await benchPreview(vocabulary, random)));
    console.log(
      `  (writing: ${DRAFTS} drafts of ~${WORDS_PER_DRAFT} words written in ${(fillMs / 1000).toFixed(1)} s; ` +
        `search hits per query p50 ${percentile(hitCounts, 0.5)}, min ${hitCounts[0]}, ` +
        `max ${hitCounts[hitCounts.length - 1]}; ${searchOurs.length} of ${SEARCHES} queries timed)`,
    );
    return rows;
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Like `latenciesMs`, with a short warm-up, stopping once `budgetMs` is spent; sorted milliseconds. */
async function latenciesWithin(
  iterations: number,
  budgetMs: number,
  work: (i: number) => unknown,
): Promise<number[]> {
  await work(0);
  const samples: number[] = [];
  let spent = 0;
  for (let i = 0; i < iterations && spent < budgetMs; i += 1) {
    const ms = await timeMs(() => work(i));
    samples.push(ms);
    spent += ms;
  }
  return samples.sort((a, b) => a - b);
}

function percentiles(name: string, ours: number[], floor: number[], floorName: string): Row[] {
  return (
    [
      ['p50', 0.5],
      ['p95', 0.95],
    ] as const
  ).map(([label, p]) => ({
    name: `${name} (${label})`,
    ours: percentile(ours, p),
    floor: percentile(floor, p),
    floorName,
    unit: 'ms',
    kind: 'time',
  }));
}

/**
 * The preview pane. `renderMarkdown` in src-renderer/src/lib/markdown.ts needs the browser's `document`
 * and a DOMPurify bound to a window, so it cannot be imported here; these are its steps, faithfully
 * replicated against one jsdom window (as the renderer has one document): marked with the same options,
 * DOMPurify with the same config returning a fragment, the img and link rewrites, and serialising
 * through a holder div. jsdom's DOM is slower than Chromium's, so this overstates the renderer's cost.
 */
async function benchPreview(vocabulary: Vocabulary, random: () => number): Promise<Row[]> {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const { document } = window;
  const purify = DOMPurify(window as unknown as Parameters<typeof DOMPurify>[0]);
  const marked = new Marked({ gfm: true, breaks: false });
  const context: { images?: Record<string, string>; internalLinks?: Record<string, string> } = {};

  const render = (markdown: string): string => {
    const html = marked.parse(markdown, { async: false });
    const fragment = purify.sanitize(html, {
      RETURN_DOM_FRAGMENT: true,
      FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
      FORBID_ATTR: ['style'],
    });
    for (const image of Array.from(fragment.querySelectorAll('img'))) {
      const source = context.images?.[image.getAttribute('src') ?? ''];
      if (source) image.setAttribute('src', source);
      else image.replaceWith(document.createTextNode(image.getAttribute('alt') ?? ''));
    }
    for (const link of Array.from(fragment.querySelectorAll('a'))) {
      const href = link.getAttribute('href') ?? '';
      const internal = context.internalLinks?.[href];
      if (internal) {
        link.setAttribute('href', internal);
      } else if (/^https?:\/\//i.test(href)) {
        link.setAttribute('target', '_blank');
        link.setAttribute('rel', 'noopener noreferrer');
      } else if (!href.startsWith('#')) {
        link.removeAttribute('href');
      }
    }
    const holder = document.createElement('div');
    holder.append(fragment);
    return holder.innerHTML;
  };

  // A long post: the generated prose plus the inline markup writers use — emphasis, code, links, images.
  const paragraphs = draftBody(vocabulary, random, PREVIEW_WORDS).split('\n\n');
  const markdown = paragraphs
    .map((block, i) => {
      if (i % 7 === 3) return `${block} See [the runbook](https://example.com/runbook/${i}) for **more**.`;
      if (i % 11 === 5)
        return `${block} Run \`npm run deploy\` and _then_ check ![graph ${i}](graph-${i}.png).`;
      if (i % 13 === 8) return `> ${block}`;
      return block;
    })
    .join('\n\n');
  if (render(markdown).length === 0) throw new Error('The preview rendered nothing.');

  const ours: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    render(markdown);
    marked.parse(markdown, { async: false });
  }
  for (let i = 0; i < PREVIEWS; i += 1) {
    floor.push(await timeMs(() => marked.parse(markdown, { async: false })));
    ours.push(await timeMs(() => render(markdown)));
  }
  window.close();
  return percentiles(
    `Preview, ${PREVIEW_WORDS / 1000}k-word Markdown`,
    ours.sort(byNumber),
    floor.sort(byNumber),
    'marked.parse',
  );
}

function byNumber(a: number, b: number): number {
  return a - b;
}
