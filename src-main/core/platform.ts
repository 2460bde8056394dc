/**
 * What only some hosts can do. The Electron shell implements it with Electron's APIs; the browser host
 * leaves out what a web page does for itself (it uploads files instead of opening a native dialog).
 * Services receive this instead of importing electron.
 */
export interface HostPlatform {
  /** Asks the person to choose a file; resolves to its path, or null when they cancel. */
  chooseFile?(options: {
    title: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<string | null>;
  /** Prints the window's current page to a PDF the person saves; resolves to its path, or null. */
  savePageAsPdf?(suggestedName: string): Promise<string | null>;
  /**
   * Encrypts a secret with the operating system's keychain (Electron's safeStorage), as base64; null when the
   * system offers no keychain, and the sync falls back to its key file (src-main/sync/secrets.ts).
   */
  protectSecret?(plain: string): Promise<string | null>;
  /** Decrypts what protectSecret returned. */
  unprotectSecret?(sealed: string): Promise<string>;
  /** An invitation link (`advocate-studio://connect?…`) the operating system opened the app with, once. */
  takeInvitationLink?(): string | null;
}
