import { existsSync, statSync } from 'node:fs';
import { inArray } from 'drizzle-orm';
import {
  Preferences,
  type AppInfo,
  type HostKind,
  type PreferencesPatch,
} from '../../src-shared/api/schemas';
import type { DatabaseHandle } from '../db/open';
import { preferences } from '../db/schema';

export const defaultPreferences: Preferences = { theme: 'system', lastScreen: '#/learn' };

export interface SettingsDeps {
  database: DatabaseHandle;
  dataDir: string;
  host: HostKind;
  version: string;
  now: () => Date;
}

export interface SettingsService {
  getAppInfo(): AppInfo;
  getPreferences(): Preferences;
  updatePreferences(patch: PreferencesPatch): Preferences;
}

export function createSettingsService(deps: SettingsDeps): SettingsService {
  const { db } = deps.database;
  const keys = Object.keys(defaultPreferences) as (keyof Preferences)[];

  function getPreferences(): Preferences {
    const rows = db.select().from(preferences).where(inArray(preferences.key, keys)).all();
    const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    // A value that no longer fits (written by an older build, or edited by hand) falls back to its default.
    const merged: Record<string, unknown> = { ...defaultPreferences };
    for (const key of keys) {
      const candidate = Preferences.shape[key].safeParse(stored[key]);
      if (candidate.success) merged[key] = candidate.data;
    }
    return Preferences.parse(merged);
  }

  return {
    getAppInfo: () => ({
      name: 'Advocate Studio',
      version: deps.version,
      host: deps.host,
      dataDir: deps.dataDir,
      databaseFile: deps.database.file,
      databaseBytes: fileSize(deps.database.file) + fileSize(`${deps.database.file}-wal`),
      schemaVersion: deps.database.schemaVersion,
    }),

    getPreferences,

    updatePreferences(patch) {
      const updatedAt = deps.now();
      db.transaction((tx) => {
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          tx.insert(preferences)
            .values({ key, value, updatedAt })
            .onConflictDoUpdate({ target: preferences.key, set: { value, updatedAt } })
            .run();
        }
      });
      return getPreferences();
    },
  };
}

function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}
