// Installs the packages pinned in package-lock.json into this folder's node_modules when they are
// missing. Several test processes may start at once: the first takes a lock folder, the others wait.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const here = __dirname;
const marker = path.join(here, 'node_modules', '.package-lock.json');
const lock = path.join(here, 'node_modules.installing');

function installed() {
  return fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(path.join(here, 'package-lock.json')).mtimeMs;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

module.exports = function ensureInstalled() {
  const deadline = Date.now() + 5 * 60 * 1000;
  while (!installed()) {
    try {
      fs.mkdirSync(lock);
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock left by a process that died more than 5 minutes ago is stale.
      if (Date.now() - fs.statSync(lock).mtimeMs > 5 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 5 minutes for ${lock} to go; remove it if no npm install is running`);
      sleep(250);
      continue;
    }
    try {
      if (!installed()) {
        const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
        try {
          execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
        } catch (e) {
          throw new Error(`npm ci in ${here} failed (${e.message}); the validators need the npm registry on first use`);
        }
      }
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
};
