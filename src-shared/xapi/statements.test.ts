import { describe, expect, it } from 'vitest';
import { activityIri, buildStatement } from './statements';

const learner = { id: '0b9d0c1e-3f7a-4c55-9a2e-8f1d2c3b4a5e', name: 'Ada' };

describe('xAPI statements', () => {
  it('builds a passed statement with a scaled score, version 2.0.0 and the course as parent', () => {
    const statement = buildStatement({
      id: '5f8c2a1e-1111-4222-8333-944455556666',
      timestamp: new Date('2026-11-25T12:00:00Z'),
      learner,
      verb: 'passed',
      object: { kind: 'quiz', packId: 'advocate-foundations', id: 'why-check', title: 'Why advocacy: check' },
      parents: [{ kind: 'course', packId: 'advocate-foundations', id: 'foundations', title: 'Foundations' }],
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
          name: { 'en-US': 'Why advocacy: check' },
        },
      },
      timestamp: '2026-11-25T12:00:00.000Z',
      version: '2.0.0',
      context: {
        platform: 'Advocate Studio',
        language: 'en',
        registration: '7d2b1c3a-2222-4333-8444-955566667777',
        contextActivities: {
          parent: [
            {
              objectType: 'Activity',
              id: 'https://advocate.studio/xapi/activities/packs/advocate-foundations/courses/foundations',
              definition: {
                type: 'http://adlnet.gov/expapi/activities/course',
                name: { 'en-US': 'Foundations' },
              },
            },
          ],
        },
      },
      result: { score: { scaled: 0.8, raw: 4, min: 0, max: 5 }, success: true, completion: true },
    });
  });

  it('gives questions their own IRI under their quiz', () => {
    expect(activityIri({ kind: 'question', packId: 'p', id: 'quiz-1/q 2' })).toBe(
      'https://advocate.studio/xapi/activities/packs/p/questions/quiz-1/q%202',
    );
  });
});
