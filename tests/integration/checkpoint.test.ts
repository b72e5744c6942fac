import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { SAFETY_CHECKPOINT_PAGES } from '../../db/store/checkpoint.ts';
import { tempFieldbook } from '../helpers.ts';

test('the automatic checkpoint is only a safety valve; writes leave the WAL to an idle checkpoint', () => {
  const { db, file } = tempFieldbook({ seed: false });
  assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), SAFETY_CHECKPOINT_PAGES);
  for (let i = 0; i < 50; i++) callMethod(db, 'notes.create', { title: `note ${i}` });
  const wal = fs.statSync(`${file}-wal`).size;
  assert.ok(wal > 0, 'the writes are in the WAL, not yet checkpointed');
  // What the idle timer runs: afterwards every page of the WAL is in the main file.
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  assert.equal(result!.busy, 0);
  assert.equal(result!.checkpointed, result!.log);
});
