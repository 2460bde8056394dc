// Generated course packs for the benchmarks: seeded, so every run measures the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pseudo-random bytes that do not compress, like the photos and screenshots real packs carry. */
export function randomBytes(random: () => number, size: number): Buffer {
  const words = new Uint32Array(Math.ceil(size / 4));
  for (let i = 0; i < words.length; i += 1) words[i] = Math.floor(random() * 4294967296);
  return Buffer.from(words.buffer, 0, size);
}

const WORDS = (
  'advocate story customer ticket engineer insight reader trust voice company practice draft post ' +
  'lesson module course example outage database network latency release feature support question ' +
  'answer explain share learn notice write publish review edit credible honest specific useful ' +
  'peer community forum blog thread audience context detail mistake fix root cause timeline team ' +
  'product service incident report metric graph benchmark migration upgrade version config deploy ' +
  'the a an of to in on for with about from by as at is are was were be been being have has had ' +
  'we you they it this that these those our your their what which when why how because so but and ' +
  'quickly carefully clearly openly rarely often always never usually sometimes plainly gently'
).split(' ');

export function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'word');
  return out.join(' ');
}

export function titleWords(random: () => number, count: number): string {
  const text = words(random, count);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Markdown of about `wordCount` words: headings, paragraphs and the odd list, plus any extra lines. */
export function lessonBody(random: () => number, wordCount: number, extra: readonly string[]): string {
  const blocks: string[] = [];
  let written = 0;
  while (written < wordCount) {
    const roll = random();
    if (roll < 0.15) {
      blocks.push(`## ${titleWords(random, 2 + Math.floor(random() * 4))}`);
    } else if (roll < 0.3) {
      const lines = 2 + Math.floor(random() * 4);
      const list: string[] = [];
      for (let i = 0; i < lines; i += 1) {
        const n = 3 + Math.floor(random() * 8);
        list.push(`- ${words(random, n)}`);
        written += n;
      }
      blocks.push(list.join('\n'));
    } else {
      const sentences: string[] = [];
      const count = 2 + Math.floor(random() * 5);
      for (let i = 0; i < count; i += 1) {
        const n = 6 + Math.floor(random() * 14);
        sentences.push(`${titleWords(random, n)}${random() < 0.2 ? ', _really_' : ''}.`);
        written += n;
      }
      blocks.push(sentences.join(' '));
    }
  }
  return `${[...blocks, ...extra].join('\n\n')}\n`;
}

export interface GeneratedLesson {
  id: string;
  file: string;
  minutes: number;
}

export interface GeneratedModule {
  id: string;
  title: string;
  lessons: GeneratedLesson[];
}

export interface GeneratedCourse {
  id: string;
  title: string;
  modules: GeneratedModule[];
}

export interface PackSpec {
  id: string;
  title: string;
  courses: number;
  modulesPerCourse: number;
  lessonsPerModule: number;
  /** Words per lesson are drawn uniformly from this range. */
  minWords: number;
  maxWords: number;
  assets: number;
  assetBytes: number;
  seed: number;
}

const pad = (n: number) => String(n + 1).padStart(2, '0');

/**
 * Writes a valid pack: `modules/<course>-<module>/<lesson>.md` with a title in front matter, a link to
 * the next lesson in the module, and every asset shown by one lesson so the validator has nothing to warn.
 */
export function writeGeneratedPack(folder: string, spec: PackSpec): GeneratedCourse[] {
  const random = seededRandom(spec.seed);
  const courses: GeneratedCourse[] = [];
  for (let c = 0; c < spec.courses; c += 1) {
    const modules: GeneratedModule[] = [];
    for (let m = 0; m < spec.modulesPerCourse; m += 1) {
      const lessons: GeneratedLesson[] = [];
      for (let l = 0; l < spec.lessonsPerModule; l += 1) {
        const id = `c${pad(c)}-m${pad(m)}-l${pad(l)}`;
        lessons.push({ id, file: `modules/c${pad(c)}-m${pad(m)}/l${pad(l)}.md`, minutes: 3 + (l % 7) });
      }
      modules.push({ id: `m${pad(m)}`, title: titleWords(random, 3), lessons });
    }
    courses.push({ id: `c${pad(c)}`, title: titleWords(random, 3), modules });
  }

  const lessons = courses.flatMap((course) => course.modules.flatMap((module) => module.lessons));
  const assetOf = new Map<number, string>();
  for (let a = 0; a < spec.assets; a += 1) {
    const name = `assets/image-${String(a + 1).padStart(3, '0')}.png`;
    mkdirSync(join(folder, 'assets'), { recursive: true });
    writeFileSync(join(folder, name), randomBytes(random, spec.assetBytes));
    assetOf.set(Math.floor((a * lessons.length) / spec.assets), name);
  }

  let index = 0;
  for (const course of courses) {
    for (const module of course.modules) {
      mkdirSync(join(folder, `modules/${course.id}-${module.id}`), { recursive: true });
      module.lessons.forEach((lesson, l) => {
        const extra: string[] = [];
        const next = module.lessons[l + 1];
        if (next) extra.push(`Next: [${titleWords(random, 2)}](${next.file.split('/').pop() ?? ''}).`);
        const asset = assetOf.get(index);
        if (asset) extra.push(`![${titleWords(random, 3)}](../../${asset})`);
        const wordCount = spec.minWords + Math.floor(random() * (spec.maxWords - spec.minWords + 1));
        const text = `---\ntitle: ${titleWords(random, 4)}\n---\n\n${lessonBody(random, wordCount, extra)}`;
        writeFileSync(join(folder, lesson.file), text);
        index += 1;
      });
    }
  }

  writeFileSync(join(folder, 'pack.yaml'), manifestYaml(spec, courses));
  return courses;
}

function manifestYaml(spec: PackSpec, courses: readonly GeneratedCourse[]): string {
  const lines = [
    `id: ${spec.id}`,
    'version: 1.0.0',
    `title: ${spec.title}`,
    'summary: A generated pack for the benchmarks.',
    'authors:',
    '  - name: Bench Trainer',
    'language: en',
    'courses:',
  ];
  for (const course of courses) {
    lines.push(`  - id: ${course.id}`, `    title: ${course.title}`, '    modules:');
    for (const module of course.modules) {
      lines.push(`      - id: ${module.id}`, `        title: ${module.title}`, '        items:');
      for (const lesson of module.lessons) {
        lines.push(
          `          - id: ${lesson.id}`,
          '            kind: lesson',
          `            file: ${lesson.file}`,
          `            minutes: ${lesson.minutes}`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
