import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { Stats } from '../shared/records.ts';

export function getStats(db: Db): Stats {
  return cached(
    db,
    `SELECT
         (SELECT count(*) FROM sources WHERE deleted_at IS NULL) AS sources,
         (SELECT count(*) FROM actors WHERE deleted_at IS NULL) AS actors,
         (SELECT count(*) FROM places WHERE deleted_at IS NULL) AS places,
         (SELECT count(*) FROM events WHERE deleted_at IS NULL) AS events,
         (SELECT count(*) FROM relations r
            JOIN actors a ON a.id = r.source_id AND a.deleted_at IS NULL
            JOIN actors b ON b.id = r.target_id AND b.deleted_at IS NULL) AS relations,
         (SELECT count(*) FROM notes WHERE deleted_at IS NULL) AS notes,
         (SELECT count(*) FROM annotations an JOIN sources s ON s.id = an.source_id AND s.deleted_at IS NULL) AS annotations`,
  ).get() as Stats;
}
