import { randomUUID } from 'node:crypto';
import { buildStatement, type Statement } from '../../src-shared/xapi/statements';

/** A statement as the app builds it, for the learner with this account name. */
export function appStatement(
  learnerId: string,
  overrides: { id?: string; verb?: 'completed' | 'attempted' | 'passed'; item?: string } = {},
): Statement {
  return buildStatement({
    id: overrides.id ?? randomUUID(),
    timestamp: new Date('2026-11-25T10:00:00.000Z'),
    learner: { id: learnerId, name: 'Ada' },
    verb: overrides.verb ?? 'completed',
    object: {
      kind: 'lesson',
      packId: 'advocate-foundations',
      id: overrides.item ?? 'why-credibility',
      title: 'Why credibility',
    },
    parents: [{ kind: 'course', packId: 'advocate-foundations', id: 'foundations', title: 'Foundations' }],
    registration: 'f1b7a3a2-5c1e-4d6a-9a57-0c2b7e1d9f10',
  });
}

/** A minimal statement about any email address. */
export function mboxStatement(email: string, id: string = randomUUID()): Statement {
  return {
    id,
    actor: { mbox: `mailto:${email}`, name: email },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { id: 'https://example.com/activities/hub-test', definition: { name: { 'en-US': 'Hub test' } } },
  };
}
