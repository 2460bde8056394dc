/**
 * Precision and recall of the bundled guidelines (Advocate Foundations) and the company example
 * (docs/guidelines.example.yaml) on the labelled corpus: each figure is printed, per set and per rule, and
 * the test fails when either falls below 0.9 for a set, naming the samples it got wrong.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkGuidelines, GuidelineSet } from './guidelines';
import { guidelineCorpus, type CorpusSample } from './testing/guideline-corpus';

// Tests run on Node, but src-shared's TypeScript has neither Node types nor URL: load files untyped.
const fsModule = 'node:fs';
async function loadSet(relative: string): Promise<GuidelineSet> {
  const fs = (await import(/* @vite-ignore */ fsModule)) as {
    readFileSync(path: object, encoding: 'utf8'): string;
  };
  const { URL: FileUrl } = globalThis as unknown as { URL: new (path: string, base: string) => object };
  const { url } = import.meta as ImportMeta & { url: string };
  return GuidelineSet.parse(parse(fs.readFileSync(new FileUrl(relative, url), 'utf8')));
}

interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  wrong: string[];
}

function score(samples: readonly CorpusSample[], set: GuidelineSet): Map<string, Score> {
  const byRule = new Map<string, Score>();
  for (const sample of samples) {
    const found = checkGuidelines(sample.text, { channel: sample.channel ?? 'blog' }, [set]).some(
      (finding) => finding.ruleId === sample.rule,
    );
    const entry = byRule.get(sample.rule) ?? {
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      trueNegatives: 0,
      wrong: [],
    };
    if (sample.flag && found) entry.truePositives += 1;
    if (!sample.flag && found) entry.falsePositives += 1;
    if (sample.flag && !found) entry.falseNegatives += 1;
    if (!sample.flag && !found) entry.trueNegatives += 1;
    if (sample.flag !== found) {
      entry.wrong.push(
        `${sample.flag ? 'missed' : 'flagged'} (${sample.rule}): ${sample.text.slice(0, 100)}`,
      );
    }
    byRule.set(sample.rule, entry);
  }
  return byRule;
}

const ratio = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);
const precision = (s: Score): number => ratio(s.truePositives, s.truePositives + s.falsePositives);
const recall = (s: Score): number => ratio(s.truePositives, s.truePositives + s.falseNegatives);

function total(scores: Map<string, Score>): Score {
  const sum: Score = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, wrong: [] };
  for (const s of scores.values()) {
    sum.truePositives += s.truePositives;
    sum.falsePositives += s.falsePositives;
    sum.falseNegatives += s.falseNegatives;
    sum.trueNegatives += s.trueNegatives;
    sum.wrong.push(...s.wrong);
  }
  return sum;
}

function report(name: string, scores: Map<string, Score>): string {
  const line = (label: string, s: Score) =>
    `${label.padEnd(30)} precision ${precision(s).toFixed(3)}  recall ${recall(s).toFixed(3)}  ` +
    `(${s.truePositives + s.falseNegatives} should flag, ${s.falsePositives + s.trueNegatives} should pass)`;
  return [
    line(`${name}: all rules`, total(scores)),
    ...[...scores].map(([rule, s]) => line(`  ${rule}`, s)),
  ].join('\n');
}

describe('the guideline corpus', () => {
  it('has a few hundred samples, each for a rule of its set, both labels for every rule', async () => {
    expect(guidelineCorpus.length).toBeGreaterThanOrEqual(250);
    const sets = {
      bundled: await loadSet('../../resources/packs/advocate-foundations/guidelines.yaml'),
      company: await loadSet('../../docs/guidelines.example.yaml'),
    };
    for (const sample of guidelineCorpus) {
      expect(sets[sample.set].rules.map((rule) => rule.id)).toContain(sample.rule);
    }
    const labels = new Set(guidelineCorpus.map((sample) => `${sample.set}/${sample.rule}/${sample.flag}`));
    for (const sample of guidelineCorpus) {
      expect(labels).toContain(`${sample.set}/${sample.rule}/${!sample.flag}`);
    }
  });

  it.each([
    ['bundled', '../../resources/packs/advocate-foundations/guidelines.yaml'],
    ['company', '../../docs/guidelines.example.yaml'],
  ] as const)('the %s rules reach 0.9 precision and recall', async (name, file) => {
    const set = await loadSet(file);
    const scores = score(
      guidelineCorpus.filter((sample) => sample.set === name),
      set,
    );
    const all = total(scores);
    (globalThis as unknown as { console: { log(text: string): void } }).console.log(
      `${report(name, scores)}\n${all.wrong.map((line) => `  ${line}`).join('\n')}`,
    );
    expect({ precision: precision(all) >= 0.9, recall: recall(all) >= 0.9, wrong: all.wrong }).toMatchObject({
      precision: true,
      recall: true,
    });
  });
});
