import { describe, expect, it } from 'vitest';
import { activityIri, buildStatement } from './statements';

const learner = { id: '0b9d0c1e-3f7a-4c55-9a2e-8f1d2c3b4a5e', name: 'Ada' };
const pack = {
  id: 'advocate-foundations',
  version: '2.0.0',
  language: 'en-GB',
  title: 'Advocate Foundations',
  summary: 'Speaking credibly about your work.',
};
const course = {
  kind: 'course' as const,
  packId: 'advocate-foundations',
  id: 'foundations',
  title: 'Foundations',
  description: 'The course.',
};
const module = {
  kind: 'module' as const,
  packId: 'advocate-foundations',
  id: 'foundations/why',
  title: 'Why',
};
const courseActivity = {
  objectType: 'Activity',
  id: 'https://advocate.studio/xapi/activities/packs/advocate-foundations/courses/foundations',
  definition: {
    type: 'http://adlnet.gov/expapi/activities/course',
    name: { 'en-GB': 'Foundations' },
    description: { 'en-GB': 'The course.' },
  },
};
const packActivity = {
  objectType: 'Activity',
  id: 'https://advocate.studio/xapi/activities/packs/advocate-foundations',
  definition: {
    type: 'https://advocate.studio/xapi/activity-types/course-pack',
    name: { 'en-GB': 'Advocate Foundations' },
    description: { 'en-GB': 'Speaking credibly about your work.' },
  },
};

describe('xAPI statements', () => {
  it('builds a passed statement: the module as parent, the course and pack as grouping, the pack version as revision', () => {
    const statement = buildStatement({
      id: '5f8c2a1e-1111-4222-8333-944455556666',
      timestamp: new Date('2026-11-25T12:00:00Z'),
      learner,
      verb: 'passed',
      object: { kind: 'quiz', packId: 'advocate-foundations', id: 'why-check', title: 'Why advocacy: check' },
      parents: [course, module],
      pack,
      registration: '7d2b1c3a-2222-4333-8444-955566667777',
      result: { score: { scaled: 0.8, raw: 4, min: 0, max: 5 }, success: true, completion: true },
    });
    expect(statement).toEqual({
      id: '5f8c2a1e-1111-4222-8333-944455556666',
      actor: {
        objectType: 'Agent',
        name: 'Ada',
        account: { homePage: 'https://advocate.studio/learners', name: learner.id },
      },
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
      object: {
        objectType: 'Activity',
        id: 'https://advocate.studio/xapi/activities/packs/advocate-foundations/items/why-check',
        definition: {
          type: 'http://adlnet.gov/expapi/activities/assessment',
          name: { 'en-GB': 'Why advocacy: check' },
        },
      },
      timestamp: '2026-11-25T12:00:00.000Z',
      version: '2.0.0',
      context: {
        platform: 'Advocate Studio',
        language: 'en-GB',
        revision: '2.0.0',
        registration: '7d2b1c3a-2222-4333-8444-955566667777',
        contextActivities: {
          parent: [
            {
              objectType: 'Activity',
              id: 'https://advocate.studio/xapi/activities/packs/advocate-foundations/modules/foundations/why',
              definition: { type: 'http://adlnet.gov/expapi/activities/module', name: { 'en-GB': 'Why' } },
            },
          ],
          grouping: [courseActivity, packActivity],
        },
      },
      result: { score: { scaled: 0.8, raw: 4, min: 0, max: 5 }, success: true, completion: true },
    });
  });

  it('gives a course no parent, the pack as grouping, and en-US names when the pack names no language', () => {
    const statement = buildStatement({
      id: '5f8c2a1e-1111-4222-8333-944455556666',
      timestamp: new Date('2026-11-25T12:00:00Z'),
      learner,
      verb: 'completed',
      object: { ...course, description: null },
      parents: [course],
      pack: { ...pack, language: null, summary: null },
    });
    expect(statement['object']).toMatchObject({ definition: { name: { 'en-US': 'Foundations' } } });
    expect(statement['context']).toEqual({
      platform: 'Advocate Studio',
      language: 'en-US',
      revision: '2.0.0',
      contextActivities: {
        grouping: [
          {
            objectType: 'Activity',
            id: packActivity.id,
            definition: { type: packActivity.definition.type, name: { 'en-US': 'Advocate Foundations' } },
          },
        ],
      },
    });
  });

  it('gives questions their own IRI under their quiz', () => {
    expect(activityIri({ kind: 'question', packId: 'p', id: 'quiz-1/q 2' })).toBe(
      'https://advocate.studio/xapi/activities/packs/p/questions/quiz-1/q%202',
    );
  });
});
