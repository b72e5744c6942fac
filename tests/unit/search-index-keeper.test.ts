// The store's owner keeps the name index whole and saved: built a slice at a
// time until ready, saved a part at a time once calls pause, built again
// when it has to be.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchIndexKeeper } from '../../db/search/prepare.ts';

/** Waits for `promise`: the keeper's timers do not keep the process alive, so the test does meanwhile. */
async function settled(promise: Promise<void>): Promise<void> {
  const alive = setInterval(() => undefined, 1000);
  try {
    await promise;
  } finally {
    clearInterval(alive);
  }
}

/** A fake index: `slices` slices to build, `parts` parts to save; resolves `saved` when a save ends. */
function fakeIndex(slices: number, parts: number) {
  const log: string[] = [];
  let left = slices;
  let toSave = parts;
  let onSaved: () => void = () => undefined;
  const index = {
    log,
    rebuild(more: number) {
      left = more;
      toSave = parts;
    },
    saved: () => new Promise<void>((resolve) => (onSaved = resolve)),
    prepare: () => {
      if (left > 0) left--;
      log.push(left > 0 ? 'slice' : 'ready');
      return { ready: left === 0, rebuilding: false, names: 0 };
    },
    save: () => {
      if (toSave > 0) toSave--;
      log.push('part');
      if (toSave === 0) onSaved();
      return { more: toSave > 0 };
    },
  };
  return index;
}

test('the index is built a slice per turn until ready, then saved a part per turn; a wake meanwhile starts nothing twice', async () => {
  const index = fakeIndex(3, 2);
  const keeper = searchIndexKeeper(index.prepare, index.save, 0);
  const saved = index.saved();
  keeper.wake();
  keeper.wake(); // a call answered meanwhile
  await settled(saved);
  assert.deepEqual(index.log, ['slice', 'slice', 'ready', 'part', 'part']);
});

test('when the index has to be read again (another program wrote), the next wake builds it and saves it again', async () => {
  const index = fakeIndex(1, 1);
  const keeper = searchIndexKeeper(index.prepare, index.save, 0);
  let saved = index.saved();
  keeper.wake();
  await settled(saved);
  index.rebuild(2);
  saved = index.saved();
  keeper.wake();
  await settled(saved);
  assert.deepEqual(index.log, ['ready', 'part', 'slice', 'ready', 'part']);
});

test('a failing save ends quietly, and the next wake tries again', async () => {
  let fail = true;
  const index = fakeIndex(1, 1);
  const keeper = searchIndexKeeper(
    index.prepare,
    () => {
      if (fail) {
        fail = false;
        index.log.push('failed');
        queueMicrotask(() => keeper.wake());
        throw new Error('disk full');
      }
      return index.save();
    },
    0,
  );
  const saved = index.saved();
  keeper.wake();
  await settled(saved);
  assert.deepEqual(index.log.slice(0, 2), ['ready', 'failed']);
  assert.equal(index.log.at(-1), 'part');
});

test('a build beside an index that answers (after a purge) is driven to its end too, then saved', async () => {
  const index = fakeIndex(2, 1);
  const keeper = searchIndexKeeper(
    () => {
      const state = index.prepare();
      // Ready all along: the old index answers while the new one is built.
      return { ...state, ready: true, rebuilding: !state.ready };
    },
    index.save,
    0,
  );
  const saved = index.saved();
  keeper.wake();
  await settled(saved);
  assert.deepEqual(index.log, ['slice', 'ready', 'part']);
});
