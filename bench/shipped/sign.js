// usage: node sign.js <mode> <count> <tag> > file
// Writes <count> distinct signed Slack request bodies ("ts<TAB>signature<TAB>body" per line), all with
// the current timestamp. mode "command": /scorecard how is on-time delivery doing (varying trigger_id).
// mode "submit": a block_actions submit of a prompt that stores an actual (KPIs from env KPIS, rotated;
// period env PERIOD; a different value each time; confirmed, as the "are you sure?" card's Submit is, so
// a value far from a KPI's usual level is stored, not asked about). The prompt is an ephemeral message (as a slash
// command's answer is), so the recorded card replaces it through response_url (the sink); a prompt
// posted in the DM would be replaced with chat.update, which Slack holds to its Tier 3 rate.
const crypto = require('node:crypto');
const secret = process.env.SLACK_SIGNING_SECRET || 'bench-signing-secret';
const [mode = 'command', countText = '100000', tag = 'run'] = process.argv.slice(2);
const count = Number(countText);
const team = process.env.SLACK_TEAM || 'T0BENCH';
const user = process.env.SLACK_USER || 'U0CARLOS';
const kpis = (process.env.KPIS || '').split(',').filter(Boolean);
const period = process.env.PERIOD || '2026-11';
const sink = process.env.SINK || 'http://127.0.0.1:3979';
const ts = Math.floor(Date.now() / 1000).toString();
const out = [];
for (let i = 0; i < count; i++) {
  let body;
  if (mode === 'command') {
    body = `token=x&team_id=${team}&team_domain=bench&channel_id=D0BENCH&channel_name=directmessage&user_id=${user}&user_name=carlos` +
      `&command=%2Fscorecard&text=how+is+on-time+delivery+doing&api_app_id=A0BENCH` +
      `&response_url=${encodeURIComponent(`${sink}/response/${tag}/${i}`)}&trigger_id=${tag}.${i}.${crypto.randomBytes(4).toString('hex')}`;
  } else {
    const kpi = kpis[i % kpis.length];
    const value = (90 + (i % 997) / 100).toFixed(2);
    const payload = {
      type: 'block_actions',
      team: { id: team, domain: 'bench' },
      user: { id: user, team_id: team },
      api_app_id: 'A0BENCH',
      trigger_id: `${tag}.${i}.${crypto.randomBytes(4).toString('hex')}`,
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D0BENCH', is_ephemeral: true },
      channel: { id: 'D0BENCH', name: 'directmessage' },
      response_url: `${sink}/response/${tag}/${i}`,
      state: { values: { value: { value: { type: 'plain_text_input', value } }, comment: { comment: { type: 'plain_text_input', value: `bench ${tag} ${i}` } } } },
      actions: [{ type: 'button', action_id: 'scorecard.actual.submit', block_id: 'actions', value: JSON.stringify({ kpi, period, confirm: 'true' }), action_ts: `${ts}.000001` }],
    };
    body = 'payload=' + encodeURIComponent(JSON.stringify(payload));
  }
  const sig = 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  out.push(`${ts}\t${sig}\t${body}`);
  if (out.length === 10000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
