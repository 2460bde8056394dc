import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

type Json = Record<string, unknown>;

describe.each(testBackends)(
  'the Agents and Activities resources (Communication 2.4, 2.5), on %s',
  (backend) => {
    let hub: TestHub;
    let x: ReturnType<typeof xapiFetch>;
    beforeAll(async () => {
      hub = await startTestHub(backend);
      x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
    }, HUB_START_TIMEOUT);
    afterAll(async () => hub?.close());

    const agents = (agent: unknown) => `/xapi/agents?agent=${encodeURIComponent(JSON.stringify(agent))}`;
    const activities = (id: string) => `/xapi/activities?activityId=${encodeURIComponent(id)}`;

    it('answers a Person with every identifier and name the hub knows for an enrolled learner', async () => {
      const email = `ada-${randomUUID()}@example.com`;
      const ada = await hub.enrolDevice(email, `ada-${randomUUID()}`);
      const sent = { ...mboxStatement(email), actor: { ...ada.agent, name: 'Ada L.' } };
      expect((await xapiFetch(hub, ada.auth)('/xapi/statements', { body: sent })).status).toBe(200);
      const person = (await x(agents({ mbox: `mailto:${email}` }))).json as Json;
      expect(person).toEqual({
        objectType: 'Person',
        name: expect.arrayContaining([email.split('@')[0], 'Ada L.']) as unknown,
        mbox: [`mailto:${email}`],
        account: [ada.agent['account']],
      });
    });

    it('answers a Person for an agent it has never seen, with what the request said', async () => {
      const agent = { objectType: 'Agent', name: 'Stranger', openid: 'https://openid.example.com/stranger' };
      expect((await x(agents(agent))).json).toEqual({
        objectType: 'Person',
        name: ['Stranger'],
        openid: ['https://openid.example.com/stranger'],
      });
    });

    it('refuses a missing or malformed agent, a Group, and another learner for a device', async () => {
      const message = async (path: string, client = x) => {
        const response = await client(path);
        return `${response.status} ${(response.json as { message: string }).message}`;
      };
      expect(await message('/xapi/agents')).toBe('400 agent: is required');
      expect(await message('/xapi/agents?agent=nope')).toBe('400 agent: must be a JSON Agent object');
      expect(await message(agents({ objectType: 'Group', member: [{ mbox: 'mailto:a@b.c' }] }))).toBe(
        '400 agent.member: is not an allowed property here',
      );
      const device = xapiFetch(hub, (await hub.enrolDevice(`bea-${randomUUID()}@example.com`)).auth);
      expect(await message(agents({ mbox: 'mailto:someone-else@example.com' }), device)).toBe(
        '403 agent: this device may only look up its own learner',
      );
      expect(await message('/xapi/activities')).toBe('400 activityId: is required');
    });

    it('answers an Activity with the definition merged from statements, and an unknown one with its id', async () => {
      const id = `https://example.com/activities/${randomUUID()}`;
      const named = {
        ...mboxStatement('ada@example.com'),
        object: { id, definition: { name: { en: 'Basics' } } },
      };
      const described = {
        ...mboxStatement('ada@example.com'),
        object: { id: 'https://example.com/activities/lesson' },
        context: {
          contextActivities: { parent: [{ id, definition: { description: { en: 'The first course' } } }] },
        },
      };
      expect((await x('/xapi/statements', { body: [named, described] })).status).toBe(200);
      expect((await x(activities(id))).json).toEqual({
        objectType: 'Activity',
        id,
        definition: { name: { en: 'Basics' }, description: { en: 'The first course' } },
      });
      const unknown = 'https://example.com/activities/never-seen';
      expect((await x(activities(unknown))).json).toEqual({ objectType: 'Activity', id: unknown });
    });

    it("keeps a trusted source's definition against a device, which only fills gaps", async () => {
      const id = `https://example.com/activities/${randomUUID()}`;
      const lms = {
        ...mboxStatement('lms@example.com'),
        object: { id, definition: { name: { en: 'Basics' } } },
      };
      expect((await x('/xapi/statements', { body: lms })).status).toBe(200);
      const device = await hub.enrolDevice(`cy-${randomUUID()}@example.com`);
      const renamed = {
        ...mboxStatement('x@example.com'),
        actor: device.agent,
        object: { id, definition: { name: { en: 'Hacked', fr: 'Bases' } } },
      };
      expect((await xapiFetch(hub, device.auth)('/xapi/statements', { body: renamed })).status).toBe(200);
      expect(((await x(activities(id))).json as Json)['definition']).toEqual({
        name: { en: 'Basics', fr: 'Bases' },
      });
    });

    it('answers HEAD like GET, without a body', async () => {
      for (const path of [
        agents({ mbox: 'mailto:a@b.c' }),
        activities('https://example.com/a'),
        '/xapi/statements?limit=1',
      ]) {
        const head = await x(path, { method: 'HEAD' });
        expect(head.status).toBe(200);
        expect(head.text).toBe('');
        expect(head.headers.get('content-type')).toMatch(/^application\/json/);
      }
    });
  },
);
