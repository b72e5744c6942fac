// Debounced saving that loses nothing: edits made while a save is in flight
// trigger another save when it returns; flush() waits for everything.

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private inFlight: Promise<void> | undefined;
  private state: SaveState = 'saved';
  private readonly save: () => Promise<void>;
  private readonly onState: (state: SaveState, error?: Error) => void;
  private readonly delayMs: number;

  constructor(save: () => Promise<void>, onState: (state: SaveState, error?: Error) => void, delayMs = 500) {
    this.save = save;
    this.onState = onState;
    this.delayMs = delayMs;
  }

  get pending(): boolean {
    return this.dirty || this.inFlight !== undefined;
  }

  /** An edit happened: save after a pause in typing. */
  touch(): void {
    this.dirty = true;
    this.setState('unsaved');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves now whatever is unsaved, and resolves once every save has landed. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    while (this.dirty || this.inFlight) {
      if (this.inFlight) {
        await this.inFlight.catch(() => undefined);
        continue;
      }
      this.dirty = false;
      this.setState('saving');
      this.inFlight = this.save().then(
        () => {
          this.inFlight = undefined;
          if (!this.dirty) this.setState('saved');
        },
        (error: Error) => {
          this.inFlight = undefined;
          this.dirty = true;
          this.setState('error', error);
          throw error;
        },
      );
      try {
        await this.inFlight;
      } catch {
        return;
      }
    }
  }

  private setState(state: SaveState, error?: Error): void {
    if (state === this.state && state !== 'error') return;
    this.state = state;
    this.onState(state, error);
  }
}
