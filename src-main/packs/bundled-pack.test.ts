import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGuidelines } from '../../src-shared/writing/guidelines';
import { formatProblem } from '../../src-packs/problems';
import { validatePackFolder } from '../../src-packs/validate';

const shipped = join(import.meta.dirname, '..', '..', 'resources', 'packs', 'advocate-foundations');

describe('the bundled Advocate Foundations pack', () => {
  const report = validatePackFolder(shipped);
  const guidelines = report.pack?.guidelines;

  it('validates without a problem or a warning', () => {
    expect([...report.problems, ...report.warnings].map(formatProblem)).toEqual([]);
    expect(guidelines?.rules.map((rule) => rule.id)).toEqual([
      'no-secrets',
      'no-private-addresses',
      'forward-looking-statements',
      'keep-it-professional',
      'fit-the-channel',
    ]);
  });

  it('ships basics that flag secrets, private links, forecasts, swearing and over-long LinkedIn posts', () => {
    if (!guidelines) throw new Error('the pack has no guidelines');
    const found = (text: string, channel: 'blog' | 'linkedin' = 'blog') =>
      checkGuidelines(text, { channel }, [guidelines]).map((finding) => [finding.ruleId, finding.excerpt]);
    expect(found('The dashboard is at http://10.2.3.4:3000/d/latency.')).toEqual([
      ['no-private-addresses', 'http://10.2.3.4:3000/d/latency'],
    ]);
    expect(found('Honestly, we will double our revenue next year.')).toEqual([
      ['forward-looking-statements', 'we will double our revenue'],
    ]);
    expect(found('That outage was a bloody nightmare.')).toEqual([['keep-it-professional', 'bloody']]);
    expect(found('I tested with api_key = "9fK2xQ7LmZ4pT8wR3vN6" and it worked.')).toEqual([
      ['no-secrets', '9fK2xQ7LmZ4pT8wR3vN6'],
    ]);
    // What every tutorial has is not a finding, nor is an address in code.
    expect(found('Open http://localhost:3000 or `curl http://10.2.3.4/health`.')).toEqual([]);
    expect(found('a'.repeat(3001), 'linkedin')).toEqual([['fit-the-channel', 'a']]);
    expect(found('a'.repeat(3001), 'blog')).toEqual([]);
  });

  it('flags what the "make it safe" exercise plants in its template, and nothing in the others', () => {
    const exercises = (report.pack?.items ?? []).filter((item) => item.kind === 'exercise');
    expect(exercises.length).toBeGreaterThan(3);
    const flagged = Object.fromEntries(
      exercises.map((item) => [
        item.id,
        checkGuidelines(
          String(item.details['template']),
          { channel: item.details['channel'] as 'blog' },
          guidelines ? [guidelines] : [],
        ).map((finding) => finding.ruleId),
      ]),
    );
    expect(flagged['make-it-safe-to-publish']).toEqual([
      'no-private-addresses',
      'forward-looking-statements',
    ]);
    for (const [id, rules] of Object.entries(flagged)) {
      if (id !== 'make-it-safe-to-publish') expect({ id, rules }).toEqual({ id, rules: [] });
    }
  });
});
