/**
 * The badge picture of a course (OB 3.0 #image on the Achievement), drawn as SVG from its title when the
 * pack has no picture, so wallets show the course rather than a placeholder. Deterministic: the same title
 * gives the same image, and so the same signed bytes.
 */

/** A `data:image/svg+xml` URI (RFC 2397), percent-encoded so it is a URI without whitespace. */
export function courseBadgeImage(courseTitle: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(courseBadgeSvg(courseTitle))}`;
}

export function courseBadgeSvg(courseTitle: string): string {
  const hue = hash(courseTitle) % 360;
  const initials = courseTitle
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => (word[0] ?? '').toUpperCase())
    .join('');
  const lines = wrap(courseTitle, 18).slice(0, 3);
  const text = lines
    .map(
      (line, i) =>
        `<text x="128" y="${180 + i * 18}" font-size="15" text-anchor="middle" fill="#fff">${escapeXml(line)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="${escapeXml(courseTitle)}">` +
    `<title>${escapeXml(courseTitle)}</title>` +
    `<circle cx="128" cy="128" r="124" fill="hsl(${hue} 55% 32%)"/>` +
    `<circle cx="128" cy="128" r="112" fill="none" stroke="#fff" stroke-width="3" stroke-opacity="0.7"/>` +
    `<text x="128" y="118" font-family="sans-serif" font-size="64" font-weight="700" text-anchor="middle" fill="#fff">${escapeXml(initials || '★')}</text>` +
    `<g font-family="sans-serif">${text}</g>` +
    `</svg>`
  );
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** FNV-1a over UTF-16 code units: a stable colour per title. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
