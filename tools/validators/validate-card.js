#!/usr/bin/env node
// Checks Adaptive Card JSON files with Microsoft's adaptivecards library, the renderer Teams' web
// client is built on: the card is parsed and its properties validated as a client would.
// Usage: node validate-card.js CARD.json|FOLDER [...]  (a folder: every *.json in it)
// Prints one JSON line per card: {"file","version","bytes","errors":[],"warnings":[]}.
// Exit code: 0 when no card has an error, 1 when one has, 2 on a usage error.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
require('./install')();
// The package's main entry is ES module source that Node cannot load; dist/ holds the bundled library.
const AC = require('adaptivecards/dist/adaptivecards.js');

// Teams' own payload limit for a message with a card is about 28 KB.
const maxBytes = 28 * 1024;
// Validation events that make Teams refuse or misrender the card. Every other event is a warning.
const errorEvents = new Set([
  'UnknownElementType', 'UnknownActionType', 'InvalidPropertyValue', 'MissingCardType', 'PropertyCantBeNull',
  'DuplicateId', 'UnsupportedCardVersion', 'ActionTypeNotAllowed', 'ElementTypeNotAllowed',
  'RequiredInputsShouldHaveLabel', 'RequiredInputsShouldHaveErrorMessage', 'InteractivityNotAllowed', 'Deprecated',
]);

const files = [];
for (const arg of process.argv.slice(2)) {
  if (!fs.existsSync(arg)) {
    console.error(`no such file or folder: ${arg}`);
    process.exit(2);
  }
  if (fs.statSync(arg).isDirectory()) {
    files.push(...fs.readdirSync(arg).filter(f => f.endsWith('.json')).sort().map(f => path.join(arg, f)));
  } else {
    files.push(arg);
  }
}
if (files.length === 0) {
  console.error('usage: node validate-card.js CARD.json|FOLDER [...]');
  process.exit(2);
}

// The library logs through console.log on some parse paths; keep stdout to one JSON line per card.
const print = console.log;
console.log = () => {};

let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    print(JSON.stringify({ file, bytes: Buffer.byteLength(text), errors: [`not JSON: ${e.message}`], warnings: [] }));
    failed++;
    continue;
  }

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);

  const errors = [];
  const warnings = [];
  for (const event of events) {
    const name = AC.ValidationEvent[event.event];
    (errorEvents.has(name) ? errors : warnings).push(`${name}: ${event.message}`);
  }
  if (json === null || typeof json !== 'object' || json.type !== 'AdaptiveCard') {
    errors.push('MissingCardType: the top-level "type" must be "AdaptiveCard"');
  }
  const bytes = Buffer.byteLength(JSON.stringify(json));
  if (bytes > maxBytes) errors.push(`PayloadTooLarge: ${bytes} bytes, Teams accepts about ${maxBytes}`);

  if (errors.length > 0) failed++;
  print(JSON.stringify({ file, version: card.version ? card.version.toString() : null, bytes, errors, warnings }));
}
process.exit(failed > 0 ? 1 : 0);
