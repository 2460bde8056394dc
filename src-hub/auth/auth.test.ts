import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, learners } from '../db/schema/index';
import {
  HUB_START_TIMEOUT,
  basicAuth,
  startTestHub,
  testBackends,
  xapiFetch,
  type TestHub,
} from '../testing/hub';
import { appStatement, mboxStatement } from '../testing/statements';
import { listCredentials, revokeCredential } from './credentials';
import { createEnrolmentCode } from './enrolment';

describe.each(testBackends)('credentials, enrolment and device limits on %s', (backend) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(backend);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const enrol = (body: Record<string, unknown>) =>
    fetch(`${hub.url}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('asks for credentials, and refuses unknown keys, wrong secrets and revoked credentials alike', async () => {
    const none = await xapiFetch(hub, null)('/xapi/statements');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    const good = await hub.credential('lrs-client');
    expect((await xapiFetch(hub, good.auth)('/xapi/statements?limit=1')).status).toBe(200);
    expect((await xapiFetch(hub, basicAuth(good.key, `${good.secret}x`))('/xapi/statements')).status).toBe(
      401,
    );
    expect((await xapiFetch(hub, basicAuth('ak_nobody', good.secret))('/xapi/statements')).status).toBe(401);
    expect((await xapiFetch(hub, 'Basic !!!')('/xapi/statements')).status).toBe(401);
    expect(await revokeCredential(hub.database.db, good.key, 'test', new Date())).toBe(true);
    expect(await revokeCredential(hub.database.db, good.key, 'test', new Date())).toBe(false);
    const revoked = await xapiFetch(hub, good.auth)('/xapi/statements?limit=1');
    expect(revoked.status).toBe(401);
    const audit = await hub.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(2);
    expect(audit.map((row) => row.action)).toEqual(['credential.revoke', 'credential.create']);
  });

  it('enrols a device for the learner the app names, once per code', async () => {
    const { code } = await createEnrolmentCode(hub.database.db, 60_000, 'test', new Date());
    const learnerId = `learner-${randomUUID()}`;
    const first = await enrol({ code, name: 'Ada', email: `Ada-${learnerId}@Example.com`, learnerId });
    expect(first.status).toBe(201);
    const body = (await first.json()) as {
      key: string;
      secret: string;
      role: string;
      agent: { account: { name: string } };
    };
    expect(body.role).toBe('device');
    expect(body.agent.account).toEqual({ homePage: 'https://advocate.studio/learners', name: learnerId });
    const again = await enrol({ code, name: 'Eve', email: 'eve@example.com' });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { message: string }).message).toMatch(/unknown, already used, expired/);
    // A second device of the same person joins the same learner, with a code made for their email.
    const { code: second } = await createEnrolmentCode(
      hub.database.db,
      60_000,
      'test',
      new Date(),
      `ada-${learnerId}@example.com`,
    );
    const other = await enrol({
      code: second,
      name: 'Ada',
      email: `ada-${learnerId}@example.com`,
      learnerId: 'ignored',
    });
    expect(((await other.json()) as { agent: { account: { name: string } } }).agent.account.name).toBe(
      learnerId,
    );
  });

  it('refuses expired codes, taken learner ids, and malformed requests with the field named', async () => {
    const expired = await createEnrolmentCode(
      hub.database.db,
      60_000,
      'test',
      new Date(Date.now() - 120_000),
    );
    expect((await enrol({ code: expired.code, name: 'Old', email: 'old@example.com' })).status).toBe(400);
    const taken = await hub.enrolDevice(`owner-${randomUUID()}@example.com`, `taken-${randomUUID()}`);
    const { code } = await createEnrolmentCode(hub.database.db, 60_000, 'test', new Date());
    const clash = await enrol({
      code,
      name: 'Mallory',
      email: 'mallory@example.com',
      learnerId: (taken.agent['account'] as { name: string }).name,
    });
    expect(clash.status).toBe(409);
    const badEmail = await enrol({ code, name: 'X', email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(((await badEmail.json()) as { message: string }).message).toMatch(/^email: /);
    const extra = await enrol({ code, name: 'X', email: 'x@example.com', role: 'trainer' });
    expect(extra.status).toBe(400);
  });

  it('never links a code made for no one to an existing learner, whatever the case of the email', async () => {
    const team = `team-${randomUUID()}`;
    const ada = await hub.enrolDevice(`ada-${randomUUID()}@example.com`, undefined, { team });
    const adaId = (ada.agent['account'] as { name: string }).name;
    const adaEmail = (await hub.database.db.select().from(learners).where(eq(learners.id, adaId)))[0]
      ?.email as string;
    const { code } = await createEnrolmentCode(
      hub.database.db,
      60_000,
      'test',
      new Date(),
      null,
      'Attackers',
    );
    const takeover = await enrol({ code, name: 'Mallory', email: adaEmail.toUpperCase() });
    expect(takeover.status).toBe(409);
    expect(((await takeover.json()) as { message: string }).message).toBe(
      'This email already has an account on this hub; ask your trainer for an enrolment code made for it.',
    );
    const [after] = await hub.database.db.select().from(learners).where(eq(learners.id, adaId));
    expect(after?.team).toBe(team);
    const adaDevices = (await listCredentials(hub.database.db)).filter((row) => row.learnerId === adaId);
    expect(adaDevices).toHaveLength(1);
    // The refusal rolled the claim back: the code still enrols a new person.
    expect((await enrol({ code, name: 'Newcomer', email: `new-${randomUUID()}@example.com` })).status).toBe(
      201,
    );
    // A code made for Ada's email enrols her second device, and its team moves her.
    const { code: hers } = await createEnrolmentCode(
      hub.database.db,
      60_000,
      'test',
      new Date(),
      adaEmail,
      'Moved',
    );
    const second = await enrol({ code: hers, name: 'Ada', email: adaEmail });
    expect(second.status).toBe(201);
    expect(((await second.json()) as { agent: { account: { name: string } } }).agent.account.name).toBe(
      adaId,
    );
    const [moved] = await hub.database.db.select().from(learners).where(eq(learners.id, adaId));
    expect(moved?.team).toBe('Moved');
  });

  it('keeps a code made for one email from enrolling anyone else', async () => {
    const { code } = await createEnrolmentCode(
      hub.database.db,
      60_000,
      'test',
      new Date(),
      'Bound@Example.com',
    );
    expect((await enrol({ code, name: 'Mallory', email: 'mallory@example.com' })).status).toBe(400);
    expect((await enrol({ code, name: 'Bound', email: 'bound@example.com' })).status).toBe(201);
  });

  it('lets exactly one of many devices racing with one code enrol', async () => {
    const { code } = await createEnrolmentCode(hub.database.db, 60_000, 'test', new Date());
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        enrol({ code, name: `Racer ${i}`, email: `racer-${i}-${randomUUID()}@example.com` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
  });

  it("lets a device write only its own learner's statements and read only its own", async () => {
    const learnerId = `dev-${randomUUID()}`;
    const email = `${learnerId}@example.com`;
    const device = await hub.enrolDevice(email, learnerId);
    const x = xapiFetch(hub, device.auth);
    const own = appStatement(learnerId);
    expect((await x('/xapi/statements', { body: own })).status).toBe(200);
    expect((await x('/xapi/statements', { body: mboxStatement(email) })).status).toBe(200);
    const forged = appStatement('someone-else');
    const forgedResponse = await x('/xapi/statements', { body: [appStatement(learnerId), forged] });
    expect(forgedResponse.status).toBe(403);
    expect((forgedResponse.json as { message: string }).message).toBe(
      '[1].actor: this device may only record statements about its own learner',
    );
    const forgedPut = await x(`/xapi/statements?statementId=${forged.id}`, { method: 'PUT', body: forged });
    expect(forgedPut.status).toBe(403);

    const trainer = xapiFetch(hub, (await hub.credential('trainer')).auth);
    const someoneElses = mboxStatement('colleague@example.com');
    expect((await trainer('/xapi/statements', { body: someoneElses })).status).toBe(200);
    expect((await x(`/xapi/statements?statementId=${someoneElses.id}`)).status).toBe(404);
    expect((await trainer(`/xapi/statements?statementId=${own.id}`)).status).toBe(200);
    const listed = await x('/xapi/statements');
    const actors = (listed.json as { statements: { actor: Record<string, unknown> }[] }).statements.map(
      (s) => s.actor,
    );
    expect(actors).toHaveLength(2);
    const otherAgent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:colleague@example.com' }));
    expect((await x(`/xapi/statements?agent=${otherAgent}`)).status).toBe(403);
    const [seen] = (await listCredentials(hub.database.db)).filter((row) => row.key === device.key);
    expect(seen?.lastSeenAt).toBeInstanceOf(Date);
    const ownAgent = encodeURIComponent(JSON.stringify(device.agent));
    expect(
      ((await x(`/xapi/statements?agent=${ownAgent}`)).json as { statements: unknown[] }).statements,
    ).toHaveLength(1);
  });
});

describe('hostile requests', () => {
  let hub: TestHub;
  let x: ReturnType<typeof xapiFetch>;
  beforeAll(async () => {
    hub = await startTestHub('pglite', { maxBodyBytes: 64 * 1024 });
    x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('answers 413 to an oversized body', async () => {
    const big = Array.from({ length: 600 }, () => mboxStatement('big@example.com'));
    const response = await x('/xapi/statements', { body: big });
    expect(response.status).toBe(413);
  });

  it('answers 400 to JSON nested deeper than any statement', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const response = await x('/xapi/statements', { body: deep });
    expect(response.status).toBe(400);
    expect((response.json as { message: string }).message).toMatch(/nested more than 32 levels/);
  });

  it('answers 400 to bytes that are not UTF-8, and to broken JSON', async () => {
    const statement = Buffer.from(
      JSON.stringify(mboxStatement('utf@example.com')).replace('utf@', 'ut\u00e9@'),
      'utf8',
    );
    const broken = Buffer.from(statement.toString('latin1'), 'latin1');
    broken[broken.indexOf(0xc3)] = 0xff;
    const response = await x('/xapi/statements', { body: broken });
    expect(response.status).toBe(400);
    expect((response.json as { message: string }).message).toBe('The request body is not valid UTF-8.');
    expect((await x('/xapi/statements', { body: '{"actor": ' })).status).toBe(400);
    expect(
      (await x('/xapi/statements', { body: '', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
  });

  it('answers statements in another content type with a 400 naming the ones to use, other routes with 415', async () => {
    // xAPI 2.0 Communication 3.2: a statement request in a content type the LRS does not take is a 400.
    const response = await x('/xapi/statements', {
      body: 'actor=me',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain('multipart/mixed');
    const enrol = await fetch(`${hub.url}/enrol`, {
      method: 'POST',
      body: 'code=1234',
      headers: { 'content-type': 'text/plain' },
    });
    expect(enrol.status).toBe(415);
  });
});
