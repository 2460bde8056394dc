import { z } from 'zod';

export const themeChoices = ['system', 'light', 'dark'] as const;
export const ThemeChoice = z.enum(themeChoices);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

export const Preferences = z.object({
  theme: ThemeChoice,
});
export type Preferences = z.infer<typeof Preferences>;

export const PreferencesPatch = Preferences.partial().strict();
export type PreferencesPatch = z.infer<typeof PreferencesPatch>;

export const HostKind = z.enum(['electron', 'browser']);
export type HostKind = z.infer<typeof HostKind>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: HostKind,
  dataDir: z.string(),
  databaseFile: z.string(),
  /** The database file plus its write-ahead log, in bytes. */
  databaseBytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The person learning on this device, named on certificates and in completion records. */
export const Learner = z.object({ id: z.string(), name: z.string() });
export type Learner = z.infer<typeof Learner>;

export const LearnerPatch = z.strictObject({ name: z.string().trim().min(1, 'enter a name').max(100) });
