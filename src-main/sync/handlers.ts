import { isNotNull } from 'drizzle-orm';
import type { DomainHandlers } from '../api/dispatch';
import type { AppDatabase } from '../db/open';
import { syncRecords } from '../db/schema';
import { connect, decideOtherRecords, disconnect, type ConnectionDeps } from './connections';
import type { SyncEngine } from './engine';
import { parseInvitation } from '../../src-shared/sync/invitation';
import type { HostPlatform } from '../core/platform';
import type { Logger } from '../core/logger';

export type SyncCalls =
  | 'getSyncStatus'
  | 'connectSync'
  | 'disconnectSync'
  | 'syncNow'
  | 'decideOtherSyncRecords'
  | 'retrySyncConflicts'
  | 'takeInvitation';

export function syncHandlers(
  engine: SyncEngine,
  deps: ConnectionDeps & { platform: HostPlatform; logger: Logger },
): DomainHandlers<SyncCalls> {
  return {
    takeInvitation: () => {
      const link = deps.platform.takeInvitationLink?.() ?? null;
      if (link === null) return null;
      const parsed = parseInvitation(link);
      if (!parsed.ok) deps.logger.info(`sync: ignored an invitation link: ${parsed.reason}`);
      return parsed.ok ? parsed.invitation : null;
    },
    getSyncStatus: () => engine.status(),
    connectSync: async (input) => {
      await connect(deps, input);
      engine.requestSync();
      return engine.status();
    },
    disconnectSync: () => {
      disconnect(deps.db, deps.now);
      return engine.status();
    },
    syncNow: async () => {
      await engine.syncNow();
      return engine.status();
    },
    decideOtherSyncRecords: ({ decision }) => {
      decideOtherRecords(deps.db, decision);
      if (decision === 'send') engine.requestSync();
      return engine.status();
    },
    retrySyncConflicts: async () => {
      clearConflicts(deps.db);
      await engine.syncNow();
      return engine.status();
    },
  };
}

/** Puts refused records back in the queue, for when the server or the app has been fixed. */
function clearConflicts(db: AppDatabase): void {
  db.update(syncRecords)
    .set({ conflictStatus: null, conflictMessage: null, conflictAt: null })
    .where(isNotNull(syncRecords.conflictStatus))
    .run();
}
