import { z } from 'zod';
import { ApiError } from '../api/errors';

export const UploadRef = z.strictObject({ uploadId: z.uuid() });

export const ChosenFile = z.object({ uploadId: z.uuid(), name: z.string() }).nullable();
export type ChosenFile = z.infer<typeof ChosenFile>;

export const ImportJobRef = z.strictObject({ jobId: z.uuid() });

export const InstallResult = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  upgradedFrom: z.string().nullable(),
  /** What an upgrade changed, in a line; null for a first install. */
  changes: z.string().nullable(),
  items: z.number().int(),
  warnings: z.array(z.string()),
});
export type InstallResult = z.infer<typeof InstallResult>;

export const ImportPhase = z.enum(['extracting', 'checking', 'installing']);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), phase: ImportPhase, done: z.number(), total: z.number() }),
  z.object({ state: z.literal('done'), result: InstallResult }),
  z.object({ state: z.literal('failed'), error: ApiError }),
]);
export type ImportStatus = z.infer<typeof ImportStatus>;
