import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

type Json = Record<string, unknown>;

const member = (n: number) => ({ mbox: `mailto:member${n}@example.com` });
const activity = (id: string, name?: Json) => ({
  id: `https://example.com/activities/${id}`,
  ...(name ? { definition: { name } } : {}),
});

describe.each(testBackends)('xAPI 2.0 statement rules over HTTP, on %s', (backend) => {
  let hub: TestHub;
  let x: ReturnType<typeof xapiFetch>;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const get = async (id: unknown, query = '', headers: Record<string, string> = {}) =>
    (await x(`/xapi/statements?statementId=${String(id)}${query}`, { headers })).json as Json;
  const status = async (statement: Json) => (await x('/xapi/statements', { body: statement })).status;

  it('returns every contextActivities value as an array, also in a SubStatement, and a repeat as sent is the same statement', async () => {
    const parent = activity('course');
    const statement = {
      ...mboxStatement('ada@example.com'),
      context: { contextActivities: { parent, grouping: [activity('programme')] } },
    };
    expect(await status(statement)).toBe(200);
    const got = await get(statement.id);
    expect((got['context'] as Json)['contextActivities']).toEqual({
      parent: [parent],
      grouping: [activity('programme')],
    });
    expect(await status(statement)).toBe(200);

    const sub = {
      ...mboxStatement('ada@example.com'),
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:ada@example.com' },
        verb: { id: 'https://example.com/verbs/plans' },
        object: activity('lesson'),
        context: { contextActivities: { category: activity('category') } },
      },
    };
    expect(await status(sub)).toBe(200);
    const object = (await get(sub.id))['object'] as Json;
    expect((object['context'] as Json)['contextActivities']).toEqual({ category: [activity('category')] });
  });

  it.each([
    [{ objectType: 'Group', mbox: 'mailto:team@example.com', member: [member(1), member(2)] }, 400],
    [{ objectType: 'Group', member: [member(1)] }, 400],
    [{ objectType: 'Group', member: [member(1), member(2), member(3)] }, 400],
    [{ objectType: 'Group', member: [member(1), member(2)] }, 200],
    [{ objectType: 'Agent', mbox: 'mailto:lms@example.com' }, 200],
  ])('answers a statement with authority %j with %i (Data 2.4.9)', async (authority, expected) => {
    expect(await status({ ...mboxStatement('ada@example.com'), authority })).toBe(expected);
  });

  it.each(['correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps'])(
    'refuses an interaction definition with %s and no interactionType (Data 2.4.4.1)',
    async (name) => {
      const value = name === 'correctResponsesPattern' ? ['a'] : [{ id: 'a', description: { en: 'A' } }];
      const response = await x('/xapi/statements', {
        body: {
          ...mboxStatement('ada@example.com'),
          object: { id: 'https://example.com/q', definition: { [name]: value } },
        },
      });
      expect(response.status).toBe(400);
      expect((response.json as { message: string }).message).toBe(
        `object.definition.${name}: is only allowed with an interactionType`,
      );
    },
  );

  it.each([
    ['P4W', 200],
    ['P4W1D', 400],
    ['P1Y2W', 400],
    ['PT1H30M', 200],
  ])('answers the duration %s with %i (Data 4.6)', async (duration, expected) => {
    expect(await status({ ...mboxStatement('ada@example.com'), result: { duration } })).toBe(expected);
  });

  it('puts X-Experience-API-Consistent-Through on every statements answer, refusals included', async () => {
    const consistent = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const answers = [
      await x('/xapi/statements?limit=1'),
      await x(`/xapi/statements?statementId=${randomUUID()}`),
      await x('/xapi/statements?colour=red'),
      await x('/xapi/statements?since=yesterday'),
      await xapiFetch(hub, null)('/xapi/statements'),
      await x('/xapi/statements', { headers: { 'x-experience-api-version': '0.9' } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 404, 400, 400, 401, 400]);
    for (const answer of answers)
      expect(answer.headers.get('x-experience-api-consistent-through')).toMatch(consistent);
  });

  it('format=ids keeps only ids of activities and verbs, in SubStatements and context too', async () => {
    const statement = {
      ...mboxStatement('ada@example.com'),
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:ada@example.com', name: 'Ada' },
        verb: { id: 'https://example.com/verbs/plans', display: { en: 'plans' } },
        object: activity('inner', { en: 'Inner' }),
        context: { contextActivities: { parent: [activity('inner-parent', { en: 'Parent' })] } },
      },
      context: { contextActivities: { grouping: [activity('outer', { en: 'Outer' })] } },
    };
    expect(await status(statement)).toBe(200);
    const ids = await get(statement.id, '&format=ids');
    expect(ids['object']).toEqual({
      objectType: 'SubStatement',
      actor: { objectType: 'Agent', mbox: 'mailto:ada@example.com' },
      verb: { id: 'https://example.com/verbs/plans' },
      object: { id: 'https://example.com/activities/inner' },
      context: { contextActivities: { parent: [{ id: 'https://example.com/activities/inner-parent' }] } },
    });
    expect(ids['context']).toEqual({
      contextActivities: { grouping: [{ id: 'https://example.com/activities/outer' }] },
    });
    expect(ids['actor']).toEqual({ objectType: 'Agent', mbox: 'mailto:ada@example.com' });
  });

  it('format=canonical gives each language map one language, by Accept-Language, from the canonical definition', async () => {
    const id = `https://example.com/activities/${randomUUID()}`;
    const first = {
      ...mboxStatement('ada@example.com'),
      verb: { id: 'https://example.com/verbs/finished', display: { 'en-US': 'finished', fr: 'a terminé' } },
      object: {
        id,
        definition: {
          name: { 'en-US': 'Basics', fr: 'Les bases' },
          interactionType: 'choice',
          choices: [{ id: 'a', description: { 'en-US': 'Yes', fr: 'Oui' } }],
        },
      },
    };
    // A later statement adds German; the canonical definition holds all three, each answer just one.
    const second = {
      ...mboxStatement('ada@example.com'),
      object: { id, definition: { name: { de: 'Grundlagen' } } },
    };
    expect(await status(first)).toBe(200);
    expect(await status(second)).toBe(200);
    const inFrench = await get(first.id, '&format=canonical', { 'accept-language': 'fr, en;q=0.5' });
    expect(inFrench['verb']).toEqual({
      id: 'https://example.com/verbs/finished',
      display: { fr: 'a terminé' },
    });
    const definition = (inFrench['object'] as Json)['definition'] as Json;
    expect(definition['name']).toEqual({ fr: 'Les bases' });
    expect(definition['choices']).toEqual([{ id: 'a', description: { fr: 'Oui' } }]);
    const inGerman = await get(second.id, '&format=canonical', { 'accept-language': 'de-CH, de;q=0.9' });
    expect(((inGerman['object'] as Json)['definition'] as Json)['name']).toEqual({ de: 'Grundlagen' });
    const exact = await get(second.id);
    expect(((exact['object'] as Json)['definition'] as Json)['name']).toEqual({ de: 'Grundlagen' });
    expect(inGerman['actor']).toEqual(exact['actor']);
  });
});
