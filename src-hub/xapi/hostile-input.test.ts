import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:hostile@example.com' }));
/** Random hex: what PostgreSQL cannot compress to fit an index entry. */
const noise = (bytes: number) => randomBytes(bytes).toString('hex');

// Devices retry a 5xx for ever but set a 4xx aside: every wrong input must be a 4xx that names the problem.
describe.each(testBackends)(
  'input the database cannot hold is a 400 naming it, never a 500, on %s',
  (backend) => {
    let hub: TestHub;
    let x: ReturnType<typeof xapiFetch>;
    beforeAll(async () => {
      hub = await startTestHub(backend);
      x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
    }, HUB_START_TIMEOUT);
    afterAll(async () => hub?.close());

    const refusal = async (path: string, init: Parameters<typeof x>[1] = {}) => {
      const response = await x(path, init);
      return `${response.status} ${(response.json as { message?: string } | null)?.message ?? response.text}`;
    };
    const statement = (change: Record<string, unknown>) => ({
      ...mboxStatement('hostile@example.com'),
      ...change,
    });

    it('stores a batch of 9,500 small statements, all in one transaction', async () => {
      const batch = Array.from({ length: 9_500 }, () => ({
        actor: { mbox: 'mailto:bulk@example.com' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: 'https://example.com/a' },
      }));
      const response = await x('/xapi/statements', { body: batch });
      expect(response.status).toBe(200);
      expect(response.json as string[]).toHaveLength(9_500);
      const bulk = encodeURIComponent(JSON.stringify({ mbox: 'mailto:bulk@example.com' }));
      const page = await x(`/xapi/statements?agent=${bulk}&limit=500`);
      expect((page.json as { statements: unknown[] }).statements).toHaveLength(500);
    }, 120_000);

    it('keeps identifiers with quotes, backslashes, braces and commas exactly, and finds them by each filter', async () => {
      // The batch reaches PostgreSQL as one JSON document unpacked into columns and text arrays: nothing in a
      // value may be read as array syntax or JSON escaping.
      const odd = 'a"b\\c{d},e NULL \u00e9\u{1F600}';
      const actor = { account: { homePage: 'https://example.com', name: odd } };
      // IRIs may not hold quotes, braces or backslashes; commas, apostrophes and escapes they may.
      const activity = "https://example.com/x?q='a',b(c)&d=%22e%22";
      const grouping = "https://example.com/g,h;'i'/\u00e9";
      const sent = {
        ...mboxStatement('odd@example.com'),
        actor,
        object: { id: activity },
        context: { contextActivities: { grouping: [{ id: grouping }] } },
      };
      expect((await x('/xapi/statements', { body: [sent] })).status).toBe(200);
      const found = async (query: string) =>
        ((await x(`/xapi/statements?${query}`)).json as { statements: { id: string }[] }).statements.map(
          (s) => s.id,
        );
      const q = (value: unknown) =>
        encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
      expect(await found(`agent=${q(actor)}`)).toEqual([sent.id]);
      expect(await found(`activity=${q(activity)}`)).toEqual([sent.id]);
      expect(await found(`activity=${q(grouping)}&related_activities=true`)).toEqual([sent.id]);
      const one = await x(`/xapi/statements?statementId=${sent.id}`);
      expect((one.json as { actor: unknown }).actor).toEqual(actor);
      expect((one.json as { object: { id: string } }).object.id).toBe(activity);
    });

    it('keeps the definitions of thousands of new activities from one batch', async () => {
      const batch = Array.from({ length: 3_000 }, (_, i) => ({
        actor: { mbox: 'mailto:bulk@example.com' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: `https://example.com/many/${i}`, definition: { name: { en: `Activity ${i}` } } },
      }));
      expect((await x('/xapi/statements', { body: batch })).status).toBe(200);
      const last = await x(
        `/xapi/activities?activityId=${encodeURIComponent('https://example.com/many/2999')}`,
      );
      expect((last.json as { definition: unknown }).definition).toEqual({ name: { en: 'Activity 2999' } });
    }, 120_000);

    it('refuses timestamps outside the years 0001 to 9999, in statements and queries', async () => {
      const range = 'must be an ISO 8601 timestamp with a time zone, between the years 0001 and 9999';
      expect(
        await refusal('/xapi/statements', { body: statement({ timestamp: '0000-01-01T00:00:00Z' }) }),
      ).toBe(`400 timestamp: ${range}`);
      expect(
        await refusal('/xapi/statements', {
          body: [statement({}), statement({ timestamp: '9999-12-31T23:59:59-12:00' })],
        }),
      ).toBe(`400 [1].timestamp: ${range}`);
      expect(await refusal('/xapi/statements?since=0000-01-01T00:00:00Z')).toBe(`400 since: ${range}`);
      expect(await refusal('/xapi/statements?until=0000-06-01T00:00:00Z')).toBe(`400 until: ${range}`);
      expect(
        await refusal(
          `/xapi/activities/state?activityId=https://example.com/a&agent=${agent}&since=0000-01-01T00:00:00Z`,
        ),
      ).toBe(`400 since: ${range}`);
      expect(await x('/xapi/statements?since=0001-01-01T00:00:00Z')).toMatchObject({ status: 200 });
    });

    it('refuses U+0000 and unpaired surrogates in bodies and queries, naming where', async () => {
      expect(
        await refusal('/xapi/statements', {
          body: statement({ actor: { mbox: 'mailto:a@b.c', name: 'a\u0000b' } }),
        }),
      ).toBe('400 actor.name: contains U+0000, which is not stored');
      expect(
        await refusal('/xapi/statements', {
          body: [statement({}), statement({ result: { extensions: { 'https://example.com/\u0000': 1 } } })],
        }),
      ).toBe('400 [1].result.extensions.https://example.com/\u0000: contains U+0000, which is not stored');
      const lone = JSON.stringify(statement({ actor: { mbox: 'mailto:a@b.c', name: 'HERE' } })).replace(
        'HERE',
        '\\ud800',
      );
      expect(await refusal('/xapi/statements', { body: lone })).toBe(
        '400 actor.name: contains an unpaired UTF-16 surrogate, which is not stored',
      );
      expect(await refusal(`/xapi/statements?verb=${encodeURIComponent('x:\u0000')}`)).toBe(
        '400 verb: contains U+0000, which is not stored',
      );
      expect(
        await refusal(`/xapi/activities/state?activityId=x:a%00&agent=${agent}&stateId=s`, {
          method: 'PUT',
          body: {},
        }),
      ).toBe('400 activityId: contains U+0000, which is not stored');
    });

    it('refuses identifiers too long to index, naming the field', async () => {
      const long = `https://example.com/${noise(1_500)}`;
      const tooLong = 'an identifier is longer than the 2,000 bytes this hub stores';
      expect(await refusal('/xapi/statements', { body: statement({ object: { id: long } }) })).toBe(
        `400 object.id: ${tooLong}`,
      );
      expect(await refusal('/xapi/statements', { body: statement({ verb: { id: long } }) })).toBe(
        `400 verb.id: ${tooLong}`,
      );
      expect(
        await refusal('/xapi/statements', {
          body: statement({ actor: { account: { homePage: 'https://example.com', name: noise(1_500) } } }),
        }),
      ).toBe(`400 actor: ${tooLong}`);
      expect(
        await refusal('/xapi/statements', {
          body: statement({ context: { contextActivities: { parent: [{ id: long }] } } }),
        }),
      ).toBe(`400 an activity id in context or a sub-statement: ${tooLong}`);
      const state = `/xapi/activities/state?activityId=${encodeURIComponent(long)}&agent=${agent}&stateId=s`;
      expect(await refusal(state, { method: 'PUT', body: { a: 1 } })).toBe(
        '400 activityId, agent and stateId: together longer than the 2,000 bytes this hub stores',
      );
    });
  },
);
