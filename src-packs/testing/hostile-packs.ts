// Packs an attacker (or a careless generator) might send, built in code for the tests of the validator, the
// app's import and the hub's upload. Each is a set of overrides for writeTestPack (test-pack.ts).
import { testGuidelinesYaml, testPackFiles } from './test-pack';

const manifest = String(testPackFiles['pack.yaml']);

/** pack.yaml with `count` extra top-level keys, none of them known fields. */
export function manyStrayKeys(count: number): Record<string, string> {
  const stray = Array.from({ length: count }, (_, i) => `stray${i}: x\n`).join('');
  return { 'pack.yaml': manifest + stray };
}

/** pack.yaml with one key written `count` times. */
export function oneKeyRepeated(count: number): Record<string, string> {
  return { 'pack.yaml': manifest + 'again: x\n'.repeat(count) };
}

/** A "billion laughs": nine levels of aliases, each repeating the one above nine times. */
export function aliasBomb(): Record<string, string> {
  const lines = ['lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 9; level += 1) {
    const above = Array.from({ length: 9 }, () => `*lol${level - 1}`).join(', ');
    lines.push(`lol${level}: &lol${level} [${above}]`);
  }
  return { 'pack.yaml': `${manifest}${lines.join('\n')}\n` };
}

/** A summary nested `depth` lists deep on one line, as `[[[[…]]]]`. */
export function deepFlowNesting(depth: number): Record<string, string> {
  const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  return { 'pack.yaml': manifest.replace('summary: A small pack for tests.', `summary: ${nested}`) };
}

/** The first lesson, with a body of `bytes` bytes. */
export function hugeLesson(bytes: number): Record<string, Buffer> {
  const front = Buffer.from('---\ntitle: Hello\n---\n');
  return { 'first/hello.md': Buffer.concat([front, Buffer.alloc(bytes - front.length, 'word ')]) };
}

/** The test pack with guidelines whose one rule checks `patterns`, each with the `i` flag. */
export function guidelinePatterns(patterns: readonly string[]): Record<string, string> {
  const rule = `  - id: forward-looking
    title: No forecasts
    explanation: Forecasts are for the investor relations team.
    howToFollow: Say what happened, not what will.
    severity: should
    check:
      kind: patterns
      patterns:
${patterns.map((regex) => `        - regex: '${regex.replace(/'/g, "''")}'\n          flags: i\n`).join('')}`;
  return {
    'pack.yaml': `${manifest}guidelines: guidelines.yaml\n`,
    'guidelines.yaml': `${testGuidelinesYaml}${rule}`,
  };
}

/** The patterns that froze the app for minutes on a 31-character draft with a backtracking engine. */
export const catastrophicPatterns = [String.raw`(\w+\s?)+$`, '((a+))+$', '(a|a)*$', '(.*a){12}$'];

/**
 * `lessons` more lessons, each with `keys` unknown fields in its front matter: a pack that takes the
 * validator seconds of honest (linear) work, to show what else keeps answering meanwhile.
 */
export function slowToCheck(lessons: number, keys: number): Record<string, string> {
  const files: Record<string, string> = {};
  const front = Array.from({ length: keys }, (_, k) => `field${k}: x\n`).join('');
  let items = '';
  for (let i = 0; i < lessons; i += 1) {
    items += `          - id: heavy-${i}\n            kind: lesson\n            file: heavy/${i}.md\n`;
    files[`heavy/${i}.md`] = `---\ntitle: Heavy ${i}\n${front}---\nBody\n`;
  }
  return { ...files, 'pack.yaml': manifest.replace('        items:\n', `        items:\n${items}`) };
}
