// A dropped or chosen file as base64, read with progress. Large files are
// encoded in slices (never String.fromCharCode(...everyByte), which overflows
// the stack), yielding between slices so the page keeps painting.
import { MAX_IMPORT_BYTES } from '../../../../db/shared/import-document.ts';

export { MAX_IMPORT_BYTES };
/** The API's own words for a file over the limit. */
export const TOO_LARGE = 'the file is larger than 50 MB';

/** A multiple of 3, so the base64 of each slice joins without padding in between. */
const SLICE = 3 * 64 * 1024;

function readBytes(file: File, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error(`the file cannot be read (${reader.error?.name ?? 'unknown error'})`));
    reader.readAsArrayBuffer(file);
  });
}

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Base64 of `bytes`, slice by slice. */
export async function bytesToBase64(bytes: Uint8Array, onProgress: (fraction: number) => void = () => undefined): Promise<string> {
  const parts: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += SLICE) {
    const slice = bytes.subarray(offset, offset + SLICE);
    let binary = '';
    for (let i = 0; i < slice.length; i += 8192) {
      binary += String.fromCharCode.apply(null, slice.subarray(i, i + 8192) as unknown as number[]);
    }
    parts.push(btoa(binary));
    if (parts.length % 16 === 0) {
      onProgress(offset / bytes.length);
      await nextFrame();
    }
  }
  return parts.join('');
}

/** Reads `file` into base64; `onProgress` gets 0 to 1 over reading and encoding. Refuses files over 50 MB unread. */
export async function fileToBase64(file: File, onProgress: (fraction: number) => void): Promise<string> {
  if (file.size > MAX_IMPORT_BYTES) throw new Error(TOO_LARGE);
  const bytes = await readBytes(file, (f) => onProgress(f * 0.8));
  return bytesToBase64(bytes, (f) => onProgress(0.8 + f * 0.2));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
