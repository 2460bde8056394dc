import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileExamples } from '../../src-shared/xapi/profile-examples';
import { profileProblems, profileStatements } from '../../src-shared/xapi/profile';
import { buildStatement } from '../../src-shared/xapi/statements';
import { checkStatement } from '../../src-shared/xapi/validate';

const DOC = join(__dirname, '../../docs/xapi-profile.md');

/** The doc's examples: the JSON block after each `<!-- example: kind -->`. */
function docExamples(): Map<string, Record<string, unknown>> {
  const text = readFileSync(DOC, 'utf8');
  const found = new Map<string, Record<string, unknown>>();
  for (const match of text.matchAll(/<!-- example: (.+?) -->\s*```json\n([\s\S]*?)\n```/g)) {
    found.set(match[1] as string, JSON.parse(match[2] as string) as Record<string, unknown>);
  }
  return found;
}

describe('the xAPI profile (docs/xapi-profile.md)', () => {
  const examples = docExamples();

  it('has an example of every kind of statement, and no other', () => {
    expect([...examples.keys()].sort()).toEqual(Object.keys(profileStatements).sort());
  });

  it.each(Object.keys(profileStatements))('shows exactly what the builder makes: %s', (kind) => {
    const input = profileExamples[kind];
    if (!input) throw new Error(`no example input for ${kind}`);
    const built = buildStatement(input);
    expect(examples.get(kind)).toEqual(built);
    expect(profileProblems(built)).toEqual([]);
    expect(checkStatement(built)).toEqual({ ok: true });
  });

  it('finds what breaks the profile', () => {
    const passed = buildStatement(profileExamples['knowledge check passed or failed'] as never);
    const context = passed['context'] as Record<string, unknown>;
    const broken = {
      ...passed,
      context: { ...context, registration: undefined, language: 'en-GB' },
      result: { ...(passed['result'] as object), success: false, duration: '4 minutes' },
    };
    expect(profileProblems(broken)).toEqual([
      'context.registration: Invalid input: expected string, received undefined',
      'result.duration: an ISO 8601 duration like PT4M12S',
    ]);
    const { registration: _, ...withoutRegistration } = context;
    const mislabelled = {
      ...passed,
      context: { ...withoutRegistration, registration: context['registration'], language: 'en-GB' },
      result: { ...(passed['result'] as object), success: false },
    };
    expect(profileProblems(mislabelled)).toEqual([
      'object.definition.name: must be keyed by "en-GB" only',
      'context.contextActivities.parent.0.definition.name: must be keyed by "en-GB" only',
      'context.contextActivities.grouping.0.definition.name: must be keyed by "en-GB" only',
      'context.contextActivities.grouping.0.definition.description: must be keyed by "en-GB" only',
      'context.contextActivities.grouping.1.definition.name: must be keyed by "en-GB" only',
      'context.contextActivities.grouping.1.definition.description: must be keyed by "en-GB" only',
      'result.success: must be true when passed',
    ]);
    // A 2.0 parent list of several containers (the shape before this profile) is not ours.
    const twoParents = {
      ...passed,
      context: {
        ...context,
        contextActivities: {
          ...(context['contextActivities'] as object),
          parent: (context['contextActivities'] as { grouping: unknown[] }).grouping,
        },
      },
    };
    expect(profileProblems(twoParents).length).toBeGreaterThan(0);
  });
});
