import { BrowserWindow, dialog } from 'electron';
import type { HostPlatform } from '../core/platform';

/** The desktop's own dialogs, for the services that need them. */
export const electronPlatform: HostPlatform = {
  async chooseFile({ title, filters }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { title, filters, properties: ['openFile' as const] };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};
