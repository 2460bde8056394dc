import { describe, expect, it } from 'vitest';
import { parseHostArgs, UsageError } from './args';
import { defaultDataDir, resolveDataDir } from './paths';

describe('command-line flags', () => {
  it('reads --port, --data-dir and --browser, ignoring switches that are not ours', () => {
    expect(
      parseHostArgs(['--port', '4312', '--data-dir', '/tmp/a', '--browser', '--enable-logging']),
    ).toEqual({
      port: 4312,
      dataDir: '/tmp/a',
      browser: true,
    });
    expect(parseHostArgs([])).toEqual({ port: 0, dataDir: undefined, browser: false });
  });

  it('explains a bad port in one line', () => {
    for (const bad of ['abc', '70000', '-1', '1.5']) {
      expect(() => parseHostArgs(['--port', bad])).toThrow(UsageError);
    }
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow('--port must be a whole number from 0 to 65535');
  });
});

describe('data folder', () => {
  it('prefers --data-dir, then ADVOCATE_DATA_DIR, then the per-user folder', () => {
    expect(resolveDataDir('/flag', { ADVOCATE_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { ADVOCATE_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, {})).toBe(defaultDataDir());
  });

  it('matches where Electron keeps userData on each system', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Advocate Studio');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ada')).toBe('/cfg/Advocate Studio');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Advocate Studio',
    );
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada'),
    ).toContain('Advocate Studio');
  });
});
