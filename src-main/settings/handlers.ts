import type { DomainHandlers } from '../api/dispatch';
import type { SettingsService } from './service';

export function settingsHandlers(
  settings: SettingsService,
): DomainHandlers<'getAppInfo' | 'getPreferences' | 'updatePreferences'> {
  return {
    getAppInfo: () => settings.getAppInfo(),
    getPreferences: () => settings.getPreferences(),
    updatePreferences: (patch) => settings.updatePreferences(patch),
  };
}
