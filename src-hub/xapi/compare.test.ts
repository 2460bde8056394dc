import { describe, expect, it } from 'vitest';
import { indexStatement, ifiOf } from './agents';
import { sameStatement } from './compare';

const stored = {
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  actor: { objectType: 'Group', member: [{ mbox: 'mailto:a@x.org' }, { mbox: 'mailto:b@x.org' }] },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: 'https://x.org/Activities/Case' },
  timestamp: '2026-11-25T10:00:00.000Z',
  stored: '2026-11-25T10:00:01.000Z',
  authority: { account: { homePage: 'https://hub', name: 'k1' } },
  version: '2.0.0',
};

describe('sameStatement (§2.3.1 statement comparison)', () => {
  it('ignores what the LRS sets, key and member order, and spellings of one instant, UUID, mailto and language tag', () => {
    const incoming = {
      object: { id: 'https://x.org/Activities/Case' },
      verb: { display: { 'EN-us': 'completed' }, id: 'http://adlnet.gov/expapi/verbs/completed' },
      actor: { member: [{ mbox: 'mailto:B@x.org' }, { mbox: 'mailto:a@x.org' }], objectType: 'Group' },
      timestamp: '2026-11-25T12:00:00+02:00',
      id: 'AAAAAAAA-0000-4000-8000-000000000001',
      version: '1.0.3',
    };
    expect(sameStatement(stored, incoming)).toBe(true);
  });

  it('matches a statement sent without a timestamp to the copy the LRS stamped', () => {
    const { timestamp: _t, stored: _s, authority: _a, version: _v, ...sent } = stored;
    expect(sameStatement(stored, sent)).toBe(true);
  });

  it('tells apart a different activity, even by the case of its IRI', () => {
    expect(sameStatement(stored, { ...stored, object: { id: 'https://x.org/activities/case' } })).toBe(false);
    expect(sameStatement(stored, { ...stored, result: { success: true } })).toBe(false);
  });
});

describe('indexStatement', () => {
  it('collects the actor, members, related agents and activities, and what a voiding statement voids', () => {
    const index = indexStatement({
      ...stored,
      context: {
        instructor: { openid: 'https://id.x.org/teacher' },
        registration: 'BBBBBBBB-0000-4000-8000-000000000002',
        contextActivities: {
          parent: { id: 'https://x.org/course' },
          grouping: [{ id: 'https://x.org/programme' }],
        },
      },
    });
    expect(index.actorIfi).toBe('anonymous-group');
    expect(index.agents).toEqual(['mbox:mailto:a@x.org', 'mbox:mailto:b@x.org']);
    expect(index.relatedAgents).toContain('openid:https://id.x.org/teacher');
    expect(index.relatedAgents).toContain('account:https://hub|k1');
    expect(index.relatedActivities).toEqual([
      'https://x.org/Activities/Case',
      'https://x.org/course',
      'https://x.org/programme',
    ]);
    expect(index.registration).toBe('bbbbbbbb-0000-4000-8000-000000000002');
    const voiding = indexStatement({
      actor: { mbox: 'mailto:a@x.org' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: 'AAAAAAAA-0000-4000-8000-000000000001' },
    });
    expect(voiding.voids).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(voiding.activityId).toBeNull();
  });

  it('names agents by one canonical identifier', () => {
    expect(ifiOf({ mbox: 'mailto:Ada@Example.com' })).toBe('mbox:mailto:ada@example.com');
    expect(ifiOf({ account: { homePage: 'https://advocate.studio/learners', name: 'l1' } })).toBe(
      'account:https://advocate.studio/learners|l1',
    );
    expect(ifiOf({ name: 'no identifier' })).toBeNull();
  });
});
