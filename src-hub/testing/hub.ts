import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createCredential } from '../auth/credentials';
import { createEnrolmentCode } from '../auth/enrolment';
import type { CredentialRole } from '../db/schema/index';
import { HUB_MIGRATIONS_DIR, openHubDb, type DatabaseTarget, type OpenedHubDb } from '../db/open';
import { buildHub, type HubOptions } from '../server';

/** Where the integration suites run: PGlite always, PostgreSQL too when HUB_TEST_DATABASE_URL is set. */
export const testBackends: ('pglite' | 'postgres')[] = process.env['HUB_TEST_DATABASE_URL']
  ? ['pglite', 'postgres']
  : ['pglite'];

/** A database of its own for one suite: a temp PGlite folder, or a fresh database in the test PostgreSQL. */
export async function makeTestDatabase(
  backend: 'pglite' | 'postgres',
): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'advocate-hub-'));
    cpSync(await pgliteTemplate(), dir, { recursive: true });
    return {
      target: { kind: 'pglite', dataDir: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env['HUB_TEST_DATABASE_URL'];
  if (!adminUrl) throw new Error('HUB_TEST_DATABASE_URL is not set');
  const name = `hub_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A migrated PGlite data folder, made once per migrations version and copied for each suite: a new PGlite
 * cluster takes seconds to initialise, a copy milliseconds. Built aside and renamed, so parallel test files agree.
 */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(HUB_MIGRATIONS_DIR, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json'))
      hash.update(file).update(readFileSync(join(HUB_MIGRATIONS_DIR, file)));
  }
  const template = join(tmpdir(), `advocate-hub-template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(join(tmpdir(), 'advocate-hub-building-'));
  const database = await openHubDb({ kind: 'pglite', dataDir: building });
  await database.close();
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/** A first PGlite cluster takes seconds to initialise on a busy machine. */
export const HUB_START_TIMEOUT = 90_000;

export interface TestCredential {
  key: string;
  secret: string;
  auth: string;
}

export interface TestHub {
  url: string;
  database: OpenedHubDb;
  credential(role: CredentialRole, name?: string): Promise<TestCredential>;
  /**
   * Enrols a device through POST /enrol, as the app does, with a code made for no one in particular; `bound`
   * makes the code for that email, as a second device of an enrolled learner needs.
   */
  enrolDevice(
    email: string,
    learnerId?: string,
    options?: { bound?: boolean; team?: string },
  ): Promise<TestCredential & { agent: Record<string, unknown> }>;
  close(): Promise<void>;
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** A real hub on 127.0.0.1 and a free port, over a real database of its own. */
export async function startTestHub(
  backend: 'pglite' | 'postgres',
  options: Partial<Omit<HubOptions, 'database'>> = {},
): Promise<TestHub> {
  const made = await makeTestDatabase(backend);
  return startHubOver(made.target, options, made.drop);
}

/** A real hub over a given database; `drop` runs after it closes (a kept bench database passes none). */
export async function startHubOver(
  target: DatabaseTarget,
  options: Partial<Omit<HubOptions, 'database'>> = {},
  drop: () => Promise<void> = async () => {},
): Promise<TestHub> {
  const database = await openHubDb(target);
  const app = buildHub({ database, logger: false, maxAuthFailures: 1_000, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    database,
    async credential(role, name = `test ${role}`) {
      const issued = await createCredential(database.db, { name, role }, 'test', new Date());
      return { key: issued.key, secret: issued.secret, auth: basicAuth(issued.key, issued.secret) };
    },
    async enrolDevice(email, learnerId, options = {}) {
      const { code } = await createEnrolmentCode(
        database.db,
        60_000,
        'test',
        new Date(),
        options.bound ? email : null,
        options.team ?? null,
      );
      const response = await fetch(`${url}/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: email.split('@')[0], email, ...(learnerId ? { learnerId } : {}) }),
      });
      if (response.status !== 201)
        throw new Error(`enrol failed: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { key: string; secret: string; agent: Record<string, unknown> };
      return {
        key: body.key,
        secret: body.secret,
        auth: basicAuth(body.key, body.secret),
        agent: body.agent,
      };
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** fetch against the hub's xAPI with the version header and a credential. */
export function xapiFetch(hub: { url: string }, auth: string | null) {
  return async (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { 'x-experience-api-version': '2.0.0', ...init.headers };
    if (auth) headers['authorization'] = auth;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${hub.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body:
        init.body === undefined
          ? null
          : typeof init.body === 'string' || Buffer.isBuffer(init.body)
            ? (init.body as string)
            : JSON.stringify(init.body),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      json = text;
    }
    return { status: response.status, headers: response.headers, json: json as never, text, bytes };
  };
}
