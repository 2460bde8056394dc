import { describe, expect, it } from 'vitest';
import { isExternalWebUrl, isTrustedRendererUrl } from './url-policy';

describe('url policy', () => {
  it('sends only http(s) web addresses to the OS browser', () => {
    expect(isExternalWebUrl('https://example.com/post')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'app://advocate/index.html',
      'not a url',
      'https://',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });

  it('trusts only the app’s own pages, and the dev server only when one is running', () => {
    expect(isTrustedRendererUrl('app://advocate/index.html', undefined)).toBe(true);
    expect(isTrustedRendererUrl('app://advocate/index.html#/write', undefined)).toBe(true);
    expect(isTrustedRendererUrl('app://other/index.html', undefined)).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/', undefined)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/#/learn', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
