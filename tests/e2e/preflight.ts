// Run by `npm test` before the tests: says in one line which browser the
// end-to-end tests drive, after starting and closing it once. A browser that
// cannot start stops the run here, within a minute, with the reason, instead
// of failing every end-to-end file in turn.
import { chooseChromium, launchChromium } from './chromium.ts';

const GIVE_UP_MS = 55_000;
const giveUp = setTimeout(() => {
  console.error(`e2e browser: no answer within ${GIVE_UP_MS / 1000} s; giving up`);
  process.exit(1);
}, GIVE_UP_MS);

try {
  const choice = await chooseChromium();
  const browser = await launchChromium();
  const version = browser.version();
  await browser.close();
  console.log(`e2e browser: Chromium ${version}, ${choice.origin}`);
  clearTimeout(giveUp);
} catch (error) {
  console.error(`e2e browser: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
