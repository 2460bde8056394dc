import type { DomainHandlers } from '../api/dispatch';
import type { SettingsService } from './service';
import type { DatabaseHandle } from '../db/open';
import { localLearner, renameLearner } from '../training/statements';

export function settingsHandlers(
  settings: SettingsService,
  database: DatabaseHandle,
  now: () => Date,
): DomainHandlers<'getAppInfo' | 'getPreferences' | 'updatePreferences' | 'getLearner' | 'updateLearner'> {
  return {
    getAppInfo: () => settings.getAppInfo(),
    getPreferences: () => settings.getPreferences(),
    updatePreferences: (patch) => settings.updatePreferences(patch),
    getLearner: () => localLearner(database.db, now),
    updateLearner: ({ name }) => renameLearner(database.db, now, name),
  };
}
