// The Bot Framework JS SDK (botbuilder) echo bot the Teams benchmark runs beside ScorecardBot:
// CloudAdapter with no app id (like ScorecardBot's local mode), replying through the connector at
// the activity's serviceUrl (the sink). Text is echoed; a card submit is answered with what it sent.
const http = require('node:http');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication, ActivityHandler } = require('botbuilder');
const port = Number(process.env.PORT || 3978);
const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (ctx, err) => { console.error('[onTurnError]', err); };
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      if (ctx.activity.value) await ctx.sendActivity(`Submitted: ${JSON.stringify(ctx.activity.value)}`);
      else await ctx.sendActivity(`Echo: ${ctx.activity.text}`);
      await next();
    });
  }
}
const bot = new EchoBot();
// CloudAdapter.process expects Express-like request/response objects.
function shim(res) {
  res.status = (c) => { res.statusCode = c; return res; };
  res.header = (k, v) => { res.setHeader(k, v); return res; };
  res.send = (b) => {
    if (b === undefined) return;
    if (typeof b === 'object' && !Buffer.isBuffer(b)) { res.setHeader('content-type', 'application/json'); b = JSON.stringify(b); }
    res.write(b);
  };
  return res;
}
http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') { res.writeHead(404); return res.end(); }
  let body = '';
  req.on('data', c => body += c);
  req.on('end', async () => {
    try { req.body = JSON.parse(body); } catch { res.writeHead(400); return res.end(); }
    try { await adapter.process(req, shim(res), (ctx) => bot.run(ctx)); } catch (e) {
      console.error('[process]', e);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  });
}).listen(port, '127.0.0.1', () => console.log(`botbuilder echo on 127.0.0.1:${port}/api/messages`));
