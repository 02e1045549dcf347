#!/usr/bin/env node
// Checks a Teams app manifest.json against the Microsoft schema its "$schema" names. The schemas
// (v1.0 to v1.x and devPreview) ship inside @microsoft/app-manifest, so no network is needed.
// Usage: node validate-manifest.js manifest.json
// Prints one "error: ..." line per problem, then "N errors". Exit code: 0 when valid, 1 when not,
// 2 on a usage error or when the manifest cannot be read.
'use strict';
const fs = require('node:fs');
require('./install')();
const { AppManifestUtils } = require('@microsoft/app-manifest');

async function main() {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error('usage: node validate-manifest.js manifest.json');
    return 2;
  }
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    return 2;
  }
  const schema = typeof manifest.$schema === 'string' ? manifest.$schema : '';
  if (!/\/v1\.\d+\/|devPreview/.test(schema)) {
    console.log(`error: "$schema" must name a published Teams manifest schema (it is "${schema}")`);
    console.log('1 errors');
    return 1;
  }
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  for (const error of errors) console.log(`error: ${error}`);
  console.log(`${errors.length} errors`);
  return errors.length > 0 ? 1 : 0;
}

main().then(code => process.exit(code), e => {
  console.error(`validator failed: ${e.message}`);
  process.exit(2);
});
