/// <reference lib="dom" />
// The reader keeps the analyst's place: Back returns to the same scroll
// position, the Sources list counts highlights as they are made, a passage
// opened from its evidence is outlined whole, and the @query being typed in a
// note reads as text, not as a padded block.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Evidence, Source } from '../../db/shared/records.ts';
import { appForTests, callApi, screenshots, selectPassage } from './browser-shell.ts';

const app = appForTests('reading-flow', { width: 1280, height: 800 });

const api = <T>(method: string, input: unknown = {}) => callApi<T>(app.shell, method, input);

const mainScroll = () => app.page.evaluate(() => document.querySelector('main.main-pane')!.scrollTop);

async function openSource(id: number): Promise<void> {
  await app.page.goto(`${app.shell.origin}/#/sources/${id}`);
  // The reader of the source opened before stays until this one replaces it (each reader holds its source's suggestions panel).
  await app.page.waitForSelector(`.reader:has(#suggestions-${id}) .reader-text`);
}

describe('the reading flow in Chromium', () => {
  test('the @query being typed in a note is inline text, not a padded block', async () => {
    const { page } = app;
    await page.goto(`${app.shell.origin}/#/notes`);
    await page.click('text=New note');
    await page.waitForSelector('.ProseMirror');
    await page.click('.ProseMirror');
    await page.keyboard.type('Reported by @hafte');
    await page.waitForSelector('.suggestions .suggestion:has-text("Khalifa Haftar")');
    const style = await page.evaluate(() => {
      const query = document.querySelector<HTMLElement>('.ProseMirror .suggestion')!;
      const css = getComputedStyle(query);
      return { text: query.textContent, display: css.display, padding: css.padding, width: query.getBoundingClientRect().width };
    });
    assert.equal(style.text, '@hafte');
    assert.equal(style.display, 'inline');
    assert.equal(style.padding, '0px');
    const editorWidth = await page.evaluate(() => document.querySelector('.ProseMirror')!.getBoundingClientRect().width);
    assert.ok(style.width < editorWidth / 2, `the query is as wide as its text (${style.width}px of ${editorWidth}px)`);
    await screenshots(page, '41-mention-query');
    await page.keyboard.press('Escape');
  });

  test('Back returns to the same scroll position in the source', async () => {
    const { page } = app;
    const sources = await api<Source[]>('sources.list');
    await openSource(sources.find((s) => s.title.startsWith('Why Mali, Burkina Faso and Niger'))!.id);
    const scrolled = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const main = document.querySelector<HTMLElement>('main.main-pane')!;
          main.addEventListener('scroll', () => resolve(main.scrollTop), { once: true });
          main.scrollTop = Math.round((main.scrollHeight - main.clientHeight) / 2);
        }),
    );
    assert.ok(scrolled > 300, `the source is long enough to scroll (${scrolled}px)`);
    // A known actor in view, clicked as the analyst would.
    const at = await page.evaluate(() => {
      const main = document.querySelector<HTMLElement>('main.main-pane')!.getBoundingClientRect();
      for (const mark of Array.from(document.querySelectorAll<HTMLElement>('.reader-text [data-entity^="actor:"]'))) {
        const box = mark.getBoundingClientRect();
        if (box.top > main.top + 40 && box.bottom < main.bottom - 40) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
      return null;
    });
    assert.ok(at, 'a known actor is in view');
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('.record-header .kind-badge:has-text("Actor")');
    await page.goBack();
    await page.waitForSelector('.reader-text');
    await page.waitForFunction((top) => Math.abs(document.querySelector('main.main-pane')!.scrollTop - top) <= 2, scrolled);
    assert.ok(Math.abs((await mainScroll()) - scrolled) <= 2);
  });

  test('the Sources list counts a new highlight at once', async () => {
    const { page } = app;
    await openSource(1);
    const meta = '.list-pane a[href="#/sources/1"] .item-meta';
    await page.waitForSelector(`${meta}:has-text("0 highlights")`);
    await selectPassage(page, 'transnational jihadist syndicates');
    await page.click('.popover .swatch.hl-green');
    await page.waitForSelector('.reader-text .hl-green:has-text("transnational jihadist syndicates")');
    await page.waitForSelector(`${meta}:has-text("1 highlight")`);
    assert.match((await page.textContent(meta)) ?? '', /· 1 highlight$/);
  });

  test('jumping to evidence outlines the whole passage, across the marks inside it', async () => {
    const { page } = app;
    const sources = await api<Source[]>('sources.list');
    const nexus = sources.find((s) => s.title.startsWith('The Libya-Niger Nexus'))!;
    const { text } = await api<{ text: string }>('sources.get', { id: nexus.id });
    const quote = 'in the absence of a unified state, Eastern Libyan commander Khalifa Haftar is unilaterally engineering';
    const start = text.indexOf(quote);
    assert.ok(start >= 0);
    const actors = await api<{ id: number; name: string }[]>('actors.list');
    const subject = actors.find((a) => a.name === 'Libyan National Army')!;
    const evidence = await api<Evidence>('evidence.create', {
      subject: { kind: 'actor', id: subject.id },
      sourceId: nexus.id,
      quote,
      start,
      credibility: 2,
    });
    await page.goto(`${app.shell.origin}/#/actors/${subject.id}`);
    await page.click(`a.quote-link:has-text("${quote}")`);
    await page.waitForSelector('.reader-text .focus');
    const outlined = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.reader-text .focus')).map((s) => ({
        text: s.textContent,
        classes: s.className,
        shadow: getComputedStyle(s).boxShadow,
      })),
    );
    assert.ok(outlined.length > 1, `the passage is cut by the marks inside it (${outlined.length} fragments)`);
    assert.equal(outlined.map((s) => s.text).join(''), quote, 'every fragment of the passage, and nothing else, is outlined');
    assert.match(outlined[0]!.classes, /focus-first/);
    assert.match(outlined.at(-1)!.classes, /focus-last/);
    for (const fragment of outlined) assert.notEqual(fragment.shadow, 'none', `"${fragment.text}" is drawn outlined`);
    assert.ok(evidence.id > 0);
    await screenshots(page, '42-evidence-outlined');
  });
});
