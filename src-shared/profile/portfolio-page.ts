import { escapeHtml, renderSafeMarkdown } from './safe-markdown';
import { expertiseLevelLabels, linkLabels, portfolioKindLabel } from './labels';
import type { ProfileView } from './visibility';

export const PORTFOLIO_PAGE_STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #56606b; --line: #d8dde3; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
header.intro { display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; border-bottom: 1px solid var(--line); padding-bottom: 1.5rem; }
header.intro img { width: 7rem; height: 7rem; border-radius: 50%; object-fit: cover; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0; }
.headline { font-size: 1.15rem; color: var(--muted); margin: .25rem 0 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
h3, h4, h5, h6 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
a { color: var(--accent); }
ul.links, ul.topics { list-style: none; padding: 0; margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
ul.topics li { border: 1px solid var(--line); border-radius: 999px; padding: .1rem .75rem; }
.expertise, .portfolio { list-style: none; padding: 0; margin: 0; }
.expertise li, .portfolio li { padding: .75rem 0; border-bottom: 1px solid var(--line); }
.expertise p, .portfolio p { margin: .15rem 0; }
.meta { color: var(--muted); font-size: .9rem; }
.item-title { font-weight: 600; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media (max-width: 30rem) { h1 { font-size: 1.6rem; } header.intro img { width: 5rem; height: 5rem; } }
@media print {
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; color: var(--muted); word-break: break-all; }
  li { break-inside: avoid; }
}
`.trim();

/** SHA-256 of the style above, base64; portfolio-page-csp.test.ts recomputes it and says the new value. */
export const PORTFOLIO_PAGE_STYLE_SHA256 = '1De9JF5k5W/YVGOvi4ICLXgep/bIC5gJz/51OKzw8wU=';

/**
 * The policy of the exported page: no scripts, no connections, nothing from elsewhere; only its own style
 * (allowed by its hash, not by 'unsafe-inline') and images embedded as data: URLs.
 */
export const PORTFOLIO_PAGE_CSP = `default-src 'none'; style-src 'sha256-${PORTFOLIO_PAGE_STYLE_SHA256}'; img-src data:; base-uri 'none'; form-action 'none'`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const date = (iso: string) => iso.slice(0, 10);
/** "25 Nov 2026": the same on every machine, whatever its locale. */
function readableDate(iso: string): string {
  const [year, month, day] = date(iso).split('-').map(Number);
  return `${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''} ${year ?? ''}`;
}

function expertiseSection(view: ProfileView): string {
  if (view.expertise.length === 0) return '';
  const items = view.expertise.map((area) => {
    const evidence = [area.evidence, ...area.evidenceTitles].filter(Boolean).map(escapeHtml).join(' · ');
    return `<li><p class="item-title">${escapeHtml(area.name)}</p><p class="meta">${expertiseLevelLabels[area.level]}</p>${
      evidence ? `<p>${evidence}</p>` : ''
    }</li>`;
  });
  return `<section aria-labelledby="expertise"><h2 id="expertise">Expertise</h2><ul class="expertise">${items.join('')}</ul></section>`;
}

function portfolioSection(view: ProfileView): string {
  if (view.portfolio.length === 0) return '';
  const items = view.portfolio.map((item) => {
    const title = item.url
      ? `<a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a>`
      : escapeHtml(item.title);
    const description = item.description ? `<p>${escapeHtml(item.description)}</p>` : '';
    return `<li><p class="item-title">${title}</p><p class="meta">${escapeHtml(
      portfolioKindLabel(item.kind, item.channel),
    )} · <time datetime="${escapeHtml(date(item.date))}">${escapeHtml(readableDate(item.date))}</time></p>${description}</li>`;
  });
  return `<section aria-labelledby="portfolio"><h2 id="portfolio">Portfolio</h2><ul class="portfolio">${items.join('')}</ul></section>`;
}

/**
 * One self-contained HTML file of the public profile: inline CSS, no scripts, a strict CSP, readable on a
 * phone and in print. Pass it the public view (profileFor('public', …)); it shows whatever it is given.
 */
export function portfolioPage(view: ProfileView, generatedAt: Date): string {
  const name = view.name ?? 'Portfolio';
  const photo = view.photo?.startsWith('data:image/')
    ? `<img src="${escapeHtml(view.photo)}" alt="Photo of ${escapeHtml(name)}">`
    : '';
  const links = view.links.length
    ? `<ul class="links" aria-label="Links">${view.links
        .map((link) => `<li><a href="${escapeHtml(link.url)}" rel="me">${linkLabels[link.kind]}</a></li>`)
        .join('')}</ul>`
    : '';
  const topics = view.topics.length
    ? `<section aria-labelledby="topics"><h2 id="topics">Speaks and writes about</h2><ul class="topics">${view.topics
        .map((topic) => `<li>${escapeHtml(topic)}</li>`)
        .join('')}</ul></section>`
    : '';
  const bio = view.bio
    ? `<section aria-labelledby="about"><h2 id="about">About</h2>${renderSafeMarkdown(view.bio)}</section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PORTFOLIO_PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(name)}</title>
<style>${PORTFOLIO_PAGE_STYLE}</style>
</head>
<body>
<main>
<header class="intro">${photo}<div><h1>${escapeHtml(name)}</h1>${
    view.headline ? `<p class="headline">${escapeHtml(view.headline)}</p>` : ''
  }${links}</div></header>
${bio}
${topics}
${expertiseSection(view)}
${portfolioSection(view)}
<footer><p>Made with Advocate Studio on ${readableDate(generatedAt.toISOString())}.</p></footer>
</main>
</body>
</html>
`;
}
