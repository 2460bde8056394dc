import type { DomainHandlers } from '../api/dispatch';
import type { SettingsService } from './service';
import type { DatabaseHandle } from '../db/open';
import { createLearnerStore } from './learner';

export function settingsHandlers(
  settings: SettingsService,
  database: DatabaseHandle,
  now: () => Date,
): DomainHandlers<
  'getAppInfo' | 'getPreferences' | 'updatePreferences' | 'getLearner' | 'updateLearner' | 'skipWelcome'
> {
  const learner = createLearnerStore({ db: database.db, now });
  return {
    getAppInfo: () => settings.getAppInfo(),
    getPreferences: () => settings.getPreferences(),
    updatePreferences: (patch) => settings.updatePreferences(patch),
    getLearner: () => learner.get(),
    updateLearner: (patch) => learner.update(patch),
    skipWelcome: () => learner.skipWelcome(),
  };
}
