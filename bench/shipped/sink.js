// Fake Bot Framework connector and fake Slack Web API / response_url on 127.0.0.1, for the
// shipped-host benchmark. Answers the Teams member lookup and Slack's users.info with the e-mail
// named in SINK_PEOPLE ("29:bench-carlos=carlos.mendoza@prairieline.example,UCARLOS=..."), and
// counts every reply it receives, with the time of the last one in ms (GET /count).
const http = require('node:http');
const port = Number(process.env.SINK_PORT || 3979);
const people = new Map((process.env.SINK_PEOPLE || '').split(',').filter(Boolean).map(p => p.split('=')));
const counts = { teams: 0, slack: 0, members: 0, users: 0, other: 0, teamsAt: 0, slackAt: 0 };
let last = '';

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const url = req.url;
    if (url === '/count') return json(res, 200, counts);
    if (url === '/last') return json(res, 200, { body: last });
    if (url === '/reset' ) { for (const k of Object.keys(counts)) counts[k] = 0; return json(res, 200, counts); }
    const body = Buffer.concat(chunks).toString();
    // Teams: GET /v3/conversations/{conversation}/members/{user}
    const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(url);
    if (req.method === 'GET' && member) {
      counts.members++;
      const id = decodeURIComponent(member[1]);
      const email = people.get(id);
      if (!email) return json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      return json(res, 200, { id, name: email.split('@')[0], aadObjectId: 'aad-' + id.replace(/[^a-z0-9]/gi, ''), email, userPrincipalName: email });
    }
    // Teams: replies, sends and updates
    if (url.startsWith('/v3/conversations/')) {
      counts.teams++;
      counts.teamsAt = Date.now();
      last = body;
      return json(res, 200, { id: 'reply-' + counts.teams });
    }
    // Slack Web API
    if (url.startsWith('/api/users.info')) {
      counts.users++;
      const user = new URLSearchParams(body).get('user') || (body.startsWith('{') ? JSON.parse(body).user : '');
      const email = people.get(user);
      if (!email) return json(res, 200, { ok: false, error: 'user_not_found' });
      return json(res, 200, { ok: true, user: { id: user, team_id: 'T0BENCH', name: user, real_name: user, is_bot: false, deleted: false, tz: 'UTC', profile: { email } } });
    }
    if (url.startsWith('/api/') || url.startsWith('/response/')) {
      counts.slack++;
      counts.slackAt = Date.now();
      last = body;
      return json(res, 200, { ok: true, channel: 'D0BENCH', ts: `1700000000.${String(counts.slack).padStart(6, '0')}` });
    }
    counts.other++;
    json(res, 404, { error: 'unknown' });
  });
}).listen(port, '127.0.0.1', () => console.log(`sink on 127.0.0.1:${port}`));
