// The renderer's change store (core/changes.ts) and the one-draw-at-a-time
// rule of views (core/view.ts's serially): who hears a change, and when.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { publish, subscribe, Subscriptions, type Change } from '../../renderer/core/changes.ts';
import { serially, type View } from '../../renderer/core/view.ts';

describe('the change store', () => {
  test('a record subscriber hears its record and changes of the whole kind; a kind subscriber hears every record', () => {
    const heard: string[] = [];
    const ends = [
      subscribe('actor', 5, (c) => heard.push(`actor5 ${c.kind}:${c.id}`)),
      subscribe('actor', null, (c) => heard.push(`actors ${c.kind}:${c.id}`)),
      subscribe('place', 5, (c) => heard.push(`place5 ${c.kind}:${c.id}`)),
    ];
    publish('actor', 5);
    publish('actor', 6);
    publish('actor');
    publish('place', 6);
    for (const end of ends) end();
    publish('actor', 5);
    assert.deepEqual(heard, ['actor5 actor:5', 'actors actor:5', 'actors actor:6', 'actor5 actor:null', 'actors actor:null']);
  });

  test('a listener that unsubscribes another during a publish keeps it from hearing that change', () => {
    const heard: string[] = [];
    let endSecond = () => undefined as void;
    const endFirst = subscribe('note', 1, () => (heard.push('first'), endSecond()));
    endSecond = subscribe('note', 1, () => void heard.push('second'));
    publish('note', 1);
    endFirst();
    assert.deepEqual(heard, ['first']);
  });

  test("a view's subscriptions refresh it on changes made elsewhere, not on those made inside it, and end with it", () => {
    // Elements as far as the store reads them: what they contain.
    const inside = { id: 'field' };
    const el = { contains: (node: unknown) => node === inside } as unknown as HTMLElement;
    let refreshed = 0;
    const view: View = { el, refresh: () => void refreshed++, dispose: () => undefined };
    const subscriptions = new Subscriptions();
    subscriptions.refresh(view, 'source', 3);
    publish('source', 3);
    publish('source', 3, inside as unknown as Node);
    publish('source', 3, { id: 'elsewhere' } as unknown as Node);
    publish('source', 4);
    assert.equal(refreshed, 2, 'a plain change and one made in another element');
    subscriptions.dispose();
    publish('source', 3);
    assert.equal(refreshed, 2, 'none once disposed');
  });

  test('changes carry their origin to the listeners', () => {
    const seen: Change[] = [];
    const origin = {} as Node;
    const end = subscribe('event', 2, (c) => void seen.push(c));
    publish('event', 2, origin);
    end();
    assert.equal(seen[0]!.origin, origin);
  });
});

describe('serially', () => {
  test('draws one at a time: asked while a draw runs, it draws once more after it, shared by every caller meanwhile', async () => {
    const log: string[] = [];
    const releases: (() => void)[] = [];
    let n = 0;
    const draw = serially(async () => {
      const mine = ++n;
      log.push(`start ${mine}`);
      await new Promise<void>((resolve) => releases.push(resolve));
      log.push(`end ${mine}`);
    });
    const first = draw();
    const second = draw();
    const third = draw();
    assert.equal(second, third, 'the callers waiting share one draw');
    releases.shift()!();
    await first;
    await new Promise((resolve) => setTimeout(resolve));
    releases.shift()!();
    await second;
    assert.deepEqual(log, ['start 1', 'end 1', 'start 2', 'end 2']);
    const fourth = draw();
    releases.shift()!();
    await fourth;
    assert.deepEqual(log.slice(4), ['start 3', 'end 3']);
  });

  test('a draw that fails does not stop the next one', async () => {
    let calls = 0;
    const draw = serially(async () => {
      calls++;
      if (calls === 1) throw new Error('the API refused');
    });
    const failing = draw();
    const next = draw();
    await assert.rejects(failing, /refused/);
    await next;
    assert.equal(calls, 2);
  });
});
