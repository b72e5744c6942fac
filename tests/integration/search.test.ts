import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { tempFieldbook } from '../helpers.ts';
import type { SearchResult } from '../../db/shared/search-results.ts';

const { db } = tempFieldbook();
const search = (query: string, options: { kinds?: string[]; limit?: number } = {}) =>
  callMethod(db, 'search', { query, ...options }) as SearchResult[];
const first = (query: string, kind?: string) => search(query, kind ? { kinds: [kind] } : {})[0];
const titles = (results: SearchResult[]) => results.map((r) => r.title);
const noteBody = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('entities', () => {
  test('an exact name beats an exact alias beats a prefix beats a fuzzy match', () => {
    const make = (name: string, aliases: string[] = []) =>
      (callMethod(db, 'actors.create', { name, kind: 'organization', aliases: aliases.map((a) => ({ name: a })) }) as { id: number }).id;
    const fuzzy = make('Sentinal Watch');
    const prefix = make('Sentinelle Group');
    const alias = make('Desert Observers', ['Sentinel']);
    const exact = make('Sentinel');
    const ids = search('sentinel', { kinds: ['actor'] }).map((r) => r.id);
    assert.deepEqual(ids.slice(0, 4), [exact, alias, prefix, fuzzy]);
  });

  test('the seeded corpus ranks the exact name first and an alias right after', () => {
    assert.equal(first('Libyan National Army')?.title, 'Libyan National Army');
    assert.equal(first('Libyan National Army')?.score, 1);
    const lna = first('LNA');
    assert.equal(lna?.title, 'Libyan National Army');
    assert.match(lna!.snippet, /aka <mark>LNA<\/mark>/);
  });

  test('a one-letter typo finds its target', () => {
    assert.equal(first('haftr', 'actor')?.title, 'Khalifa Haftar');
    assert.equal(first('Tchiany', 'actor')?.title, 'Abdourahamane Tchiani');
    assert.equal(first('wagnr', 'actor')?.title, 'Wagner Group');
    assert.equal(first('Kidall', 'place')?.title, 'Kidal');
    assert.equal(first('Africa Crops', 'actor')?.title, 'Africa Corps');
  });

  test('a missing or extra diacritic finds its target', () => {
    assert.equal(first('Goita', 'actor')?.title, 'Assimi Goïta');
    assert.equal(first('Goïta', 'actor')?.title, 'Assimi Goïta');
    assert.equal(first('Traore', 'actor')?.title, 'Ibrahim Traoré');
    assert.equal(first('Djíbo', 'place')?.title, 'Djibo');
  });

  test('punctuation and spacing differences find their target', () => {
    for (const query of ['al qaeda', 'Al-Qaeda', 'alqaeda', 'AL—QAEDA', 'al-Qaida']) {
      assert.equal(first(query, 'actor')?.title, 'Al-Qaeda', query);
    }
  });

  test('acronyms find their target', () => {
    assert.equal(first('AES', 'actor')?.title, 'Alliance of Sahel States');
    assert.equal(first('MINUSMA', 'actor')?.title, 'United Nations Multidimensional Integrated Stabilization Mission in Mali');
    assert.equal(first('AFRICOM', 'actor')?.title, 'U.S. Africa Command');
    assert.equal(first('isis', 'actor')?.title, 'Islamic State');
  });

  test('queries shorter than three characters match names and aliases by prefix', () => {
    assert.ok(titles(search('Dj', { kinds: ['place'] })).includes('Djibo'));
    assert.equal(first('UN', 'actor')?.title, 'United Nations');
    assert.ok(search('K').length > 0);
  });
});

describe('texts', () => {
  test('a word from a source finds it, with the word marked in the snippet', () => {
    const hit = first('Westphalian', 'source');
    assert.equal(hit?.title, 'The Libya-Niger Nexus: A New Frontier for ISIS and the Africa Corps');
    assert.match(hit!.snippet, /<mark>Westphalian<\/mark> concept/);
  });

  test('a misspelled word still finds the passage', () => {
    assert.equal(first('westphalain', 'source')?.title, 'The Libya-Niger Nexus: A New Frontier for ISIS and the Africa Corps');
    assert.match(first('westphalain', 'source')!.snippet, /<mark>Westphalian<\/mark>/);
  });

  test('the word being typed matches as a prefix', () => {
    assert.ok(search('westpha', { kinds: ['source'] }).length === 1);
  });

  test('a phrase in quotes matches only the words in that order', () => {
    assert.equal(search('"porous smuggling route"', { kinds: ['source'] }).length, 1);
    assert.equal(search('"route smuggling porous"', { kinds: ['source'] }).length, 0);
  });

  test('Arabic in the seed documents is found by an Arabic query, letter variants folded', () => {
    assert.match(first('الرحمن', 'source')!.title, /Trilateral|Maghreb|Tunisia/);
    assert.equal(first('ألرحمن', 'source')?.id, first('الرحمن', 'source')?.id, 'hamza on the alef is folded');
    const note = callMethod(db, 'notes.create', { title: 'اجتماع', body: noteBody('عُقد اجتماع اللجنة في طرابلس لتأمين الحدود') }) as {
      id: number;
    };
    assert.equal(first('طرابلس', 'note')?.id, note.id);
    assert.equal(first('اللجنة', 'note')?.id, note.id);
    assert.equal(first('لجنة', 'note')?.id, note.id, 'the word without its article, through typo tolerance');
    assert.equal(first('دمشق', 'note'), undefined, 'an unrelated word is not a match');
  });

  test('a title match ranks above a body match', () => {
    const body = callMethod(db, 'notes.create', { title: 'Logistics', body: noteBody('Convoys cross the Salvador pass at night.') }) as {
      id: number;
    };
    const title = callMethod(db, 'notes.create', { title: 'Salvador pass', body: noteBody('A corridor for smugglers.') }) as { id: number };
    assert.deepEqual(
      search('salvador', { kinds: ['note'] }).map((r) => r.id),
      [title.id, body.id],
    );
  });

  test('annotations are found by their quote and comment', () => {
    const annotation = callMethod(db, 'annotations.create', {
      sourceId: 1,
      quote: 'Permanent War Systems',
      comment: 'key concept zeitgeist',
    }) as { id: number };
    assert.equal(first('zeitgeist', 'annotation')?.id, annotation.id);
  });

  test('text in a snippet is HTML-escaped around the marks', () => {
    callMethod(db, 'notes.create', { title: 'Escaping', body: noteBody('<img src=x onerror=alert(1)> quixotic plan') });
    const hit = first('quixotic', 'note')!;
    assert.ok(!hit.snippet.includes('<img'), hit.snippet);
    assert.match(hit.snippet, /&#60;img/);
    assert.match(hit.snippet, /<mark>quixotic<\/mark>/);
  });
});

describe('indexes stay current in the same transaction as every write', () => {
  test('a note is found after create, not after its word is edited out, not after delete', () => {
    const note = callMethod(db, 'notes.create', { title: 'Fresh', body: noteBody('The xylograph was found.') }) as { id: number };
    assert.equal(first('xylograph', 'note')?.id, note.id);
    callMethod(db, 'notes.update', { id: note.id, body: noteBody('The woodcut was found.') });
    assert.equal(first('xylograph', 'note'), undefined);
    assert.equal(first('woodcut', 'note')?.id, note.id);
    callMethod(db, 'notes.delete', { id: note.id });
    assert.equal(first('woodcut', 'note'), undefined);
    callMethod(db, 'trash.restore', { kind: 'note', id: note.id });
    assert.equal(first('woodcut', 'note')?.id, note.id);
  });

  test('a renamed actor is found by its new name at once and no longer by its old one', () => {
    const actor = callMethod(db, 'actors.create', { name: 'Quorvath Brigade', kind: 'armed group' }) as { id: number };
    assert.equal(first('Quorvath', 'actor')?.id, actor.id);
    callMethod(db, 'actors.update', { id: actor.id, name: 'Zelmora Brigade' });
    assert.equal(first('Zelmora', 'actor')?.id, actor.id);
    assert.equal(first('Quorvath', 'actor'), undefined);
    callMethod(db, 'aliases.add', { owner: { kind: 'actor', id: actor.id }, name: 'ZB-9', kind: 'acronym' });
    assert.equal(first('ZB-9', 'actor')?.id, actor.id);
    callMethod(db, 'actors.delete', { id: actor.id });
    assert.equal(first('Zelmora', 'actor'), undefined);
  });

  test('a failed write leaves no trace in the index', () => {
    assert.throws(() => callMethod(db, 'events.create', { title: 'Vendrell incident', type: 'Battles', placeId: 999999 }));
    assert.equal(first('Vendrell'), undefined);
  });
});

describe('bad input', () => {
  test('an empty or blank query gives an empty result', () => {
    assert.deepEqual(search(''), []);
    assert.deepEqual(search('   '), []);
    assert.deepEqual(search('!!! ---'), []);
  });

  test('a 10 MB query is refused with a clear error', () => {
    assert.throws(
      () => search('a'.repeat(10 * 1024 * 1024)),
      (e: ApiError) => e.code === 'invalid_input' && /query: is longer than 500 characters/.test(e.message),
    );
  });

  test('FTS syntax in a query is treated as words, never as syntax', () => {
    for (const query of ['NEAR(a b)', 'a OR b', '"unbalanced', '* AND *', 'col:value', '^start', 'x"y"z', '(((', 'sources_fts']) {
      assert.ok(Array.isArray(search(query)), query);
    }
  });

  test('bad options are refused', () => {
    assert.throws(
      () => search('mali', { kinds: ['weapon'] }),
      (e: ApiError) => e.code === 'invalid_input',
    );
    assert.throws(
      () => search('mali', { limit: 0 }),
      (e: ApiError) => e.code === 'invalid_input',
    );
  });
});

describe('regressions', () => {
  test('a multi-word name is found after its record is re-indexed', () => {
    const actor = callMethod(db, 'actors.create', { name: 'Foo Bar', kind: 'organization' }) as { id: number };
    callMethod(db, 'actors.update', { id: actor.id, description: 'changed' });
    assert.equal(first('Foo Bar', 'actor')?.id, actor.id);
    assert.equal(first('foobar', 'actor')?.id, actor.id);
  });
});
