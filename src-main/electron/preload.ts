// The whole bridge between the sandboxed page and the main process: one function, one channel.
// (Electron security checklist 3 and 20: context isolation, and no raw ipcRenderer for the page.)
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, type AdvocateBridge } from '../../src-shared/api/bridge';

const bridge: AdvocateBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, String(name), input),
};

contextBridge.exposeInMainWorld('advocate', bridge);
