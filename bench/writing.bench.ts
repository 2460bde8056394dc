// The writing studio with a prolific writer's library: 10,000 drafts of about 800 words. Library search
// and opening a draft through dispatch (zod in, handler, drizzle, zod out), each beside the one SQL
// statement it wraps; and the Markdown preview of a 5,000-word draft beside marked alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { Marked } from 'marked';
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../src-shared/training/schemas';
import { startAppCore, type AppCore } from '../src-main/core/app';
import { createMemoryLogger } from '../src-main/core/logger';
import { toMatchQuery } from '../src-main/training/search';
import { latenciesMs, percentile, timeMs, type Row } from './measure';
import { previewInChromium } from './preview-chromium';
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
 * Writes the rows `createDraft` + `saveDraft` would leave (a `draft_search` row with the raw title and
 * body, and a `drafts` row keeping its rowid, as src-main/writing/drafts.ts writes them), in one
 * transaction: going through dispatch 10,000 times would take most of the time budget and measure nothing
 * we report.
 */
function fillLibrary(core: AppCore, vocabulary: Vocabulary, random: () => number): string[] {
  const { sqlite } = core.database;
  const insertDraft = sqlite.prepare(
    `INSERT INTO drafts (id, title, body, channel, status, tags, audience, published_url, published_at,
       exercise_pack_id, exercise_item_id, revision, created_at, updated_at, deleted_at, search_rowid)
     VALUES (?, ?, ?, ?, ?, ?, '', NULL, NULL, NULL, NULL, ?, ?, ?, NULL, ?)`,
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
      const { lastInsertRowid } = insertSearch.run(title, body, id);
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
        lastInsertRowid,
      );
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
    // The fastest way to ask FTS5 for the same 200 hits: `ORDER BY rank` lets FTS5 sort the matches
    // itself and snippet only the rows read out (`ORDER BY bm25(…)` snippets every match, then sorts).
    const ftsQuery = core.database.sqlite.prepare<[string, string, string], { draft_id: string }>(
      `SELECT draft_id, snippet(draft_search, 1, ?, ?, '…', 16) AS snippet FROM draft_search
        WHERE draft_search MATCH ? AND rank MATCH 'bm25(10.0, 1.0)' ORDER BY rank LIMIT 200`,
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
    // The queries are in random order, so the ones measured before the budget runs out are a fair sample.
    // Each query runs through both, one right after the other, so a busy machine slows both alike.
    const search = await pairedLatencies(SEARCHES, SEARCH_BUDGET_MS, listDrafts, rawSearch);
    const searchOurs = search.ours;
    const searchFloor = search.floor;
    rows.push(
      ...percentiles(`listDrafts search, ${DRAFTS / 1000}k drafts`, searchOurs, searchFloor, 'FTS5 MATCH'),
    );
    // The library's other searches, beside the same floor: with a filter (a fifth of the drafts pass),
    // and sorted by date (every match must be seen). Fewer queries: these only show what they cost.
    for (const [label, extra] of [
      ['status filter', { status: 'published' }],
      ['by date', { sort: 'updated' }],
    ] as const) {
      const variant = (i: number) =>
        unwrap<unknown[]>(core.dispatch('listDrafts', { query: queries[i % queries.length], ...extra }));
      const timed = await pairedLatencies(SEARCHES / 4, SEARCH_BUDGET_MS / 4, variant, rawSearch);
      rows.push(...percentiles(`listDrafts search, ${label}`, timed.ours, timed.floor, 'FTS5 MATCH'));
    }

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

/**
 * Like `latenciesMs` for two pieces of work on the same inputs, timed alternately (which goes first
 * swaps each time), after a short warm-up, stopping once `budgetMs` is spent; sorted milliseconds.
 */
async function pairedLatencies(
  iterations: number,
  budgetMs: number,
  ours: (i: number) => unknown,
  floor: (i: number) => unknown,
): Promise<{ ours: number[]; floor: number[] }> {
  for (let i = 0; i < 5; i += 1) {
    await ours(i);
    await floor(i);
  }
  const samples = { ours: [] as number[], floor: [] as number[] };
  let spent = 0;
  for (let i = 0; i < iterations && spent < budgetMs; i += 1) {
    const first = i % 2 === 0;
    const floorFirst = first ? await timeMs(() => floor(i)) : 0;
    const oursMs = await timeMs(() => ours(i));
    const floorMs = first ? floorFirst : await timeMs(() => floor(i));
    samples.ours.push(oursMs);
    samples.floor.push(floorMs);
    spent += oursMs + floorMs;
  }
  samples.ours.sort(byNumber);
  samples.floor.sort(byNumber);
  return samples;
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

/** The API of src-renderer/src/lib/markdown.ts, which the node tsconfig cannot type-check (it needs DOM). */
interface MarkdownModule {
  renderMarkdown(markdown: string, context?: Record<string, unknown>): string;
}

/**
 * The preview pane: the renderer's own `renderMarkdown` (marked, DOMPurify, the image and link rewrites,
 * serialising) imported as it is, against one jsdom window standing in for the renderer's document.
 * DOMPurify binds to the global `window` when its module loads, so the globals are set before the
 * import. jsdom's DOM is slower than Chromium's, so this overstates the renderer's cost.
 */
async function benchPreview(vocabulary: Vocabulary, random: () => number): Promise<Row[]> {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const globals = globalThis as { window?: unknown; document?: unknown };
  const saved = { window: globals.window, document: globals.document };
  globals.window = window;
  globals.document = window.document;
  try {
    const modulePath = join(import.meta.dirname, '..', 'src-renderer', 'src', 'lib', 'markdown.ts');
    const { renderMarkdown } = (await import(pathToFileURL(modulePath).href)) as MarkdownModule;
    return await timePreview(vocabulary, random, renderMarkdown);
  } finally {
    globals.window = saved.window;
    globals.document = saved.document;
    window.close();
  }
}

async function timePreview(
  vocabulary: Vocabulary,
  random: () => number,
  render: (markdown: string) => string,
): Promise<Row[]> {
  const marked = new Marked({ gfm: true, breaks: false });
  // A long post: the generated prose plus the inline markup writers use — emphasis, code, links, images.
  const paragraphs = draftBody(vocabulary, random, PREVIEW_WORDS).split('\n\n');
  const blocks = paragraphs.map((block, i) => {
    if (i % 7 === 3) return `${block} See [the runbook](https://example.com/runbook/${i}) for **more**.`;
    if (i % 11 === 5)
      return `${block} Run \`npm run deploy\` and _then_ check ![graph ${i}](graph-${i}.png).`;
    if (i % 13 === 8) return `> ${block}`;
    return block;
  });
  const html = render(blocks.join('\n\n'));
  // DOMPurify without a window returns its input untouched: make sure it really sanitised.
  if (html.length === 0 || html.includes('<img') || !html.includes('rel="noopener noreferrer"'))
    throw new Error('The preview did not run the renderer pipeline.');

  // renderMarkdown reuses the blocks of the text it rendered last, so each figure renders new text:
  // "opened" changes every block (a draft just opened: nothing to reuse), "typing" changes one block
  // (the preview catching up after a pause in typing). marked.parse gets the very same texts.
  const opened = (i: number) => blocks.map((block) => `${block} v${i}`).join('\n\n');
  const typing = (i: number) =>
    blocks.map((block, b) => (b === (i * 7) % blocks.length ? `${block} edit${i}` : block)).join('\n\n');
  const rows: Row[] = [];
  for (const [label, text] of [
    ['opened', opened],
    ['typing', typing],
  ] as const) {
    const texts = Array.from({ length: PREVIEWS + 5 }, (_, i) => text(i));
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < texts.length; i += 1) {
      const markdown = texts[i] ?? '';
      const oursMs = await timeMs(() => render(markdown));
      const floorMs = await timeMs(() => marked.parse(markdown, { async: false }));
      // The first five warm up.
      if (i >= 5) {
        ours.push(oursMs);
        floor.push(floorMs);
      }
    }
    rows.push(
      ...percentiles(
        `Preview ${label}, ${PREVIEW_WORDS / 1000}k words`,
        ours.sort(byNumber),
        floor.sort(byNumber),
        'marked.parse',
      ),
    );
    const inChromium = await previewInChromium(texts);
    if (inChromium) {
      rows.push(
        ...percentiles(
          `Preview ${label}, Chromium`,
          inChromium.ours.sort(byNumber),
          inChromium.floor.sort(byNumber),
          'marked.parse',
        ),
      );
    }
  }
  return rows;
}

function byNumber(a: number, b: number): number {
  return a - b;
}
