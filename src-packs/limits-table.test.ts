// The README's table of pack limits says what the code enforces: each row is computed from the constants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_LIMITS } from '../src-shared/packs/limits';
import {
  MAX_PATTERN_LENGTH,
  MAX_PATTERN_PROGRAM,
  MAX_SET_PATTERNS,
  MAX_SET_PROGRAM,
} from '../src-shared/writing/guideline-patterns';
import { formatBytes } from './zip/errors';
import { DEFAULT_ZIP_LIMITS, RATIO_CHECK_MIN_BYTES } from './zip/rules';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const count = (value: number) => value.toLocaleString('en');

const rows: [string, string][] = [
  ['A pack zip uploaded to the hub', formatBytes(PACK_LIMITS.hubUploadBytes)],
  ['A pack zip the app takes', formatBytes(PACK_LIMITS.zipBytes)],
  ['Entries in a zip', count(DEFAULT_ZIP_LIMITS.maxEntries)],
  ['One file, unpacked', formatBytes(DEFAULT_ZIP_LIMITS.maxFileBytes)],
  ['All files, unpacked', formatBytes(DEFAULT_ZIP_LIMITS.maxTotalBytes)],
  [
    `Compression of a file over ${formatBytes(RATIO_CHECK_MIN_BYTES)}`,
    `${DEFAULT_ZIP_LIMITS.maxCompressionRatio} to 1`,
  ],
  ['`pack.yaml`', formatBytes(PACK_LIMITS.manifestBytes)],
  ['`guidelines.yaml`', formatBytes(PACK_LIMITS.guidelinesBytes)],
  ['One Markdown item file', formatBytes(PACK_LIMITS.markdownBytes)],
  ['The front matter of one item', formatBytes(PACK_LIMITS.frontMatterBytes)],
  ['Nesting of lists and mappings', `${PACK_LIMITS.yamlDepth} levels`],
  ['YAML anchors', count(PACK_LIMITS.yamlAnchorsAndAliases)],
  ['Values YAML aliases repeat', count(PACK_LIMITS.yamlAliasedValues)],
  ['One guideline pattern', `${MAX_PATTERN_LENGTH} characters, ${count(MAX_PATTERN_PROGRAM)} steps`],
  [
    'The patterns of one guideline set',
    `${count(MAX_SET_PATTERNS)} patterns, ${count(MAX_SET_PROGRAM)} steps`,
  ],
  ['Problems listed for one pack', `the first ${PACK_LIMITS.problemsShown},`],
  [
    'Checking one pack',
    `${PACK_LIMITS.workerSeconds} seconds, ${formatBytes(PACK_LIMITS.workerMemoryBytes)} of memory`,
  ],
];

describe("the README's table of pack limits", () => {
  it.each(rows)('says %s is %s', (what, limit) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| ${what}`));
    expect(row, `no row starting "| ${what}"`).toBeDefined();
    expect(row?.split('|')[2]?.trim().startsWith(limit)).toBe(true);
  });
});
