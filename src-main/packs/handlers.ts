import { basename } from 'node:path';
import { AppError } from '../../src-shared/api/errors';
import type { DomainHandlers } from '../api/dispatch';
import type { HostPlatform } from '../core/platform';
import type { Catalogue } from '../training/catalogue';
import type { ImportJobs } from './imports';
import { dismissCourseUpdate, getCourseUpdateNotice, listPackUpdates } from './changes';
import { removePack, type PackStoreDeps } from './install';

export function packHandlers(
  deps: PackStoreDeps,
  catalogue: Catalogue,
  imports: ImportJobs,
  platform: HostPlatform,
): DomainHandlers<
  | 'listPacks'
  | 'removePack'
  | 'choosePackFile'
  | 'startPackImport'
  | 'getPackImport'
  | 'listPackUpdates'
  | 'getCourseUpdate'
  | 'dismissCourseUpdate'
> {
  return {
    listPacks: () => catalogue.listPacks(),
    removePack: ({ packId, forgetProgress }) => {
      removePack(deps, packId, forgetProgress);
      return { removed: packId };
    },
    choosePackFile: async () => {
      if (!platform.chooseFile) {
        throw new AppError(
          'FORBIDDEN',
          'This window has no file dialog; choose the file in the page instead.',
        );
      }
      const file = await platform.chooseFile({
        title: 'Import a course pack',
        filters: [{ name: 'Course packs', extensions: ['zip'] }],
      });
      if (file === null) return null;
      const name = basename(file);
      return { uploadId: imports.registerUpload({ file, name, temporary: false }), name };
    },
    startPackImport: ({ uploadId }) => ({ jobId: imports.start(uploadId) }),
    getPackImport: ({ jobId }) => imports.status(jobId),
    listPackUpdates: () => listPackUpdates(deps),
    getCourseUpdate: ({ packId, courseId }) => getCourseUpdateNotice(deps, packId, courseId),
    dismissCourseUpdate: ({ packId, courseId }) => {
      dismissCourseUpdate(deps, packId, courseId);
      return { dismissed: courseId };
    },
  };
}
