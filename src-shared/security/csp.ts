/**
 * The Content-Security-Policy of every page the app shows (Electron security checklist, section 7):
 * scripts, styles and connections only from the app itself, nothing inline, no plugins, no framing.
 * The browser host sends it as a header; the Electron build puts it in index.html.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
