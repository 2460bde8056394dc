// drizzle-kit reads this file; one schema file per store sits beside it.
export * from './preferences';
export * from './packs';
export * from './progress';
export * from './certificates';
export * from './drafts';
export * from './guidelines';
export * from './profile';
export * from './sync';
