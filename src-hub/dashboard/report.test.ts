import { describe, expect, it } from 'vitest';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import { buildReport, NO_TEAM, type CompletionStatement, type KnownLearner } from './completions';
import { csvField, toCsv } from './csv';

const known: KnownLearner[] = [
  { id: 'ada', name: 'Ada', email: 'ada@example.com', team: 'Platform' },
  { id: 'bob', name: 'Bob', email: 'bob@example.com', team: 'Sales' },
  { id: 'cy', name: 'Cy', email: 'cy@example.com', team: null },
];
const done = (actorIfi: string, courseId: string, at: string): CompletionStatement => ({
  actorIfi,
  actorName: 'Someone',
  courseId,
  courseTitle: courseId.toUpperCase(),
  at: new Date(at),
});
const account = (id: string) => `account:${LEARNER_ACCOUNT_HOME}|${id}`;
const found = [
  done(account('ada'), 'c1', '2026-11-02T10:00:00Z'),
  // Ada again on a second device, and by email: still one completion, the first.
  done(account('ada'), 'c1', '2026-11-20T10:00:00Z'),
  done('mbox:mailto:ada@example.com', 'c2', '2026-11-10T10:00:00Z'),
  done(account('bob'), 'c1', '2026-11-05T23:59:59Z'),
  done('mbox:mailto:stranger@example.com', 'c2', '2026-11-06T10:00:00Z'),
];

describe('the completions report', () => {
  it('counts each person once per course, by course, person and team', () => {
    const report = buildReport(found, known, {});
    expect(report.byCourse).toEqual([
      { courseId: 'c1', course: 'C1', people: 2, lastAt: '2026-11-05T23:59:59.000Z' },
      { courseId: 'c2', course: 'C2', people: 2, lastAt: '2026-11-10T10:00:00.000Z' },
    ]);
    expect(report.byPerson.map((p) => [p.person, p.team, p.courses])).toEqual([
      ['Ada', 'Platform', 2],
      ['Bob', 'Sales', 1],
      ['Someone', null, 1],
    ]);
    expect(report.byTeam).toEqual([
      { team: 'Platform', enrolled: 1, people: 1, completions: 2 },
      { team: 'Sales', enrolled: 1, people: 1, completions: 1 },
      { team: NO_TEAM, enrolled: 1, people: 1, completions: 1 },
    ]);
    expect(report.teams).toEqual(['Platform', 'Sales']);
    expect(report.courses.map((c) => c.courseId)).toEqual(['c1', 'c2']);
  });

  it('filters by course, team and an inclusive date range', () => {
    expect(buildReport(found, known, { course: 'c2' }).completions.map((c) => c.person)).toEqual([
      'Someone',
      'Ada',
    ]);
    expect(buildReport(found, known, { team: 'Sales' }).byPerson.map((p) => p.person)).toEqual(['Bob']);
    expect(buildReport(found, known, { team: NO_TEAM }).byPerson.map((p) => p.person)).toEqual(['Someone']);
    const range = buildReport(found, known, { from: '2026-11-05', to: '2026-11-06' });
    expect(range.completions.map((c) => `${c.person}:${c.courseId}`)).toEqual(['Bob:c1', 'Someone:c2']);
    // Ada's first c1 completion is before the range: the later repeat does not stand in for it.
    expect(buildReport(found, known, { from: '2026-11-15' }).completions).toEqual([]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
    expect(toCsv(['a', 'b'], [['1', null]])).toBe('a,b\r\n1,\r\n');
  });
});
