/** Where an autosaving form stands; drafts and the profile say it in the same words. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';

export const saveStateWords: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Not saved yet',
  saving: 'Saving…',
  failed: 'Not saved',
};
