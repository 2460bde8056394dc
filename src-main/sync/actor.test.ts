import { describe, expect, it } from 'vitest';
import { buildStatement } from '../../src-shared/xapi/statements';
import type { Connection } from './connections';
import { forConnection } from './actor';

const statement = buildStatement({
  id: '6f1c2f0e-8d7e-4a39-9a5e-2b4b8f0c1d2e',
  timestamp: new Date('2026-11-25T10:00:00Z'),
  learner: { id: 'device-learner', name: 'Ada' },
  verb: 'completed',
  object: { kind: 'lesson', packId: 'p', id: 'l', title: 'L' },
}) as unknown as Record<string, unknown>;

const connection = (kind: 'hub' | 'lrs', accountName: string) =>
  ({
    kind,
    agent: {
      objectType: 'Agent',
      name: 'Ada L.',
      account: { homePage: 'https://advocate.studio/learners', name: accountName },
    },
  }) as unknown as Connection;

describe('forConnection', () => {
  it('sends the statement unchanged when the hub bound the device to the app’s own learner id', () => {
    expect(forConnection(statement, connection('hub', 'device-learner'))).toBe(statement);
  });

  it('uses the hub’s account when the hub already knew the learner under another id, the same way every time', () => {
    const sent = forConnection(statement, connection('hub', 'hub-learner'));
    expect(sent['actor']).toEqual({
      objectType: 'Agent',
      name: 'Ada',
      account: { homePage: 'https://advocate.studio/learners', name: 'hub-learner' },
    });
    expect(sent['id']).toBe(statement['id']);
    expect(forConnection(statement, connection('hub', 'hub-learner'))).toEqual(sent);
  });

  it('leaves statements for a third-party LRS as they are', () => {
    expect(forConnection(statement, connection('lrs', 'other'))).toBe(statement);
  });
});
