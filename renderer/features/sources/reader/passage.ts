/** A passage selected in the reader: what the passage actions and the new-record form work on. */
export interface Passage {
  sourceId: number;
  sourceTitle: string;
  published: string | null;
  quote: string;
  start: number;
  end: number;
}
