// usage: node sign-many.js <count> <tag> > file
// Writes <count> distinct signed /scorecard help bodies ("ts<TAB>signature<TAB>body" per line),
// all with the current timestamp, varying trigger_id so no two signatures are equal.
const crypto = require('node:crypto');
const secret = process.env.SLACK_SIGNING_SECRET || 'test-signing-secret';
const count = Number(process.argv[2] || 100000);
const tag = process.argv[3] || 'run';
const ts = Math.floor(Date.now() / 1000).toString();
const out = [];
for (let i = 0; i < count; i++) {
  const body = `token=x&team_id=T1&team_domain=acme&channel_id=D1&channel_name=directmessage&user_id=U1&user_name=ana` +
    `&command=%2Fscorecard&text=help&api_app_id=A1` +
    `&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=${tag}.${i}.${crypto.randomBytes(4).toString('hex')}`;
  const sig = 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  out.push(`${ts}\t${sig}\t${body}`);
  if (out.length === 10000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
