// What the API returns. Plain JSON-safe objects, the same over every transport.
import type { DocNode } from './schemas.ts';
import type {
  ActorKind,
  AliasKind,
  EntityKind,
  EventType,
  GeoPrecision,
  HighlightColor,
  LinkTargetKind,
  ParticipantRole,
  PlaceKind,
  RelationType,
  Reliability,
} from './vocabulary.ts';
import type { DocumentFormat } from './import-document.ts';

export interface Stamped {
  createdAt: string;
  updatedAt: string;
}
export interface Trashable {
  deletedAt: string | null;
}

export interface Alias {
  id: number;
  name: string;
  kind: AliasKind;
}

export interface EntityRef {
  kind: EntityKind;
  id: number;
  name: string;
}

export interface Actor extends Stamped, Trashable {
  id: number;
  /** Identity for life, across machines (exports and imports match on it). */
  uuid: string;
  seedKey: string | null;
  name: string;
  kind: ActorKind;
  description: string;
  country: string | null;
  aliases: Alias[];
}

export interface Place extends Stamped, Trashable {
  id: number;
  uuid: string;
  seedKey: string | null;
  name: string;
  kind: PlaceKind;
  description: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: GeoPrecision | null;
  aliases: Alias[];
}

export interface Participant {
  actorId: number;
  name: string;
  role: ParticipantRole;
}

export interface EventRecord extends Stamped, Trashable {
  id: number;
  uuid: string;
  seedKey: string | null;
  title: string;
  /** EDTF */
  date: string | null;
  /** Earliest ISO day the date can mean; null when the year is unknown. */
  dateMin: string | null;
  dateMax: string | null;
  type: EventType;
  subType: string | null;
  place: { id: number; name: string } | null;
  fatalities: number | null;
  summary: string;
  participants: Participant[];
}

export interface Relation extends Stamped {
  id: number;
  uuid: string;
  seedKey: string | null;
  source: { id: number; name: string };
  target: { id: number; name: string };
  type: RelationType;
  start: string | null;
  end: string | null;
  startMin: string | null;
  endMax: string | null;
  description: string;
}

export interface Source extends Stamped, Trashable {
  id: number;
  uuid: string;
  seedKey: string | null;
  title: string;
  author: string | null;
  publisher: string | null;
  published: string | null;
  publishedMin: string | null;
  publishedMax: string | null;
  language: string | null;
  url: string | null;
  reliability: Reliability;
  note: string;
  sha256: string;
  length: number;
  annotationCount: number;
  /** True while a long text, already stored, is still being indexed for search: text searches may miss it until then. */
  indexing: boolean;
}

export interface SourceDetail extends Source {
  text: string;
}

export interface EvidenceSubject {
  kind: EntityKind | 'relation';
  id: number;
  name: string;
}

export interface Evidence {
  id: number;
  uuid: string;
  /** `trashed`: the source is in the trash (links to it open its trash entry). */
  source: { id: number; title: string; trashed: boolean };
  subject: EvidenceSubject;
  field: string | null;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  credibility: number;
  comment: string;
  createdAt: string;
  /** The passage was not found again after an edit of the source's text: the selector is the old one. */
  orphaned: boolean;
}

export interface Annotation extends Stamped {
  id: number;
  uuid: string;
  /** `trashed`: the source is in the trash (links to it open its trash entry). */
  source: { id: number; title: string; trashed: boolean };
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  comment: string;
  color: HighlightColor;
  links: EntityRef[];
  /** The passage was not found again after an edit of the source's text: the selector is the old one. */
  orphaned: boolean;
}

/** How the anchors of one kind fared in a new text (see reanchor in db/anchor.ts). */
export interface ReanchorCounts {
  exact: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
}

/** sources.updateText: the source with its new hash and length, and what became of its highlights and evidence. */
export interface SourceTextUpdate {
  source: Source;
  annotations: ReanchorCounts;
  evidence: ReanchorCounts;
}

export interface NoteSummary extends Stamped, Trashable {
  id: number;
  uuid: string;
  title: string;
  excerpt: string;
  tags: string[];
}

export interface NoteLink {
  kind: LinkTargetKind;
  id: number;
  name: string;
  context: string;
  /** The target is in the trash (for a highlight: its source is). */
  trashed: boolean;
}

export interface Backlink {
  noteId: number;
  noteTitle: string;
  context: string;
  updatedAt: string;
}

export interface Note extends NoteSummary {
  body: DocNode;
  text: string;
  links: NoteLink[];
  backlinks: Backlink[];
}

export interface ActorDetail extends Actor {
  relations: Relation[];
  events: (EventRecord & { role: ParticipantRole })[];
  evidence: Evidence[];
  backlinks: Backlink[];
  annotations: Annotation[];
}

export interface PlaceDetail extends Place {
  events: EventRecord[];
  evidence: Evidence[];
  backlinks: Backlink[];
  annotations: Annotation[];
}

export interface EventDetail extends EventRecord {
  evidence: Evidence[];
  backlinks: Backlink[];
  annotations: Annotation[];
}

export interface RelationDetail extends Relation {
  evidence: Evidence[];
}

export interface Stats {
  sources: number;
  actors: number;
  places: number;
  events: number;
  relations: number;
  notes: number;
  annotations: number;
}

export interface TrashEntry {
  kind: 'note' | 'actor' | 'place' | 'event' | 'source';
  id: number;
  title: string;
  deletedAt: string;
  /** Set when a merge put it here: restoring it undoes that merge. */
  mergedInto: { mergeId: number; id: number; name: string } | null;
}

/** How many links a merge moved to the survivor (rows that duplicated the survivor's own are counted too). */
export interface MergeMoved {
  noteLinks: number;
  /** Mention chips rewritten inside note bodies. */
  mentions: number;
  relations: number;
  participants: number;
  evidence: number;
  annotationLinks: number;
  aliases: number;
  /** Events whose place moved (place merges). */
  events: number;
}

export interface MergeRecord {
  id: number;
  kind: 'actor' | 'place' | 'event';
  survivor: { id: number; name: string };
  /** The record merged away (now in the trash), with its name at the time. */
  merged: { id: number; name: string };
  moved: MergeMoved;
  /** Relations between the two records, deleted: an actor cannot be related to itself. */
  removedRelations: number;
  /** The names the survivor took as aliases. */
  aliasNames: string[];
  createdAt: string;
  undoneAt: string | null;
}

/** Whether a merge can be undone now, and if not, why in words and what can still be done. */
export interface MergeUndoStatus {
  /** Why it cannot be undone as it stands; null when it can. */
  blocked: string | null;
  /** A later merge of the same records, still in place: it must be undone first. */
  laterMerge: { id: number; survivor: string; merged: string } | null;
  /** Notes the merge rewrote and the analyst edited since: undo can leave them as they are. */
  editedNotes: { id: number; title: string }[];
}

export interface MergeHistoryEntry extends MergeRecord {
  undo: MergeUndoStatus;
}

export type RecordFromPassage =
  | { kind: 'actor'; record: Actor; evidence: Evidence }
  | { kind: 'place'; record: Place; evidence: Evidence }
  | { kind: 'event'; record: EventRecord; evidence: Evidence };

export interface NamesWithEvidence {
  /** The aliases added (names the record already had are skipped). */
  added: Alias[];
  evidence: Evidence | null;
}

export interface QuoteResult {
  noteId: number;
  annotationId: number;
}

/** Where a found date's year came from: the text itself, the source's publication date, or nowhere. */
export type DateCertainty = 'stated' | 'inferred-year' | 'unknown-year';

/** A date mentioned in a text, as EDTF; start and end are UTF-16 offsets of `text` in the text searched. */
export interface FoundDate {
  text: string;
  start: number;
  end: number;
  edtf: string;
  certainty: DateCertainty;
  /** Why this EDTF, for the analyst. */
  note: string;
}

export interface Settings {
  /** The welcome on the Notes page was closed. */
  welcomeDismissed: boolean;
}

export interface RestoreResult {
  /** The backup now in use, by name. */
  restored: string;
  /** The store it replaced, kept as a backup (its name in backups/). */
  kept: string | undefined;
}

export type ImportedSource = Source & { format: DocumentFormat };
