// The store's connection type, apart from open.ts: every module may name it
// without importing how a store is opened (which would close import circles).
import type Database from 'better-sqlite3';

export type Db = Database.Database;
