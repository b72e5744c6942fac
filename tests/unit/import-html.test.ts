import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { extractDocument } from '../../db/import/extract.ts';
import { readHtml } from '../../db/import/html.ts';
import { ROOT } from '../helpers.ts';

const bytes = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'import', 'article.html'));
const html = (fileName: string, text: string) => extractDocument({ fileName, bytes: Buffer.from(text, 'utf8') });

describe('HTML', () => {
  test('the fixture: title, author, date and language from the head', async () => {
    const document = await extractDocument({ fileName: 'article.html', bytes });
    assert.equal(document.format, 'html');
    assert.equal(document.title, 'Convoys cross the Salvador Pass & head north');
    assert.equal(document.author, 'Amina Diallo');
    assert.equal(document.published, '2026-06-16', 'article:published_time, in the writer’s time zone');
    assert.equal(document.language, 'en-GB');
  });

  test('the fixture: no script, style, noscript, template, iframe, svg or attribute text', async () => {
    const { text } = await extractDocument({ fileName: 'article.html', bytes });
    for (const hidden of ['MUST-NOT-APPEAR', 'trackingPixel', 'font-family', 'secret-style', 'alert', 'analytics', 'x.png', 'map']) {
      assert.ok(!text.includes(hidden), `"${hidden}" is not in the text`);
    }
  });

  test('the fixture: blocks are paragraphs, <br> a line break, items "- " lines, entities decoded, Arabic kept', async () => {
    const { text } = await extractDocument({ fileName: 'article.html', bytes });
    const paragraphs = text.split('\n\n');
    assert.ok(paragraphs.includes('Convoys cross the Salvador Pass'), 'the h1 is a paragraph of its own');
    assert.ok(
      paragraphs.includes(
        'Two convoys crossed the Salvador Pass on the night of 12 June, local sources said. The route links southern Libya with northern Niger.',
      ),
      'white space collapsed, inline elements inline, &nbsp; a space',
    );
    assert.ok(paragraphs.includes('A spokesman for the Libyan National Army said the crossing\nhad been closed since May.'));
    assert.ok(paragraphs.includes('- Traders in Agadez reported higher prices.\n- Smugglers switched to the Toummo crossing.'));
    assert.ok(paragraphs.includes('عبرت قافلتان ممر السلفادور ليلة الثاني عشر من يونيو.'));
    assert.ok(paragraphs.includes('Crossing\tStatus\nSalvador Pass\topen'), 'table cells by tabs, rows by lines');
    assert.ok(paragraphs.includes('route   km\nSebha   0\nMadama  760'), '<pre> kept as written');
    assert.ok(paragraphs.includes('Prices <rose> by 20% — "a sign of closure".'));
    assert.ok(!/\n{3}/.test(text) && !/ \n/.test(text));
  });

  test('without <title> the first <h1> is the title; <time datetime> gives the date; <meta name="date"> wins over it', () => {
    const read = readHtml('<body><p>Intro</p><h1>  Attack <b>near</b> Gao </h1><time datetime="2025-11-03T21:00">last night</time></body>');
    assert.equal(read.title, 'Attack near Gao');
    assert.equal(read.published, '2025-11-03');
    assert.equal(readHtml('<meta name="date" content="2024-02"><time datetime="2025-11-03">x</time>').published, '2024-02');
  });

  test('metadata that cannot be read is null, not a guess', () => {
    const read = readHtml(
      '<html lang="not a language"><meta name="author" content="  "><meta property="article:published_time" content="yesterday"><p>x</p>',
    );
    assert.deepEqual([read.author, read.published, read.language, read.title], [null, null, null, null]);
  });

  test('an ordered list keeps its numbers; hidden elements are not text', () => {
    const read = readHtml('<ol start="3"><li>third</li><li>fourth</li></ol><p hidden>secret</p><div style="display: none">gone</div>');
    assert.equal(read.text, '3. third\n4. fourth');
  });

  test('HTML is recognised by its content whatever the extension; a .html page may declare another charset', async () => {
    assert.equal((await html('saved-page', '<!DOCTYPE html><title>T</title><p>Body')).format, 'html');
    assert.equal((await html('page.HTM', '<p>Body')).format, 'html');
    assert.equal((await html('snippet.txt', '<!doctype html><p>Body')).format, 'text', 'a .txt file is text, as its name says');
    const latin = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"><title>Caf'),
      Buffer.from([0xe9, 0x20, 0x93, 0x4e, 0x94]),
      Buffer.from('</title></head><body><p>Texte</p></body></html>'),
    ]);
    assert.equal((await extractDocument({ fileName: 'old.html', bytes: latin })).title, 'Café “N”');
  });

  test('a page with no visible text is refused', async () => {
    await assert.rejects(
      html('empty.html', '<html><head><title>Only a title</title><script>var x = 1;</script></head><body> </body></html>'),
      /no text/,
    );
  });

  test('markup nested far deeper than any page is read without exhausting the stack', () => {
    const depth = 50_000;
    assert.equal(readHtml(`${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`).text, 'deep');
  });
});
