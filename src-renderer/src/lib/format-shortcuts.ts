import type { FormatCommandName } from './markdown-commands';

export interface FormatAction {
  name: FormatCommandName;
  label: string;
  /** The key after Ctrl (Cmd on a Mac), with Shift or Alt when they are part of it, as CodeMirror names it. */
  key: string;
}

/**
 * The toolbar's actions in order, with the shortcuts word processors and GitHub use for them (bold, italic,
 * link as everywhere; list and quote as on GitHub; a level-2 heading as in Google Docs).
 */
export const formatActions: readonly FormatAction[] = [
  { name: 'bold', label: 'Bold', key: 'b' },
  { name: 'italic', label: 'Italic', key: 'i' },
  { name: 'link', label: 'Link', key: 'k' },
  { name: 'heading', label: 'Heading', key: 'Alt-2' },
  { name: 'bulletList', label: 'Bulleted list', key: 'Shift-8' },
  { name: 'quote', label: 'Quote', key: 'Shift-.' },
];

/** The shortcut as CodeMirror's keymap takes it: `Mod` is Cmd on a Mac and Ctrl elsewhere. */
export function keymapKey(action: FormatAction): string {
  return `Mod-${action.key}`;
}

const isMac = (platform: string) => /mac|iphone|ipad/i.test(platform);

/** The shortcut as a person reads it: `Ctrl+Shift+8`, or `⌘⇧8` on a Mac. */
export function shortcutText(action: FormatAction, platform: string): string {
  const parts = action.key.split('-');
  const key = (parts.pop() ?? '').toUpperCase();
  if (isMac(platform)) {
    const symbols: Record<string, string> = { Shift: '⇧', Alt: '⌥' };
    return `⌘${parts.map((part) => symbols[part] ?? part).join('')}${key}`;
  }
  return ['Ctrl', ...parts, key].join('+');
}

/** The shortcut for `aria-keyshortcuts` (WAI-ARIA 1.2, §6.7): modifier names and the key, joined by `+`. */
export function ariaShortcut(action: FormatAction, platform: string): string {
  const parts = action.key.split('-');
  const key = parts.pop() ?? '';
  // aria-keyshortcuts names "." and "8" as they are typed; letters are upper case by convention.
  return [isMac(platform) ? 'Meta' : 'Control', ...parts, key.length === 1 ? key.toUpperCase() : key].join(
    '+',
  );
}
