import { describe, expect, it } from 'vitest';
import { ariaShortcut, formatActions, keymapKey, shortcutText, type FormatAction } from './format-shortcuts';

function action(name: string): FormatAction {
  const found = formatActions.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No toolbar action ${name}`);
  return found;
}

describe('format shortcuts', () => {
  it('are said the way each platform writes them', () => {
    expect(shortcutText(action('bold'), 'Linux x86_64')).toBe('Ctrl+B');
    expect(shortcutText(action('bulletList'), 'Win32')).toBe('Ctrl+Shift+8');
    expect(shortcutText(action('heading'), 'MacIntel')).toBe('⌘⌥2');
    expect(ariaShortcut(action('quote'), 'Linux x86_64')).toBe('Control+Shift+.');
    expect(ariaShortcut(action('link'), 'MacIntel')).toBe('Meta+K');
    expect(keymapKey(action('italic'))).toBe('Mod-i');
  });

  it('are all different', () => {
    const keys = formatActions.map(keymapKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
