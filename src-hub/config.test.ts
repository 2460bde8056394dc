import { describe, expect, it } from 'vitest';
import { parseHubArgs, UsageError } from './config';

describe('parseHubArgs', () => {
  it('serves on PGlite by default and on PostgreSQL when DATABASE_URL is set', () => {
    const local = parseHubArgs(['--port', '9000', '--data-dir', '/tmp/hub'], {});
    expect(local).toMatchObject({
      command: { kind: 'serve' },
      port: 9000,
      database: { kind: 'pglite', dataDir: '/tmp/hub' },
    });
    const shared = parseHubArgs([], { DATABASE_URL: 'postgres://db/hub' });
    expect(shared.database).toEqual({ kind: 'postgres', url: 'postgres://db/hub' });
  });

  it('reads admin commands with their options', () => {
    expect(parseHubArgs(['credentials', 'create', '--name', 'Tom', '--role', 'trainer'], {})).toMatchObject({
      command: { kind: 'credentials-create', name: 'Tom' },
      role: 'trainer',
    });
    expect(parseHubArgs(['credentials', 'revoke', 'ak_1'], {}).command).toEqual({
      kind: 'credentials-revoke',
      key: 'ak_1',
    });
    expect(parseHubArgs(['enrolment', 'create', '--expires', '12h'], {}).expiresInMs).toBe(12 * 3_600_000);
    expect(parseHubArgs(['enrolment', 'create', '--email', 'ada@example.com'], {}).email).toBe(
      'ada@example.com',
    );
    expect(parseHubArgs(['enrolment', 'create', '--team', ' Platform '], {}).team).toBe('Platform');
    expect(parseHubArgs(['enrolment', 'create'], {}).team).toBeNull();
  });

  it('trusts no proxy unless told which, by flag or environment', () => {
    expect(parseHubArgs([], {}).trustProxy).toBe(false);
    expect(parseHubArgs(['--trust-proxy', '10.0.0.0/8, 127.0.0.1'], {}).trustProxy).toBe(
      '10.0.0.0/8,127.0.0.1',
    );
    expect(parseHubArgs([], { HUB_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(parseHubArgs(['--trust-proxy', '1'], {}).trustProxy).toBe(1);
    expect(parseHubArgs(['--trust-proxy', 'true'], {}).trustProxy).toBe(true);
  });

  it('allows no cross-origin browser clients unless told which origins, by flag or environment', () => {
    expect(parseHubArgs([], {}).corsOrigins).toEqual([]);
    expect(
      parseHubArgs(['--cors-origins', 'https://lms.example.com, http://localhost:8080'], {}).corsOrigins,
    ).toEqual(['https://lms.example.com', 'http://localhost:8080']);
    expect(parseHubArgs([], { HUB_CORS_ORIGINS: 'https://LMS.example.com' }).corsOrigins).toEqual([
      'https://lms.example.com',
    ]);
  });

  it.each([
    [['--cors-origins', 'https://lms.example.com/xapi'], /--cors-origins takes/],
    [['--cors-origins', '*'], /--cors-origins takes/],
    [['--trust-proxy', 'proxy.example.com'], /--trust-proxy takes/],
    [['--port', 'eighty'], /--port/],
    [['credentials', 'create'], /needs --name/],
    [['credentials', 'create', '--name', 'X', '--role', 'admin'], /--role/],
    [['enrolment', 'create', '--expires', '400d'], /--expires/],
    [['credentials', 'revoke'], /unknown command/],
    [['--colour'], /Unknown option/],
    [['enrolment', 'create', '--email', 'ada'], /--email/],
  ])('refuses %j', (args, message) => {
    expect(() => parseHubArgs(args, {})).toThrow(UsageError);
    expect(() => parseHubArgs(args, {})).toThrow(message);
  });
});
