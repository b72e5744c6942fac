// Opening a source at a passage (`?at=START&len=LENGTH`, from evidence, a
// highlight or a quote): every segment of the passage is outlined, as one
// span even where marks or paragraphs cut it, and the passage is scrolled into view.

/** The passage a link points at: its own length, else the highlight or evidence that starts there. */
function passageEnd(at: number, len: number | null, starting: readonly { start: number; end: number }[]): number | null {
  if (len !== null && len > 0) return at + len;
  return starting.find((s) => s.start === at)?.end ?? null;
}

export function focusPassage(
  body: HTMLElement,
  params: URLSearchParams,
  spans: readonly { start: number; end: number; orphaned: boolean }[],
): void {
  const at = Number(params.get('at'));
  if (!params.has('at') || !Number.isInteger(at)) return;
  const len = params.has('len') ? Number(params.get('len')) : null;
  const segments = [...body.querySelectorAll<HTMLElement>('[data-start]')];
  const startOf = (s: HTMLElement) => Number(s.dataset['start']);
  const end = passageEnd(
    at,
    len !== null && Number.isInteger(len) ? len : null,
    spans.filter((s) => !s.orphaned),
  );
  let inside = end === null ? [] : segments.filter((s) => startOf(s) >= at && startOf(s) < end);
  if (inside.length === 0) {
    // No known passage there any more: the nearest marked segment after the offset.
    const nearest =
      segments.find((s) => startOf(s) >= at && (s.dataset['annotation'] || s.dataset['evidence'])) ??
      segments.find((s) => startOf(s) >= at);
    inside = nearest ? [nearest] : [];
  }
  inside.forEach((segment) => segment.classList.add('focus'));
  inside[0]?.classList.add('focus-first');
  inside.at(-1)?.classList.add('focus-last');
  inside[0]?.scrollIntoView({ block: 'center' });
}
