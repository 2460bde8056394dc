// A company's worth of learning records for `npm run bench -- hub-scale`: 10,000 learners in 50 teams take
// 5 courses, and every statement is built by the app's own builder (buildStatement) as the app records it:
// items opened and completed, quiz answers and results under one registration per attempt, courses completed.
import { createHash } from 'node:crypto';
import { buildStatement, type ActivityRef, type Statement } from '../src-shared/xapi/statements';

export const LEARNERS = 10_000;
export const TEAMS = 50;
export const COURSES = 5;
const MODULES = 5;
const LESSONS = 3;
const QUESTIONS = 5;
const ATTEMPTS = 3;
export const PACK = 'company-advocacy';
/** Statements span a year, each learner starting on their own day. */
export const SPAN_START = Date.parse('2025-12-01T00:00:00Z');
const SPAN_MS = 365 * 86_400_000;

export const learnerId = (i: number) => `l-${String(i).padStart(5, '0')}`;
export const teamOf = (i: number) => (i % 33 === 0 ? null : `Team ${String(i % TEAMS).padStart(2, '0')}`);

/** A number in [0, 1) fixed by its inputs, so a run is reproducible without storing its choices. */
function chance(...parts: (string | number)[]): number {
  return createHash('sha1').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

function uuidFrom(...parts: (string | number)[]): string {
  const h = createHash('sha1').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Step =
  | {
      kind: 'item';
      verb: 'attempted' | 'completed';
      course: number;
      module: number;
      item: 'lesson' | 'exercise';
      index: number;
    }
  | { kind: 'quiz-start'; course: number; module: number }
  | { kind: 'answer'; course: number; module: number; attempt: number; question: number }
  | { kind: 'result'; course: number; module: number; attempt: number }
  | { kind: 'course'; course: number };

/**
 * One learner's whole path, in order: per module three lessons, a knowledge check of five questions taken up to
 * three times (a further attempt only for those who failed the one before), and an exercise.
 */
const JOURNEY: Step[] = (() => {
  const steps: Step[] = [];
  for (let course = 0; course < COURSES; course++) {
    for (let module = 0; module < MODULES; module++) {
      for (let index = 0; index < LESSONS; index++) {
        steps.push({ kind: 'item', verb: 'attempted', course, module, item: 'lesson', index });
        steps.push({ kind: 'item', verb: 'completed', course, module, item: 'lesson', index });
      }
      steps.push({ kind: 'quiz-start', course, module });
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        for (let question = 0; question < QUESTIONS; question++)
          steps.push({ kind: 'answer', course, module, attempt, question });
        steps.push({ kind: 'result', course, module, attempt });
      }
      steps.push({ kind: 'item', verb: 'attempted', course, module, item: 'exercise', index: 0 });
      steps.push({ kind: 'item', verb: 'completed', course, module, item: 'exercise', index: 0 });
    }
    steps.push({ kind: 'course', course });
  }
  return steps;
})();

/** The attempt (0-based) on which this learner passes this module's check: 60% the first, 30% the second. */
function passingAttempt(learner: number, course: number, module: number): number {
  const u = chance('pass', learner, course, module);
  return u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
}

function taken(learner: number, step: Step): boolean {
  return !('attempt' in step) || step.attempt <= passingAttempt(learner, step.course, step.module);
}

/** How many statements learner i's whole path holds. */
const pathLength = (i: number) => JOURNEY.filter((step) => taken(i, step)).length;

const budgetOf = (i: number, mean: number) => Math.round(-Math.log(1 - chance('budget', i)) * mean);

/**
 * The mean share per learner that gives `total` statements once each share is cut at the learner's whole path:
 * at 100k it is total / learners; at 3M most learners have finished and the mean is larger.
 */
function meanShare(total: number, lengths: number[]): number {
  const count = (mean: number) =>
    lengths.reduce((sum, length, i) => sum + Math.min(length, budgetOf(i, mean)), 0);
  let low = total / LEARNERS;
  let high = low;
  while (count(high) < total && high < 1e7) high *= 2;
  for (let k = 0; k < 40; k++) {
    const mid = (low + high) / 2;
    if (count(mid) < total) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * Every statement as (learner, step, time), ordered by time: about `total` of them. Each learner's share is
 * drawn from an exponential distribution, so some have finished everything, many are part-way, some not begun.
 */
export function plan(total: number): { learner: Int32Array; step: Int16Array; at: Float64Array } {
  const lengths = Array.from({ length: LEARNERS }, (_, i) => pathLength(i));
  const mean = meanShare(total, lengths);
  const learner: number[] = [];
  const step: number[] = [];
  const at: number[] = [];
  for (let i = 0; i < LEARNERS && learner.length < total; i++) {
    let budget = budgetOf(i, mean);
    let time = SPAN_START + chance('start', i) * SPAN_MS * 0.5;
    for (const [s, entry] of JOURNEY.entries()) {
      if (budget <= 0 || learner.length >= total) break;
      if (!taken(i, entry)) continue;
      // About 0.2 days between steps on average, so a whole path of a few hundred still spans weeks.
      time += 60_000 + chance('gap', i, s) * 0.4 * 86_400_000;
      learner.push(i);
      step.push(s);
      at.push(Math.min(time, SPAN_START + SPAN_MS));
      budget--;
    }
  }
  const order = Array.from(learner.keys()).sort((a, b) => (at[a] as number) - (at[b] as number));
  return {
    learner: Int32Array.from(order, (k) => learner[k] as number),
    step: Int16Array.from(order, (k) => step[k] as number),
    at: Float64Array.from(order, (k) => at[k] as number),
  };
}

const course = (c: number): ActivityRef => ({
  kind: 'course',
  packId: PACK,
  id: `course-${c}`,
  title: `Course ${c + 1}`,
});
const mod = (c: number, m: number): ActivityRef => ({
  kind: 'module',
  packId: PACK,
  id: `course-${c}-module-${m}`,
  title: `Module ${m + 1}`,
});
const quiz = (c: number, m: number): ActivityRef => ({
  kind: 'quiz',
  packId: PACK,
  id: `c${c}m${m}-quiz`,
  title: `Check ${m + 1}`,
});

/** The statement the app would record for this learner at this step. */
export function statementAt(i: number, s: number, at: number): Statement {
  const entry = JOURNEY[s] as Step;
  const base = {
    id: uuidFrom('statement', i, s),
    timestamp: new Date(at),
    learner: { id: learnerId(i), name: `Learner ${i}` },
  };
  switch (entry.kind) {
    case 'item':
      return buildStatement({
        ...base,
        verb: entry.verb,
        object: {
          kind: entry.item,
          packId: PACK,
          id: `c${entry.course}m${entry.module}-${entry.item}${entry.index}`,
          title: entry.item === 'lesson' ? 'Why it matters' : 'Write a post',
        },
        parents: [course(entry.course), mod(entry.course, entry.module)],
        ...(entry.verb === 'completed' ? { result: { completion: true } } : {}),
      });
    case 'quiz-start':
      return buildStatement({
        ...base,
        verb: 'attempted',
        object: quiz(entry.course, entry.module),
        parents: [course(entry.course), mod(entry.course, entry.module)],
      });
    case 'answer': {
      const passing = entry.attempt === passingAttempt(i, entry.course, entry.module);
      const right = passing || chance('right', i, s) < 0.4;
      const response = right
        ? '1'
        : chance('wrong', i, s) < 0.6
          ? '2'
          : String(Math.floor(chance('any', i, s) * 2) * 3);
      return buildStatement({
        ...base,
        verb: 'answered',
        object: {
          kind: 'question',
          packId: PACK,
          id: `c${entry.course}m${entry.module}-quiz/q${entry.question}`,
          title: `Question ${entry.question + 1}`,
        },
        parents: [quiz(entry.course, entry.module), course(entry.course), mod(entry.course, entry.module)],
        registration: uuidFrom('attempt', i, entry.course, entry.module, entry.attempt),
        interactionType: 'choice',
        result: { success: response === '1', response },
      });
    }
    case 'result': {
      const passed = entry.attempt === passingAttempt(i, entry.course, entry.module);
      const raw = passed ? 3 : 1;
      return buildStatement({
        ...base,
        verb: passed ? 'passed' : 'failed',
        object: quiz(entry.course, entry.module),
        parents: [course(entry.course), mod(entry.course, entry.module)],
        registration: uuidFrom('attempt', i, entry.course, entry.module, entry.attempt),
        result: { score: { scaled: raw / 3, raw, min: 0, max: 3 }, success: passed, completion: true },
      });
    }
    case 'course':
      return buildStatement({
        ...base,
        verb: 'completed',
        object: course(entry.course),
        result: { completion: true },
      });
  }
}

/**
 * The pack these courses come from, as a trainer would publish it, so the dashboard counts each course's items
 * and modules against it: per module three lessons, a knowledge check and an exercise, with the ids the
 * statements above carry.
 */
export function benchPackFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const manifest = [
    `id: ${PACK}`,
    'version: 1.0.0',
    'title: Company advocacy',
    'summary: The courses of the hub-scale benchmark.',
    'authors:',
    '  - name: Bench Trainer',
    'language: en',
    'courses:',
  ];
  for (let c = 0; c < COURSES; c++) {
    manifest.push(`  - id: course-${c}`, `    title: Course ${c + 1}`, '    modules:');
    for (let m = 0; m < MODULES; m++) {
      manifest.push(`      - id: module-${m}`, `        title: Module ${m + 1}`, '        items:');
      const item = (id: string, kind: string, text: string) => {
        files[`c${c}/m${m}/${id}.md`] = text;
        manifest.push(`          - { id: ${id}, kind: ${kind}, file: c${c}/m${m}/${id}.md }`);
      };
      for (let k = 0; k < LESSONS; k++)
        item(`c${c}m${m}-lesson${k}`, 'lesson', `---\ntitle: Why it matters\n---\nA lesson.\n`);
      const questions = Array.from(
        { length: QUESTIONS },
        (_, q) =>
          `  - id: q${q}\n    type: single\n    prompt: Question ${q + 1}\n    choices:\n` +
          `      - text: Right\n        correct: true\n      - text: Wrong\n    explanation: Because.`,
      );
      item(
        `c${c}m${m}-quiz`,
        'quiz',
        `---\ntitle: Check ${m + 1}\nquestions:\n${questions.join('\n')}\n---\nA check.\n`,
      );
      item(
        `c${c}m${m}-exercise0`,
        'exercise',
        `---\ntitle: Write a post\nchannel: blog\ntemplate: |\n  ## Situation\n---\nWrite a post.\n`,
      );
    }
  }
  files['pack.yaml'] = `${manifest.join('\n')}\n`;
  return files;
}
