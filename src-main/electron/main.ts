// The Electron shell: window, menu, security settings, the IPC transport. Everything else is in the
// services under src-main, which never import electron and run the same in the browser host.
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_CHANNEL } from '../../src-shared/api/bridge';
import type { CallResult } from '../../src-shared/api/errors';
import { parseHostArgs } from '../core/args';
import { startAppCore, type AppCore } from '../core/app';
import { createConsoleLogger } from '../core/logger';
import { appFiles, resolveDataDir } from '../core/paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { INVITATION_SCHEME } from '../../src-shared/sync/invitation';
import { electronPlatform, receiveInvitationLink } from './platform';
import { APP_ORIGIN, isExternalWebUrl, isTrustedRendererUrl } from './url-policy';
import { loadWindowState, placeOnDisplays, saveWindowState, type WindowState } from './window-state';

const logger = createConsoleLogger();
const args = parseHostArgs(process.argv.slice(1));
const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const files = appFiles(appRoot, app.isPackaged ? process.resourcesPath : undefined);
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
let core: AppCore | null = null;
let mainWindow: BrowserWindow | null = null;

if (args.dataDir !== undefined || process.env['ADVOCATE_DATA_DIR']) {
  app.setPath('userData', resolveDataDir(args.dataDir));
}

// Checklist 4 and 16: every renderer sandboxed, and one instance per user so one process owns the database.
app.enableSandbox();
registerAppScheme();
// Invitation links (advocate-studio://connect?…) open the app; the link reaches the window as data, through
// the sync's takeInvitation call, never as a navigation. Windows and Linux pass it in argv, macOS as open-url.
const invitationIn = (argv: string[]) => argv.find((arg) => arg.startsWith(`${INVITATION_SCHEME}://`));
app.setAsDefaultProtocolClient(INVITATION_SCHEME);
app.on('open-url', (event, url) => {
  event.preventDefault();
  if (url.startsWith(`${INVITATION_SCHEME}://`)) receiveInvitationLink(url);
  mainWindow?.focus();
});
const launchedWith = invitationIn(process.argv);
if (launchedWith) receiveInvitationLink(launchedWith);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const link = invitationIn(argv);
    if (link) receiveInvitationLink(link);
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    core = await startAppCore({
      dataDir: app.getPath('userData'),
      migrationsDir: files.migrationsDir,
      bundledPacksDir: files.bundledPacksDir,
      host: 'electron',
      platform: electronPlatform,
      version: app.getVersion(),
      logger,
    });
  } catch (error) {
    fail(error);
    return;
  }
  const dispatch = core.dispatch;
  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, input: unknown): Promise<CallResult<unknown>> => {
    if (!isTrustedRendererUrl(event.senderFrame?.url ?? '', devServerUrl)) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app’s own pages.' },
      };
    }
    return dispatch(String(name), input);
  });

  // Checklist 5: the app asks for no permissions, so none is granted (copying to the clipboard aside).
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  );
  serveRenderer(files.rendererDir);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }]),
  );
  mainWindow = createWindow();
}

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = placeOnDisplays(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Advocate Studio',
    icon: join(appRoot, 'resources', 'icon.png'),
    webPreferences: {
      preload: join(appRoot, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => saveWindowState(stateFile, currentState(window)));
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

function currentState(window: BrowserWindow): WindowState {
  const bounds = window.getNormalBounds();
  return { ...bounds, maximized: window.isMaximized() };
}

// Checklist 13-15: no new windows, no navigation away, no <webview>; web links go to the OS browser.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isTrustedRendererUrl(url, devServerUrl)) return;
    event.preventDefault();
    if (isExternalWebUrl(url)) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  core?.close();
  core = null;
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  logger.error('Advocate Studio could not start', error);
  dialog.showErrorBox('Advocate Studio could not start', message);
  app.exit(1);
}
