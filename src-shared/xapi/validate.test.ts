import { describe, expect, it } from 'vitest';
import { buildStatement } from './statements';
import { checkStatement, parseTimestamp } from './validate';

const base = () => ({
  id: '5d0b6c1e-3f2a-4b7c-9d8e-1a2b3c4d5e6f',
  actor: { mbox: 'mailto:ada@example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: 'https://example.com/activities/a' },
});

function failure(statement: unknown): string {
  const check = checkStatement(statement);
  return check.ok ? 'ok' : `${check.path}: ${check.message}`;
}

describe('checkStatement', () => {
  it('accepts the statements the app builds', () => {
    const statement = buildStatement({
      id: '5d0b6c1e-3f2a-4b7c-9d8e-1a2b3c4d5e6f',
      timestamp: new Date('2026-11-25T10:00:00Z'),
      learner: { id: 'l1', name: 'Ada' },
      verb: 'passed',
      object: { kind: 'quiz', packId: 'p', id: 'q', title: 'Quiz' },
      parents: [{ kind: 'course', packId: 'p', id: 'c', title: 'Course' }],
      registration: 'f1b7a3a2-5c1e-4d6a-9a57-0c2b7e1d9f10',
      result: { score: { scaled: 0.8, raw: 8, min: 0, max: 10 }, success: true, completion: true },
      interactionType: 'choice',
    });
    expect(failure(statement)).toBe('ok');
  });

  it.each([
    [{ ...base(), id: 'not-a-uuid' }, 'id: must be a UUID'],
    [{ ...base(), actor: undefined }, 'actor: is required'],
    [{ ...base(), actor: { mbox: 'ada@example.com' } }, 'actor.mbox: must be a mailto: IRI'],
    [
      { ...base(), actor: { mbox: 'mailto:a@b.c', openid: 'https://a.b/c' } },
      'actor: an Agent must have exactly one of mbox, mbox_sha1sum, openid, account',
    ],
    [
      { ...base(), actor: { name: 'nobody' } },
      'actor: an Agent must have exactly one of mbox, mbox_sha1sum, openid, account',
    ],
    [
      { ...base(), actor: { objectType: 'Group' } },
      'actor.member: an anonymous Group (no identifier) must list its members',
    ],
    [
      { ...base(), actor: { objectType: 'Group', member: [{ objectType: 'Group', mbox: 'mailto:a@b.c' }] } },
      'actor.member[0]: a Group may not contain Groups',
    ],
    [
      { ...base(), actor: { account: { homePage: 'https://x.y', name: 'n', extra: 1 } } },
      'actor.account.extra: is not an allowed property here',
    ],
    [{ ...base(), verb: { id: 'completed' } }, 'verb.id: must be an absolute IRI'],
    [
      { ...base(), verb: { id: 'http://a.b/v', display: { 'not a tag': 'x' } } },
      'verb.display.not a tag: is not an RFC 5646 language tag',
    ],
    [
      { ...base(), object: { objectType: 'Thing', id: 'https://a.b' } },
      'object.objectType: must be Activity, Agent, Group, StatementRef or SubStatement',
    ],
    [
      { ...base(), object: { objectType: 'Agent' } },
      'object: an Agent must have exactly one of mbox, mbox_sha1sum, openid, account',
    ],
    [{ ...base(), object: { objectType: 'StatementRef', id: 'x' } }, 'object.id: must be a UUID'],
    [
      {
        ...base(),
        object: { objectType: 'SubStatement', actor: base().actor, verb: base().verb, object: base().object },
      },
      'ok',
    ],
    [
      { ...base(), object: { objectType: 'SubStatement', ...base() } },
      'object.id: is not an allowed property here',
    ],
    [
      {
        ...base(),
        object: {
          objectType: 'SubStatement',
          actor: base().actor,
          verb: base().verb,
          object: { objectType: 'SubStatement' },
        },
      },
      'object.object.objectType: a SubStatement may not contain another SubStatement',
    ],
    [
      { ...base(), object: { id: 'https://a.b', definition: { interactionType: 'essay' } } },
      'object.definition.interactionType: must be one of true-false, choice, fill-in, long-fill-in, matching, performance, sequencing, likert, numeric, other',
    ],
    [{ ...base(), result: { score: { scaled: -1.5 } } }, 'result.score.scaled: must be between -1 and 1'],
    [
      { ...base(), result: { score: { raw: 11, min: 0, max: 10 } } },
      'result.score.raw: must not be more than max',
    ],
    [{ ...base(), result: { score: { min: 5, max: 5 } } }, 'result.score.min: must be less than max'],
    [
      { ...base(), result: { duration: '90 seconds' } },
      'result.duration: must be an ISO 8601 duration such as PT1M30S',
    ],
    [{ ...base(), result: { success: 'yes' } }, 'result.success: must be true or false'],
    [{ ...base(), context: { registration: 'r' } }, 'context.registration: must be a UUID'],
    [
      { ...base(), object: { objectType: 'Agent', mbox: 'mailto:b@c.d' }, context: { platform: 'x' } },
      'context.platform: may be used only when the object is an Activity',
    ],
    [
      { ...base(), object: { objectType: 'Agent', mbox: 'mailto:b@c.d' }, context: { revision: '2' } },
      'context.revision: may be used only when the object is an Activity',
    ],
    [
      { ...base(), context: { contextActivities: { parent: [{ id: 'nope' }] } } },
      'context.contextActivities.parent[0].id: must be an absolute IRI',
    ],
    [
      { ...base(), context: { contextActivities: { sibling: [] } } },
      'context.contextActivities.sibling: is not an allowed property here',
    ],
    [
      { ...base(), context: { language: 'english please' } },
      'context.language: must be an RFC 5646 language tag',
    ],
    [
      {
        ...base(),
        context: { contextAgents: [{ objectType: 'contextAgent', agent: base().actor, relevantTypes: [] }] },
      },
      'context.contextAgents[0].relevantTypes: must not be empty',
    ],
    [
      { ...base(), context: { extensions: { notAnIri: 1 } } },
      'context.extensions.notAnIri: an extension key must be an IRI',
    ],
    [{ ...base(), context: { extensions: { 'https://a.b/e': null } } }, 'ok'],
    [
      { ...base(), timestamp: '2026-11-25 10:00' },
      'timestamp: must be an ISO 8601 date and time with a time zone, such as 2026-11-25T15:00:00.000Z',
    ],
    [
      { ...base(), timestamp: '2026-11-25T10:00:00-00:00' },
      'timestamp: must be an ISO 8601 date and time with a time zone, such as 2026-11-25T15:00:00.000Z',
    ],
    [{ ...base(), version: '0.95' }, 'version: must be an xAPI version such as 2.0.0 or 1.0.3'],
    [
      { ...base(), verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } },
      'object: a voiding statement (verb voided) must have a StatementRef object',
    ],
    [
      {
        ...base(),
        attachments: [
          {
            usageType: 'https://a.b/u',
            display: { en: 'x' },
            contentType: 'text/plain',
            length: -1,
            sha2: 'ab',
          },
        ],
      },
      'attachments[0].length: must be a whole number of bytes',
    ],
    [{ ...base(), colour: 'red' }, 'colour: is not an allowed property here'],
    [{ ...base(), result: null }, 'result: must be a JSON object'],
    [[], '(statement): must be a JSON object'],
  ])('case %#: reports the first failing property', (statement, expected) => {
    expect(failure(statement)).toBe(expected);
  });

  const agent = (n: number) => ({ mbox: `mailto:member${n}@example.com` });
  it.each([
    [{ objectType: 'Agent', mbox: 'mailto:lms@example.com' }, 'ok'],
    [{ objectType: 'Group', member: [agent(1), agent(2)] }, 'ok'],
    [
      { objectType: 'Group', mbox: 'mailto:team@example.com', member: [agent(1), agent(2)] },
      'authority: an authority Group must be anonymous (an application and a user, no identifier)',
    ],
    [
      { objectType: 'Group', member: [agent(1)] },
      'authority.member: an authority Group must have exactly two members',
    ],
    [
      { objectType: 'Group', member: [agent(1), agent(2), agent(3)] },
      'authority.member: an authority Group must have exactly two members',
    ],
  ])(
    'authority case %#: an Agent or an anonymous Group of two Agents (Data 2.4.9)',
    (authority, expected) => {
      expect(failure({ ...base(), authority })).toBe(expected);
    },
  );

  it.each([
    ['correctResponsesPattern', ['a']],
    ['choices', [{ id: 'a' }]],
    ['scale', [{ id: 'a' }]],
    ['source', [{ id: 'a' }]],
    ['target', [{ id: 'a' }]],
    ['steps', [{ id: 'a' }]],
  ])('refuses %s without an interactionType (Data 2.4.4.1)', (name, value) => {
    const object = { id: 'https://a.b/q', definition: { [name]: value } };
    expect(failure({ ...base(), object })).toBe(
      `object.definition.${name}: is only allowed with an interactionType`,
    );
    const typed = { id: 'https://a.b/q', definition: { interactionType: 'other', [name]: value } };
    expect(failure({ ...base(), object: typed })).toBe('ok');
  });

  it.each([
    ['P4W', 'ok'],
    ['P1.5W', 'ok'],
    ['P3Y1M29DT4H35M59.14S', 'ok'],
    ['PT16559.14S', 'ok'],
    ['P4W1D', 'bad'],
    ['P1Y2W', 'bad'],
    ['P2WT1H', 'bad'],
    ['P', 'bad'],
    ['PT', 'bad'],
    ['P1DT', 'bad'],
  ])('reads the duration %s as %s (Data 4.6: weeks stand alone)', (duration, expected) => {
    const result = failure({ ...base(), result: { duration } });
    expect(result === 'ok' ? 'ok' : 'bad').toBe(expected);
  });

  it('parses timestamps with offsets and refuses impossible dates', () => {
    expect(parseTimestamp('2026-11-25T10:00:00+02:00')).toBe(Date.parse('2026-11-25T08:00:00Z'));
    expect(parseTimestamp('2026-11-25T10:00:00+02')).toBe(Date.parse('2026-11-25T08:00:00Z'));
    expect(parseTimestamp('2026-11-25T10:00:00.5-0130')).toBe(Date.parse('2026-11-25T11:30:00.500Z'));
    expect(parseTimestamp('2026-13-25T10:00:00Z')).toBeNull();
    expect(parseTimestamp('2026-02-29T10:00:00Z')).toBeNull();
    expect(parseTimestamp('2028-02-29T10:00:00Z')).not.toBeNull();
    expect(parseTimestamp('2026-11-25T10:00:00')).toBeNull();
  });
});
