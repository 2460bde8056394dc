import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HUB_START_TIMEOUT,
  startTestHub,
  testBackends,
  xapiFetch,
  type TestCredential,
  type TestHub,
} from '../testing/hub';
import { appStatement, mboxStatement } from '../testing/statements';

describe.each(testBackends)('xAPI statements resource on %s', (backend) => {
  let hub: TestHub;
  let client: TestCredential;
  let x: ReturnType<typeof xapiFetch>;

  beforeAll(async () => {
    hub = await startTestHub(backend);
    client = await hub.credential('lrs-client');
    x = xapiFetch(hub, client.auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('stores a statement and returns it by id with stored, authority and version set', async () => {
    const statement = mboxStatement('ada@example.com');
    const posted = await x('/xapi/statements', { body: statement });
    expect(posted.status).toBe(200);
    expect(posted.json).toEqual([statement['id']]);
    expect(posted.headers.get('x-experience-api-version')).toBe('2.0.0');
    const got = await x(`/xapi/statements?statementId=${statement['id'] as string}`);
    expect(got.status).toBe(200);
    const body = got.json as Record<string, unknown>;
    expect(body['actor']).toEqual(statement['actor']);
    expect(body['version']).toBe('2.0.0');
    expect(typeof body['stored']).toBe('string');
    expect(body['timestamp']).toBe(body['stored']);
    expect(body['authority']).toMatchObject({ objectType: 'Agent', account: { name: client.key } });
    expect(got.headers.get('last-modified')).toBeTruthy();
    expect(got.headers.get('x-experience-api-consistent-through')).toMatch(/^\d{4}-/);
    const ids = await x(`/xapi/statements?statementId=${statement['id'] as string}&format=ids`);
    expect(ids.json).toMatchObject({
      actor: { objectType: 'Agent', mbox: 'mailto:ada@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'https://example.com/activities/hub-test' },
    });
    expect((ids.json as { actor: object }).actor).not.toHaveProperty('name');
    expect((ids.json as { verb: object }).verb).not.toHaveProperty('display');
    expect((ids.json as { object: object }).object).not.toHaveProperty('definition');
  });

  it("assigns ids to a batch in order, and accepts the app's own statements", async () => {
    const { id: _id, ...noId } = mboxStatement('bea@example.com');
    const app = appStatement('learner-1');
    const posted = await x('/xapi/statements', { body: [noId, app] });
    expect(posted.status).toBe(200);
    const ids = posted.json as string[];
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(app.id);
  });

  it('stores with PUT and refuses a body id that differs from statementId', async () => {
    const id = randomUUID();
    const put = await x(`/xapi/statements?statementId=${id}`, {
      method: 'PUT',
      body: mboxStatement('cy@example.com', id),
    });
    expect(put.status).toBe(204);
    const again = await x(`/xapi/statements?statementId=${id}`, {
      method: 'PUT',
      body: mboxStatement('cy@example.com', id),
    });
    expect(again.status).toBe(204);
    const other = await x(`/xapi/statements?statementId=${randomUUID()}`, {
      method: 'PUT',
      body: mboxStatement('cy@example.com', id),
    });
    expect(other.status).toBe(400);
    expect((other.json as { message: string }).message).toContain('id');
    const missing = await x('/xapi/statements', { method: 'PUT', body: mboxStatement('cy@example.com') });
    expect(missing.status).toBe(400);
    expect((missing.json as { message: string }).message).toContain('statementId');
  });

  it('treats a repeated id as a no-op when equivalent and a 409 when different, rolling back the whole batch', async () => {
    const statement = mboxStatement('dee@example.com');
    expect((await x('/xapi/statements', { body: statement })).status).toBe(200);
    // Same statement, differently spelled: key order, upper-case UUID and mailto, a language tag's case.
    const respelled = {
      object: statement['object'],
      verb: { display: { 'EN-us': 'experienced' }, id: 'http://adlnet.gov/expapi/verbs/experienced' },
      actor: { name: 'dee@example.com', mbox: 'mailto:DEE@example.com' },
      id: (statement['id'] as string).toUpperCase(),
    };
    const repeat = await x('/xapi/statements', { body: respelled });
    expect(repeat.status).toBe(200);
    const fresh = mboxStatement('dee@example.com');
    const conflicting = { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } };
    const conflict = await x('/xapi/statements', { body: [fresh, conflicting] });
    expect(conflict.status).toBe(409);
    expect((conflict.json as { message: string }).message).toContain(statement['id'] as string);
    const notStored = await x(`/xapi/statements?statementId=${fresh['id'] as string}`);
    expect(notStored.status).toBe(404);
  });

  it('rejects a whole batch when one statement is invalid, naming its index and property', async () => {
    const good = mboxStatement('eve@example.com');
    const bad = { ...mboxStatement('eve@example.com'), result: { score: { scaled: 1.5 } } };
    const response = await x('/xapi/statements', { body: [good, bad] });
    expect(response.status).toBe(400);
    expect((response.json as { message: string }).message).toBe(
      '[1].result.score.scaled: must be between -1 and 1',
    );
    expect((await x(`/xapi/statements?statementId=${good['id'] as string}`)).status).toBe(404);
    const twice = await x('/xapi/statements', { body: [good, good] });
    expect(twice.status).toBe(400);
    const attachment = {
      usageType: 'http://id.tincanapi.com/attachment/certificate',
      display: { en: 'Certificate' },
      contentType: 'application/pdf',
      length: 10,
      sha2: 'ab',
    };
    const inline = await x('/xapi/statements', { body: { ...good, attachments: [attachment] } });
    expect((inline.json as { message: string }).message).toBe(
      "attachments[0].fileUrl: is required in an application/json request; send the attachment's bytes as a part of a multipart/mixed request",
    );
    const linked = {
      ...good,
      attachments: [{ ...attachment, fileUrl: 'https://example.com/certificate.pdf' }],
    };
    expect((await x('/xapi/statements', { body: linked })).status).toBe(200);
  });

  it('voids a statement: hidden from statementId and queries, found by voidedStatementId', async () => {
    const target = mboxStatement('fay@example.com');
    await x('/xapi/statements', { body: target });
    const voiding = {
      actor: { mbox: 'mailto:fay@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: target['id'] },
    };
    const posted = await x('/xapi/statements', { body: voiding });
    expect(posted.status).toBe(200);
    const [voidingId] = posted.json as string[];
    expect((await x(`/xapi/statements?statementId=${target['id'] as string}`)).status).toBe(404);
    const voided = await x(`/xapi/statements?voidedStatementId=${target['id'] as string}`);
    expect(voided.status).toBe(200);
    expect((voided.json as { id: string }).id).toBe(target['id']);
    const listed = await x(
      `/xapi/statements?agent=${encodeURIComponent(JSON.stringify({ mbox: 'mailto:fay@example.com' }))}`,
    );
    const ids = (listed.json as { statements: { id: string }[] }).statements.map((s) => s.id);
    expect(ids).toEqual([voidingId]);
    // A voiding statement cannot itself be voided.
    const voidTheVoid = await x('/xapi/statements', {
      body: { ...voiding, object: { objectType: 'StatementRef', id: voidingId } },
    });
    expect(voidTheVoid.status).toBe(400);
    expect((await x(`/xapi/statements?statementId=${target['id'] as string}&verb=x:y`)).status).toBe(400);
  });

  it('filters by agent, verb, activity, registration, since and until, related activities and agents', async () => {
    const email = `gus-${randomUUID()}@example.com`;
    const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
    const first = mboxStatement(email);
    const second = { ...mboxStatement(email), verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } };
    const third = {
      ...mboxStatement('someone-else@example.com'),
      object: { id: 'https://example.com/activities/other' },
      context: {
        instructor: { mbox: `mailto:${email}` },
        registration: '0b8c9c1e-0000-4000-8000-000000000001',
        contextActivities: { parent: [{ id: 'https://example.com/activities/hub-test' }] },
      },
    };
    await x('/xapi/statements', { body: [first, second] });
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await x('/xapi/statements', { body: third });
    const ids = async (query: string) =>
      ((await x(`/xapi/statements?${query}`)).json as { statements: { id: string }[] }).statements.map(
        (s) => s.id,
      );
    expect(await ids(`agent=${agent}`)).toEqual([second['id'], first['id']]);
    expect(await ids(`agent=${agent}&ascending=true`)).toEqual([first['id'], second['id']]);
    expect(
      await ids(`agent=${agent}&verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}`),
    ).toEqual([second['id']]);
    expect(await ids(`agent=${agent}&related_agents=true`)).toEqual([third['id'], second['id'], first['id']]);
    const activity = encodeURIComponent('https://example.com/activities/hub-test');
    expect(await ids(`agent=${agent}&related_agents=true&activity=${activity}`)).toEqual([
      second['id'],
      first['id'],
    ]);
    expect(
      await ids(`agent=${agent}&related_agents=true&activity=${activity}&related_activities=true`),
    ).toEqual([third['id'], second['id'], first['id']]);
    expect(await ids('registration=0b8c9c1e-0000-4000-8000-000000000001')).toEqual([third['id']]);
    expect(await ids(`agent=${agent}&related_agents=true&since=${encodeURIComponent(before)}`)).toEqual([
      third['id'],
    ]);
    expect(await ids(`agent=${agent}&related_agents=true&until=${encodeURIComponent(before)}`)).toEqual([
      second['id'],
      first['id'],
    ]);
  });

  it('pages with a more URL that any instance can follow', async () => {
    const email = `hal-${randomUUID()}@example.com`;
    const batch = Array.from({ length: 7 }, () => mboxStatement(email));
    await x('/xapi/statements', { body: batch });
    const seen: string[] = [];
    let next = `/xapi/statements?agent=${encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }))}&limit=3&ascending=true`;
    let pages = 0;
    while (next) {
      const page = await x(next);
      expect(page.status).toBe(200);
      const body = page.json as { statements: { id: string }[]; more: string };
      seen.push(...body.statements.map((s) => s.id));
      next = body.more;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(batch.map((s) => s['id']));
  });

  it('stores concurrent, overlapping batches from many clients exactly once', async () => {
    const email = `many-${randomUUID()}@example.com`;
    const statements = Array.from({ length: 200 }, () => mboxStatement(email));
    // 20 clients, each sending 20 statements of which half overlap its neighbour's, all at once.
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        x('/xapi/statements', { body: statements.slice(i * 10, i * 10 + 20) }).then((r) => r.status),
      ),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
    const listed = await x(`/xapi/statements?agent=${agent}&limit=0`);
    const ids = (listed.json as { statements: { id: string }[] }).statements.map((s) => s.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids)).toEqual(new Set(statements.map((s) => s.id)));
  });

  it('rejects bad query parameters with the parameter named', async () => {
    const bad = async (query: string) => (await x(`/xapi/statements?${query}`)).json as { message: string };
    expect((await bad('agent=notjson')).message).toContain('agent');
    expect((await bad('since=yesterday')).message).toContain('since');
    expect((await bad('limit=-1')).message).toContain('limit');
    expect((await bad('colour=red')).message).toContain('colour');
    expect((await bad('statementId=42')).message).toContain('statementId');
  });

  it('requires the version header everywhere but /about, which lists the versions', async () => {
    const about = await fetch(`${hub.url}/xapi/about`);
    expect(about.status).toBe(200);
    expect(((await about.json()) as { version: string[] }).version).toContain('2.0.0');
    const noVersion = await x('/xapi/statements', { headers: { 'x-experience-api-version': '' } });
    expect(noVersion.status).toBe(400);
    const old = await x(`/xapi/statements?limit=1`, { headers: { 'x-experience-api-version': '1.0.3' } });
    expect(old.status).toBe(200);
  });
});
