import { z } from 'zod';

export const themeChoices = ['system', 'light', 'dark'] as const;
export const ThemeChoice = z.enum(themeChoices);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

export const Preferences = z.object({
  theme: ThemeChoice,
  /** The screen the person was last on (`#/write/…`): a new launch reopens there rather than on Learn. */
  lastScreen: z
    .string()
    .max(300)
    .regex(/^#\/[A-Za-z0-9/%._~-]*$/, 'a screen in the app, such as #/write'),
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
export const Learner = z.object({
  id: z.string(),
  /** "Learner" until the person gives a name. */
  name: z.string(),
  /** Whether the person gave this name: certificates are issued only under a name they gave. */
  named: z.boolean(),
  /** Optional, from the welcome: offered when connecting to the company's hub. */
  email: z.string().nullable(),
  /** Optional, from the welcome: the profile's headline until the person writes one. */
  role: z.string().nullable(),
  /** Whether the first-run welcome was answered or skipped. */
  welcomed: z.boolean(),
});
export type Learner = z.infer<typeof Learner>;

/** Optional fields: an empty one is cleared, a missing one left as it is. */
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const LearnerPatch = z.strictObject({
  name: z.string().trim().min(1, 'enter a name').max(100),
  email: optionalText(254).refine(
    (email) => !email || z.email().safeParse(email).success,
    'enter a work email like name@company.com, or leave it empty',
  ),
  role: optionalText(100),
});
export type LearnerPatch = z.input<typeof LearnerPatch>;
