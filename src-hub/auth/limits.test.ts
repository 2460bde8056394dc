import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, basicAuth, startTestHub, xapiFetch, type TestHub } from '../testing/hub';
import { createEnrolmentCode } from './enrolment';

const statementsFrom = (hub: TestHub, auth: string, forwardedFor?: string) =>
  xapiFetch(hub, auth)('/xapi/statements?limit=1', {
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

describe('the brake on guessing secrets (3 failures a minute per address and key)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('pglite', { maxAuthFailures: 3 });
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('slows down guessing one key without locking out other keys, or the right secret once seen', async () => {
    const target = await hub.credential('device');
    expect((await statementsFrom(hub, target.auth)).status).toBe(200);
    const wrong = basicAuth(target.key, 'guess');
    for (let i = 0; i < 3; i++) expect((await statementsFrom(hub, wrong)).status).toBe(401);
    const braked = await statementsFrom(hub, wrong);
    expect(braked.status).toBe(429);
    expect(Number(braked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The attacker's guesses did not lock out the owner, nor anyone else behind the same address.
    expect((await statementsFrom(hub, target.auth)).status).toBe(200);
    const colleague = await hub.credential('trainer');
    expect((await statementsFrom(hub, colleague.auth)).status).toBe(200);
  });

  it('caps one address over all keys at ten times that, still admitting secrets already seen', async () => {
    const known = await hub.credential('lrs-client');
    expect((await statementsFrom(hub, known.auth)).status).toBe(200);
    const made = () => basicAuth(`ak_${randomUUID()}`, 'guess');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await statementsFrom(hub, made())).status);
    // The first test's three failures came from this address too.
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(27);
    expect((await statementsFrom(hub, made())).status).toBe(429);
    expect((await statementsFrom(hub, known.auth)).status).toBe(200);
  });
});

describe('enrolment refusals count toward the brake', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('pglite', { maxAuthFailures: 3 });
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('brakes an address probing which emails already have accounts', async () => {
    const taken = `taken-${randomUUID()}@example.com`;
    await hub.enrolDevice(taken);
    const probe = async () => {
      const { code } = await createEnrolmentCode(hub.database.db, 60_000, 'test', new Date());
      return fetch(`${hub.url}/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: 'Probe', email: taken }),
      });
    };
    for (let i = 0; i < 3; i++) expect((await probe()).status).toBe(409);
    expect((await probe()).status).toBe(429);
  });
});

describe('behind a trusted reverse proxy', () => {
  let hub: TestHub;
  let direct: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('pglite', { maxAuthFailures: 3, trustProxy: '127.0.0.1' });
    direct = await startTestHub('pglite', { maxAuthFailures: 3 });
  }, HUB_START_TIMEOUT);
  afterAll(async () => {
    await hub?.close();
    await direct?.close();
  });

  it('counts failures by the address the proxy forwards, so one client cannot brake another', async () => {
    const target = await hub.credential('device');
    const wrong = basicAuth(target.key, 'guess');
    for (let i = 0; i < 3; i++) expect((await statementsFrom(hub, wrong, '203.0.113.7')).status).toBe(401);
    expect((await statementsFrom(hub, wrong, '203.0.113.7')).status).toBe(429);
    expect((await statementsFrom(hub, wrong, '198.51.100.2')).status).toBe(401);
  });

  it('ignores X-Forwarded-For when no proxy is trusted: a client cannot choose its own address', async () => {
    const target = await direct.credential('device');
    const wrong = basicAuth(target.key, 'guess');
    for (let i = 0; i < 3; i++) await statementsFrom(direct, wrong, `198.51.100.${i}`);
    expect((await statementsFrom(direct, wrong, '198.51.100.99')).status).toBe(429);
  });

  it('marks the dashboard cookie Secure when the proxy says the client used https, and only then', async () => {
    const signIn = async (on: TestHub, proto?: string) => {
      const trainer = await on.credential('trainer');
      const response = await fetch(`${on.url}/dashboard/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(proto ? { 'x-forwarded-proto': proto } : {}) },
        body: JSON.stringify({ key: trainer.key, secret: trainer.secret }),
      });
      expect(response.status).toBe(200);
      return response.headers.get('set-cookie') ?? '';
    };
    expect(await signIn(hub, 'https')).toMatch(/; Secure$/);
    expect(await signIn(hub)).not.toMatch(/Secure/);
    expect(await signIn(direct, 'https')).not.toMatch(/Secure/);
  });
});
