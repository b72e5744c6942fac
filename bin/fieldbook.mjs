#!/usr/bin/env node
// @ts-check (type-checked by tsconfig.scripts.json)
// Launcher for the Fieldbook CLI. The CLI is TypeScript run by Node's own
// type stripping (Node 22.18+): no build step.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `fieldbook: needs Node 22.18 or newer (this is ${process.version}). ` +
      'Run it through npm ("npm run fieldbook -- ARGS"), which uses the Node 22 installed with the project.',
  );
  process.exit(2);
}
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
