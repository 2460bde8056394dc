import { CallResultEnvelope } from '../../../src-shared/api/errors';
import { ChosenFile } from '../../../src-shared/packs/imports';
import { ApiFailure } from './api';
import { readAccessToken } from './access-token';

export type Chosen = NonNullable<ChosenFile>;

/** Sends a file to the browser host's upload endpoint, reporting progress as it goes. */
export function uploadFile(file: File, onProgress: (sent: number, total: number) => void): Promise<Chosen> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
    request.setRequestHeader('Authorization', `Bearer ${readAccessToken(window.sessionStorage) ?? ''}`);
    request.setRequestHeader('Content-Type', 'application/zip');
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onerror = () =>
      reject(new ApiFailure({ code: 'UNREACHABLE', message: 'The upload was interrupted.' }));
    request.onload = () => {
      let envelope;
      try {
        envelope = CallResultEnvelope.parse(JSON.parse(request.responseText));
      } catch {
        reject(
          new ApiFailure({
            code: 'UNREACHABLE',
            message: `The upload got an unreadable reply (${request.status}).`,
          }),
        );
        return;
      }
      if (!envelope.ok) reject(new ApiFailure(envelope.error));
      else resolve(ChosenFile.unwrap().parse(envelope.value));
    };
    request.send(file);
  });
}

/** Electron opens the desktop's file dialog; a browser page chooses with a file input and uploads. */
export const hasNativeFileDialog = (): boolean => window.advocate !== undefined;
