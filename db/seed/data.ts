// The curated seed corpus in resources/seed/: its file format and loader.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { seedDir } from '../resources.ts';
import { edtfDate } from '../shared/schemas.ts';
import {
  ACTOR_KINDS,
  ALIAS_KINDS,
  EVENT_TYPES,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  RELATION_TYPES,
  RELIABILITY_GRADES,
} from '../shared/vocabulary.ts';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'keys are lowercase slugs');
const evidence = z.strictObject({
  source: key,
  quote: z.string().min(1),
  credibility: z.number().int().min(1).max(6),
  field: z.string().min(1).nullable().default(null),
  comment: z.string().nullable().default(null),
});
const evidenceList = z.array(evidence).min(1, 'every seed record needs at least one evidence quote');
const alias = z.strictObject({ name: z.string().min(1), kind: z.enum(ALIAS_KINDS) });
const country = z
  .string()
  .regex(/^[A-Z]{2}$/)
  .nullable();

const seedSchema = z.strictObject({
  sources: z.array(
    z.strictObject({
      key,
      file: z.string().regex(/^[\w.-]+\.txt$/),
      title: z.string().min(1),
      author: z.string().nullable(),
      publisher: z.string().nullable(),
      published: edtfDate.nullable(),
      language: z.string().nullable(),
      reliability: z.enum(RELIABILITY_GRADES),
      note: z.string().default(''),
    }),
  ),
  actors: z.array(
    z.strictObject({
      key,
      name: z.string().min(1),
      kind: z.enum(ACTOR_KINDS),
      description: z.string(),
      country,
      aliases: z.array(alias),
      evidence: evidenceList,
    }),
  ),
  places: z.array(
    z.strictObject({
      key,
      name: z.string().min(1),
      kind: z.enum(PLACE_KINDS),
      country,
      lat: z.number().min(-90).max(90).nullable(),
      lon: z.number().min(-180).max(180).nullable(),
      precision: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
      description: z.string(),
      aliases: z.array(alias),
      evidence: evidenceList,
    }),
  ),
  events: z.array(
    z.strictObject({
      key,
      title: z.string().min(1),
      date: edtfDate.nullable(),
      type: z.enum(EVENT_TYPES),
      subType: z.string().nullable(),
      place: key.nullable(),
      fatalities: z.number().int().min(0).nullable(),
      summary: z.string(),
      participants: z.array(z.strictObject({ actor: key, role: z.enum(PARTICIPANT_ROLES) })),
      evidence: evidenceList,
    }),
  ),
  relations: z.array(
    z.strictObject({
      key,
      from: key,
      to: key,
      type: z.enum(RELATION_TYPES),
      start: edtfDate.nullable(),
      end: edtfDate.nullable(),
      description: z.string(),
      evidence: evidenceList,
    }),
  ),
});

export type SeedData = z.output<typeof seedSchema>;
export type SeedEvidence = z.output<typeof evidence>;

export interface LoadedSeed {
  data: SeedData;
  /** Document text by source key. */
  documents: Map<string, string>;
  /** Hash of everything seeding reads: unchanged files mean there is nothing to seed. */
  hash: string;
}

const FILES = ['sources', 'actors', 'places', 'events', 'relations'] as const;

export function loadSeed(dir: string = seedDir()): LoadedSeed {
  const hash = createHash('sha256');
  const raw: Record<string, unknown> = {};
  for (const name of FILES) {
    const text = fs.readFileSync(path.join(dir, `${name}.json`), 'utf8');
    hash.update(text);
    raw[name] = JSON.parse(text);
  }
  const parsed = seedSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`seed data in ${dir} is invalid at ${first.path.join('.')}: ${first.message}`);
  }
  const documents = new Map<string, string>();
  for (const source of parsed.data.sources) {
    const text = fs.readFileSync(path.join(dir, 'documents', source.file), 'utf8');
    hash.update(text);
    documents.set(source.key, text);
  }
  return { data: parsed.data, documents, hash: hash.digest('hex') };
}
