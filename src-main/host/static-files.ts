import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Resolves a URL path to a file inside the built renderer, or null. Only known file types are
 * served, and nothing outside `rendererDir` can be named (no `..`, no encoded separators).
 */
export function resolveStaticFile(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part === '..' || part === '.')) return null;
  const full = normalize(join(rendererDir, relative));
  if (!full.startsWith(normalize(rendererDir) + sep)) return null;
  if (!(extname(full) in contentTypes)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

export function sendStaticFile(res: ServerResponse, file: string, headOnly: boolean): void {
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    // Built assets carry a content hash in their name; index.html must always be fresh.
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (headOnly) res.end();
  else createReadStream(file).pipe(res);
}
