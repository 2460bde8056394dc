import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, safeStorage } from 'electron';
import type { HostPlatform } from '../core/platform';

let pendingInvitation: string | null = null;

/** Keeps the invitation link the operating system opened the app with, until the window takes it. */
export function receiveInvitationLink(link: string): void {
  pendingInvitation = link;
}

/** The desktop's own dialogs, for the services that need them. */
export const electronPlatform: HostPlatform = {
  takeInvitationLink() {
    const link = pendingInvitation;
    pendingInvitation = null;
    return link;
  },

  async chooseFile({ title, filters }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { title, filters, properties: ['openFile' as const] };
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },

  async savePageAsPdf(suggestedName) {
    const window = BrowserWindow.getFocusedWindow();
    if (!window) return null;
    const pdf = await window.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      landscape: true,
    });
    const target = await dialog.showSaveDialog(window, {
      defaultPath: suggestedName,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (target.canceled || !target.filePath) return null;
    await writeFile(target.filePath, pdf);
    return target.filePath;
  },

  async protectSecret(plain) {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
    // On Linux without a keyring safeStorage "encrypts" with a hard-coded password: no better than the key file.
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
    return (await safeStorage.encryptStringAsync(plain)).toString('base64');
  },

  async unprotectSecret(sealed) {
    return (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result;
  },
};
