// The worker thread that reads a long text for names (suggest-in-worker.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { matcherOf, type KnownLabels } from './known-labels.ts';
import { suggestWith } from './suggest-text.ts';

const { known, text } = workerData as { known: KnownLabels; text: string };
parentPort!.postMessage(suggestWith(matcherOf(known), text));
