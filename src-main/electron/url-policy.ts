/** The scheme the renderer is served from inside Electron (a custom protocol, not file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://advocate`;

/** Only http(s) links leave the app, and only to the OS browser (Electron security checklist, 14/15). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** IPC is answered only for frames showing our own pages (checklist 17: validate the sender). */
export function isTrustedRendererUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`)) return true;
    return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
