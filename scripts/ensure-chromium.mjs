// The end-to-end stage of `npm test` drives Debian's Chromium (/usr/bin/chromium) with
// playwright-core: a browser download is not possible here. A fresh machine of this kind has no
// browser until something installs it, so this installs Debian's package when it is missing
// (as root, which these machines are) and fails with what to do when it cannot.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  console.error(`${CHROMIUM} is missing: install Debian's package first (sudo apt-get install -y chromium)`);
  process.exit(1);
}
console.log(`${CHROMIUM} is missing: installing Debian's chromium package for the end-to-end tests…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
} catch (e) {
  console.error(`could not install chromium with apt-get: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get ran but ${CHROMIUM} is still missing`);
  process.exit(1);
}
