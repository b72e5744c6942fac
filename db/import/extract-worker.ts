// The worker thread that reads an imported file (see sandbox.ts): a file that
// explodes while being read takes only this thread down, never the process
// that serves the API.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../shared/errors.ts';
import { measureText } from '../search/prepared-text.ts';
import { extractDocument } from './extract.ts';

const { fileName, bytes } = workerData as { fileName: string; bytes: Uint8Array };
try {
  const document = await extractDocument({
    fileName,
    bytes,
    onProgress: (done, total) => parentPort!.postMessage({ type: 'progress', done, total }),
  });
  // Measured here, so that the store's thread does not read the whole text for it (prepared-text.ts).
  parentPort!.postMessage({ type: 'done', document, measured: measureText(document.text) });
} catch (error) {
  const refused = error instanceof ApiError ? error.toJSON() : undefined;
  parentPort!.postMessage({ type: 'failed', refused, message: error instanceof Error ? error.message : String(error) });
}
