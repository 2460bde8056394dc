import { fileURLToPath } from 'node:url';

/** The project folder (this file is src-main/launcher/project.ts). */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
