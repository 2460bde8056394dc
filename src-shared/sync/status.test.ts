import { describe, expect, it } from 'vitest';
import type { SyncStatus } from './schemas';
import { ServerUrl } from './schemas';
import { problemWords, syncHeadline, untilWords } from './status';

const base: SyncStatus = {
  connection: null,
  pending: 0,
  otherCompany: null,
  keptLocal: 0,
  conflicts: [],
  running: false,
  progress: null,
  packPull: null,
  packFailures: [],
  lastSuccessAt: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  stopped: false,
  problem: null,
};
const hub = {
  kind: 'hub' as const,
  url: 'https://hub.example.com/',
  email: 'a@b.c',
  connectedAt: '2026-11-25T10:00:00.000Z',
};

describe('sync status words', () => {
  it('says where records made before connecting will go', () => {
    expect(syncHeadline({ ...base, pending: 3 })).toBe(
      'Not connected. 3 records will go to the first company you connect to.',
    );
    expect(syncHeadline(base)).toBe('Not connected. Everything you do stays on this device.');
  });

  it('shows progress, waiting and up to date', () => {
    expect(
      syncHeadline({ ...base, connection: hub, running: true, progress: { sent: 200, total: 10_000 } }),
    ).toBe('Sending 200 of 10000 records…');
    expect(syncHeadline({ ...base, connection: hub, pending: 1 })).toBe('1 record waiting to be sent.');
    expect(syncHeadline({ ...base, connection: hub })).toBe('Up to date.');
    expect(syncHeadline({ ...base, connection: hub, stopped: true })).toBe(
      'Sync has stopped until you reconnect.',
    );
  });

  it("tells the learner what to do when the hub rejects the device's key", () => {
    expect(problemWords('unauthorized', 'hub')).toMatch(
      /^The company hub rejected this device's key: ask your trainer for a new enrolment code/,
    );
  });

  it('says when the next attempt is', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(untilWords('2026-11-25T12:00:30Z', now)).toBe('in 30 seconds');
    expect(untilWords('2026-11-25T12:05:00Z', now)).toBe('in 5 minutes');
    expect(untilWords(null, now)).toBeNull();
  });
});

describe('ServerUrl', () => {
  it('normalises addresses and refuses what is not one', () => {
    expect(ServerUrl.parse('hub.example.com')).toBe('https://hub.example.com/');
    expect(ServerUrl.parse('http://127.0.0.1:8420/xapi?x=1#y')).toBe('http://127.0.0.1:8420/xapi/');
    expect(ServerUrl.safeParse('ftp://x').success).toBe(false);
    expect(ServerUrl.parse('http://localhost:8420')).toBe('http://localhost:8420/');
    expect(ServerUrl.parse('http://[::1]:8420/hub')).toBe('http://[::1]:8420/hub/');
    for (const clear of ['http://hub.example.com', 'http://10.0.0.5:8420', 'http://127.0.0.1.example.com']) {
      const refused = ServerUrl.safeParse(clear);
      expect(refused.success).toBe(false);
      expect(refused.error?.issues[0]?.message).toMatch(/^must start with https:\/\/: over plain http:\/\//);
    }
    expect(ServerUrl.safeParse('https://u:p@x').success).toBe(false);
  });
});
