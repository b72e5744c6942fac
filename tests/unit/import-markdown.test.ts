import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { extractDocument } from '../../db/import/extract.ts';
import { inlineText, readMarkdown } from '../../db/import/markdown.ts';
import { ROOT } from '../helpers.ts';

const bytes = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'import', 'report.md'));

describe('Markdown', () => {
  test('the fixture: title from the # heading, syntax reduced to readable text, paragraphs kept', async () => {
    const document = await extractDocument({ fileName: 'report.md', bytes });
    assert.equal(document.format, 'markdown');
    assert.equal(document.title, 'Water points along the Niger–Algeria border');
    const paragraphs = document.text.split('\n\n');
    assert.deepEqual(paragraphs.slice(0, 3), [
      'Water points along the Niger–Algeria border',
      'Field notes from three weeks in the Tamanrasset region, compiled by the\nteam. See the full dataset and\nthe map of wells for locations.',
      'Findings',
    ]);
    assert.ok(
      document.text.includes(
        '- Most wells north of Assamaka are dry.\n- Two new boreholes were dug near In Guezzam.\n- Herders moved east, towards Arlit Iférouane.',
      ),
      'every list marker becomes "- "',
    );
    assert.ok(document.text.includes('1. Ask the regional water office.\n2. Check'), 'numbered items keep their numbers');
    assert.ok(document.text.includes('\nWater is the first thing people asked about.\n'), 'quote markers go');
    assert.ok(document.text.includes('Well | Status\nTin Zaouatine | dry'), 'tables keep their cells, not their rules');
    assert.ok(document.text.includes('raw GPS log: 19.96,5.77 *not emphasis*'), 'code blocks are kept as written');
    assert.ok(document.text.endsWith('الماء أولاً: هذا ما قاله الرعاة في كل مكان.'), 'Arabic kept');
    for (const syntax of ['#', '**', '](', 'https://', '`', '~~', '[dataset]', '---', '> ']) {
      assert.ok(!document.text.includes(syntax), `no "${syntax}" left`);
    }
  });

  test('inline syntax: links, images, emphasis, code, escapes, autolinks, entities', () => {
    assert.equal(inlineText('[Le Monde](https://lemonde.fr/a_(b) "title") and [ref][1]'), 'Le Monde and ref');
    assert.equal(inlineText('![alt text](i.png) **bold** __bold__ *it* _it_ ***both***'), 'alt text bold bold it it both');
    assert.equal(inlineText('snake_case_name and 2 * 3 * 4 stay'), 'snake_case_name and 2 * 3 * 4 stay');
    assert.equal(inlineText('`**code**` and \\*escaped\\*'), '**code** and *escaped*');
    assert.equal(inlineText('<https://example.org> &amp; &#x627; &copy;'), 'https://example.org & ا ©');
  });

  test('front matter gives title, author, date and language, and is not text', () => {
    const read = readMarkdown(
      '---\ntitle: "Briefing: Gao"\nauthor: M. Touré\ndate: 2026-06-16T10:00:00Z\nlang: fr\n---\n# Heading\n\nBody.',
    );
    assert.deepEqual(read, {
      text: '\nHeading\n\n\nBody.',
      title: 'Briefing: Gao',
      author: 'M. Touré',
      published: '2026-06-16',
      language: 'fr',
    });
  });

  test('a setext heading is a title when there is no # heading; without either the first line is', async () => {
    assert.equal(readMarkdown('Situation in Ménaka\n===================\n\nText.').title, 'Situation in Ménaka');
    const plain = await extractDocument({ fileName: 'notes.markdown', bytes: Buffer.from('Just a line of notes.\n\nMore.') });
    assert.equal(plain.title, 'Just a line of notes.');
  });

  test('code spans: a run of backticks closes only on a run of the same length', () => {
    assert.equal(inlineText('a ``b ` c`` d'), 'a b ` c d');
    assert.equal(inlineText('`one` and `two`'), 'one and two');
    assert.equal(inlineText('an ``unclosed run and `a span`'), 'an ``unclosed run and a span');
    assert.equal(inlineText('```'), '```');
  });

  test('200 KB of backticks in every pattern is read in one pass (was 38 s)', { timeout: 60_000 }, async () => {
    const size = 200_000;
    const patterns = [
      '`'.repeat(size),
      '` '.repeat(size / 2),
      Array.from({ length: 600 }, (_v, i) => '`'.repeat(i + 1) + ' x ')
        .join('')
        .repeat(2),
    ];
    for (const text of patterns) {
      const document = await extractDocument({ fileName: 'backticks.md', bytes: Buffer.from(`# Ticks\n\n${text}`) });
      assert.equal(document.title, 'Ticks');
    }
  });

  test('long runs of unclosed markers or spaces are read in one pass (no backtracking blow-up)', async () => {
    const n = 300_000;
    for (const text of ['# a' + ' '.repeat(n) + 'b', ' _a'.repeat(n / 3), ' *a'.repeat(n / 3), '['.repeat(n), 'a' + ' '.repeat(n) + 'b']) {
      const document = await extractDocument({ fileName: 'hostile.md', bytes: Buffer.from(text) });
      assert.ok(document.text.length > 0);
    }
  });
});
