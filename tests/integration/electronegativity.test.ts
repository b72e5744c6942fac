// Doyensec's electronegativity, run offline over the desktop shell's sources
// (electron/): no HIGH-severity finding is allowed.
//
// Offline: the scan runs in a child process in which every Node network entry
// point (net, tls, http(s), http2, dns, fetch) throws and is recorded, and the
// HTTP client electronegativity uses ('got': its translation download and the
// release list of the security-fixes check) is replaced by one that always
// fails. The test asserts that nothing even tried.
//
// Excluded: AvailableSecurityFixesGlobalCheck, the one check that needs the
// network (it downloads Electron's release notes from GitHub). The Electron
// version is given (from node_modules/electron) instead of being looked up.
//
// Not vacuous: the scan must cover every file in electron/, a deliberately
// insecure fixture must be flagged HIGH, and so must a copy of electron/ with
// contextIsolation turned off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, tempDir } from '../helpers.ts';

const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const ELECTRON_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
  .version;

interface Finding {
  id: string;
  file: string;
  line: number;
  severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  confidence: string;
  description: string;
}
interface Scan {
  files: string[];
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
  networkAttempts: string[];
}

const RUNNER = String.raw`'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const attempts = [];
const refuse = (what) => function refused() {
  attempts.push(what);
  throw new Error('network disabled for this scan (' + what + ')');
};
const net = require('node:net');
for (const [name, mod] of [['net', net], ['tls', require('node:tls')]]) {
  mod.connect = refuse(name + '.connect');
  mod.createConnection = refuse(name + '.createConnection');
}
net.Socket.prototype.connect = refuse('net.Socket.connect');
for (const [name, mod] of [['http', require('node:http')], ['https', require('node:https')], ['http2', require('node:http2')]]) {
  for (const fn of ['request', 'get', 'connect']) if (typeof mod[fn] === 'function') mod[fn] = refuse(name + '.' + fn);
}
const dns = require('node:dns');
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[fn] = refuse('dns.' + fn);
dns.promises.lookup = refuse('dns.promises.lookup');
globalThis.fetch = refuse('fetch');
const offline = () => Promise.reject(new Error('offline'));
const offlineGot = Object.assign(offline, { head: offline, get: offline, post: offline });
const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'got' ? offlineGot : load.call(this, request, parent, isMain);
};

const [root, input, output, exclude, electronVersion] = process.argv.slice(2);
(async () => {
  const entry = require.resolve('@doyensec/electronegativity', { paths: [root] });
  const run = require(entry);
  const { LoaderDirectory } = require(path.join(path.dirname(entry), 'loader'));
  const loader = new LoaderDirectory();
  await loader.load(input);
  const result = await run({
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: exclude.split(',').filter(Boolean),
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  }, false);
  fs.writeFileSync(output, JSON.stringify({
    files: [...loader.list_files].map((file) => path.relative(input, file)),
    globalChecks: result.globalChecks,
    atomicChecks: result.atomicChecks,
    errors: result.errors,
    issues: result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file,
      line: issue.location.line,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      description: issue.description,
    })),
    networkAttempts: attempts,
  }));
})().catch((error) => {
  console.error((error && error.stack) || error);
  process.exit(1);
});
`;

const work = tempDir('fieldbook-electronegativity-');
const runner = path.join(work, 'run-electronegativity.cjs');
fs.writeFileSync(runner, RUNNER);
let scans = 0;

function scan(input: string): Scan {
  const output = path.join(work, `scan-${++scans}.json`);
  const result = spawnSync(
    process.execPath,
    [runner, ROOT, input, output, EXCLUDED_CHECKS.map((check) => check.toLowerCase()).join(','), ELECTRON_VERSION],
    {
      cwd: work,
      // A fixed locale (electronegativity picks its messages by LANG), and no proxy to be tempted by.
      env: { ...process.env, LANG: 'en-US', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  assert.equal(result.status, 0, `electronegativity failed:\n${result.stdout}\n${result.stderr}`);
  const parsed = JSON.parse(fs.readFileSync(output, 'utf8')) as Scan;
  assert.deepEqual(parsed.networkAttempts, [], 'the scan tried to reach the network');
  return parsed;
}

const high = (found: Scan) => found.issues.filter((issue) => issue.severity === 'HIGH');
const describeFinding = (issue: Finding) => `${issue.id} ${issue.file}:${issue.line} (${issue.confidence}): ${issue.description}`;

describe('electronegativity', () => {
  test('electron/ has no HIGH-severity finding', () => {
    const found = scan(path.join(ROOT, 'electron'));
    const sources = fs.readdirSync(path.join(ROOT, 'electron')).filter((name) => /\.(ts|js)$/.test(name));
    assert.ok(sources.length > 0);
    assert.deepEqual([...found.files].sort(), [...sources].sort(), 'every source file is scanned');
    assert.ok(found.atomicChecks > 20 && found.globalChecks > 0, `${found.atomicChecks} atomic, ${found.globalChecks} global checks`);
    assert.deepEqual(
      found.errors.filter((error) => !error.tolerable),
      [],
      'every file parsed',
    );
    assert.deepEqual(high(found).map(describeFinding), []);
    // The rest, for the record (run with --test-reporter=spec to see them).
    for (const issue of found.issues) console.log(`electronegativity: ${issue.severity} ${describeFinding(issue)}`);
  });

  test('not vacuous: a deliberately insecure window is flagged HIGH', () => {
    const fixture = path.join(work, 'insecure-app');
    fs.mkdirSync(fixture);
    fs.writeFileSync(
      path.join(fixture, 'main.js'),
      [
        "const { app, BrowserWindow } = require('electron');",
        'app.whenReady().then(() => {',
        '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });',
        "  win.loadURL('http://example.com/');",
        '});',
        '',
      ].join('\n'),
    );
    const found = scan(fixture);
    assert.deepEqual(found.files, ['main.js']);
    const ids = high(found).map((issue) => issue.id);
    assert.ok(ids.includes('CONTEXT_ISOLATION_JS_CHECK'), `HIGH findings: ${ids.join(', ') || 'none'}`);
  });

  test('not vacuous: electron/ with contextIsolation switched off is flagged HIGH', () => {
    const copy = path.join(work, 'electron-mutated');
    fs.cpSync(path.join(ROOT, 'electron'), copy, { recursive: true });
    const file = path.join(copy, 'security.ts');
    const source = fs.readFileSync(file, 'utf8');
    assert.match(source, /contextIsolation: true,/);
    fs.writeFileSync(file, source.replace('contextIsolation: true,', 'contextIsolation: false,'));
    const flagged = high(scan(copy));
    assert.ok(
      flagged.some((issue) => issue.id === 'CONTEXT_ISOLATION_JS_CHECK' && issue.file === 'security.ts'),
      `HIGH findings: ${flagged.map(describeFinding).join('; ') || 'none'}`,
    );
  });
});
