// The map's pure layout (features/map): the projection's framing, the point a
// click names, the transform of pan and zoom, and where the marks of a place go.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EventRecord } from '../../db/shared/records.ts';
import { clusterRadius, clusterZoomOf, eventRadius, eventsByPlace, ring, scaleOfClusterZoom } from '../../renderer/features/map/markers.ts';
import { centredOn, toContentPoint, visibleArea, zoomAround } from '../../renderer/features/map/pan-zoom.ts';
import { coordinatesAt, framedProjection, HEIGHT, WIDTH } from '../../renderer/features/map/projection.ts';

const place = (lat: number | null, lon: number | null, eventCount = 1) => ({ lat, lon, eventCount });

describe('the projection', () => {
  test('frames the places with events inside the map, 40 px in', () => {
    const projection = framedProjection([place(32.9, 13.2), place(13.5, 2.1), place(0, -170, 0)]);
    for (const [lon, lat] of [
      [13.2, 32.9],
      [2.1, 13.5],
    ] as const) {
      const [x, y] = projection([lon, lat])!;
      assert.ok(x >= 39.5 && x <= WIDTH - 39.5 && y >= 39.5 && y <= HEIGHT - 39.5, `${lon},${lat} at ${x},${y}`);
    }
    assert.ok(projection([-170, 0])![0] < 0, 'a place with no event shown is left out of the framing');
  });

  test('never zooms closer than scale 3000, and shows the world when no place is located', () => {
    assert.equal(framedProjection([place(13.5, 2.1), place(13.51, 2.11)]).scale(), 3000);
    const world = framedProjection([place(null, null)]);
    const [x, y] = world([0, 0])!;
    assert.ok(Math.abs(x - WIDTH / 2) < 1 && Math.abs(y - HEIGHT / 2) < 1);
  });

  test('a click names its coordinates, rounded to 4 decimals (about 10 m)', () => {
    const projection = framedProjection([place(32.9, 13.2), place(13.5, 2.1)]);
    const [x, y] = projection([13.18761, 32.88759])!;
    assert.deepEqual(coordinatesAt(projection, { x, y }), { lat: 32.8876, lon: 13.1876 });
  });
});

describe('pan and zoom', () => {
  test('zooming holds the point under the pointer still, within the limits', () => {
    const at = { x: 300, y: 200 };
    const t = zoomAround({ k: 1, x: 0, y: 0 }, 2, at);
    assert.deepEqual(t, { k: 2, x: -300, y: -200 });
    assert.deepEqual(toContentPoint(t, at), at, 'the same content point is under the pointer');
    assert.equal(zoomAround({ k: 50, x: 0, y: 0 }, 10, at).k, 60);
    assert.equal(zoomAround({ k: 1, x: 0, y: 0 }, 0.1, at).k, 0.5);
  });

  test('focusing puts a content point in the middle; the visible area follows the transform', () => {
    const t = centredOn({ x: 100, y: 50 }, 4, { x: 500, y: 320 });
    assert.deepEqual(toContentPoint(t, { x: 500, y: 320 }), { x: 100, y: 50 });
    assert.deepEqual(visibleArea({ k: 2, x: -100, y: -50 }, { x: 0, y: 0, width: 1000, height: 640 }), {
      x0: 50,
      y0: 25,
      x1: 550,
      y1: 345,
    });
  });
});

describe('the marks', () => {
  test('several events at one place are spread on a ring around it, one alone sits on it', () => {
    assert.deepEqual(ring(1, 8), [{ dx: 0, dy: 0 }]);
    const four = ring(4, 8);
    assert.equal(four.length, 4);
    const radii = four.map(({ dx, dy }) => Math.hypot(dx, dy));
    for (const r of radii) assert.ok(Math.abs(r - radii[0]!) < 1e-9 && r >= 8 * 1.6 - 1e-9);
    assert.ok(Math.abs(four[0]!.dx) < 1e-9 && four[0]!.dy < 0, 'the first one is above the place');
  });

  test('sizes grow with the dead and the events clustered; zoom and cluster levels convert both ways', () => {
    assert.equal(eventRadius(null), 5.5);
    assert.ok(eventRadius(100) > eventRadius(10));
    assert.equal(eventRadius(1e9), 5.5 + 14);
    assert.ok(clusterRadius(20) > clusterRadius(2));
    for (const scale of [1, 7.3, 40]) assert.ok(Math.abs(scaleOfClusterZoom(1000, clusterZoomOf(1000, scale)) - scale) < 1e-9);
    assert.equal(clusterZoomOf(1000, 0.1), 0, 'zoomed far out: the widest cluster level');
  });

  test('events are grouped by their place, in order, and those without one left out', () => {
    const event = (id: number, placeId: number | null) =>
      ({ id, place: placeId === null ? null : { id: placeId, name: '' } }) as EventRecord;
    const grouped = eventsByPlace([event(1, 7), event(2, null), event(3, 9), event(4, 7)]);
    assert.deepEqual(
      [...grouped].map(([placeId, events]) => [placeId, events.map((e) => e.id)]),
      [
        [7, [1, 4]],
        [9, [3]],
      ],
    );
  });
});
