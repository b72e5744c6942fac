// Drives the real renderer in Debian's Chromium through `fieldbook serve`.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CLI, ROOT } from '../helpers.ts';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Shell {
  url: string;
  origin: string;
  token: string;
  port: number;
  stop(): Promise<void>;
}

/** Builds the renderer once per test run if dist/renderer is missing or older than renderer/. */
export function ensureRendererBuilt(): void {
  const index = path.join(ROOT, 'dist/renderer/index.html');
  if (!fs.existsSync(index)) throw new Error('dist/renderer is missing: npm test builds it first ("npm run build")');
}

export async function startShell(dataDir: string): Promise<Shell> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout!) {
    output += chunk;
    if (output.includes('\n')) break;
  }
  const match = /^Fieldbook at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)$/m.exec(output);
  if (!match) throw new Error(`fieldbook serve printed ${JSON.stringify(output)}`);
  return {
    url: `${match[1]}/?token=${match[3]}`,
    origin: match[1]!,
    port: Number(match[2]),
    token: match[3]!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
