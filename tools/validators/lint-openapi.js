#!/usr/bin/env node
// Lints an OpenAPI document with Redocly's CLI and its recommended rules, as an API's consumers'
// tools would read it. Usage: node lint-openapi.js OPENAPI.json
// Prints Redocly's report. Exit code: 0 when it reports no error, 1 when it does, 2 on a usage error.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
require('./install')();

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error(`no such file: ${file}`);
  process.exit(2);
}

const cli = path.join(__dirname, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const result = spawnSync(process.execPath, [cli, 'lint', path.resolve(file), '--extends=recommended', '--format=stylish'], {
  cwd: __dirname,
  stdio: ['ignore', 'inherit', 'inherit'],
  // No telemetry and no update check: the tests run offline but for the npm registry.
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  timeout: 4 * 60 * 1000,
});
if (result.error) {
  console.error(`redocly did not run: ${result.error.message}`);
  process.exit(2);
}
process.exit(result.status === 0 ? 0 : 1);
