// Record identity for life. Every record gets a UUID when it is created
// (random, v4, from the store's triggers); a seed record's UUID is derived
// (v5) from its seed key, so the same seed record has the same UUID on every
// machine. Exports and imports match records on it.
import { v5 as uuidv5, validate as validUuid } from 'uuid';

/** Fieldbook's own UUIDv5 namespace (a fixed random UUID: never change it). */
export const FIELDBOOK_NAMESPACE = '6f0e2c4a-8d1b-4b7e-9c3a-2e5f7a9b1d40';

export type SeedRecordKind = 'source' | 'actor' | 'place' | 'event' | 'relation';

/** The UUID of a seed record, the same on every machine. */
export function seedUuid(kind: SeedRecordKind, key: string): string {
  return uuidv5(`seed:${kind}:${key}`, FIELDBOOK_NAMESPACE);
}

/** The UUID of a seed claim: its subject's seed key, its source's seed key and its quote. */
export function seedEvidenceUuid(subject: { kind: SeedRecordKind; key: string }, sourceKey: string, quote: string): string {
  return uuidv5(`seed:evidence:${subject.kind}:${subject.key}:${sourceKey}:${quote}`, FIELDBOOK_NAMESPACE);
}

/** A UUID derived from another (an exported object's id from its record's UUID). */
export function derivedUuid(name: string, namespace: string = FIELDBOOK_NAMESPACE): string {
  return uuidv5(name, namespace);
}

export function isUuid(value: string): boolean {
  return validUuid(value);
}
