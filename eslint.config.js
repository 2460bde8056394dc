import js from '@eslint/js';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
];

/** Layers by where code may run (after VS Code's code-layering rule): the linter keeps the boundaries. */
const layers = [
  {
    files: ['src-shared/**/*.ts'],
    message: 'src-shared runs on both sides: it may import neither Node, Electron, nor either side.',
    patterns: [
      ...nodeBuiltins,
      'electron',
      'better-sqlite3',
      'drizzle-orm*',
      '**/src-main/**',
      '**/src-renderer/**',
      '**/src-packs/**',
      '**/src-hub/**',
    ],
  },
  {
    files: ['src-packs/**/*.ts'],
    message:
      'src-packs is the course-pack library under the app, the CLI and the hub: it may use src-shared, never them or Electron.',
    patterns: [
      'electron',
      'electron/*',
      'better-sqlite3',
      '**/src-main/**',
      '**/src-hub/**',
      '**/src-renderer/**',
    ],
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}'],
    message: 'The renderer reaches the main process only through lib/api.ts.',
    patterns: [
      ...nodeBuiltins,
      'electron',
      'better-sqlite3',
      'drizzle-orm*',
      '**/src-main/**',
      '**/src-packs/**',
      '**/src-hub/**',
    ],
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    message: 'Services know nothing of transports: only src-main/electron may import electron.',
    patterns: ['electron', 'electron/*', '**/src-renderer/**'],
  },
  {
    files: ['src-hub/**/*.ts'],
    message:
      'The hub is a Node server: it may use src-shared and src-packs, never the app, Electron or the renderer.',
    patterns: ['electron', 'electron/*', 'better-sqlite3', '**/src-renderer/**', '**/src-main/**'],
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'src-main/db/migrations/**',
      'src-hub/db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}', 'src-renderer/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  ...layers.map(({ files, ignores, message, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
    },
  })),
);
