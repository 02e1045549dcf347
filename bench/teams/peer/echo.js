// The Bot Framework JavaScript SDK's echo bot on 127.0.0.1:3978/api/messages, unauthenticated
// local mode (no app id, as the bench host): it answers each message with "Echo: <text>", sent
// to the activity's serviceUrl like any Bot Framework reply.
'use strict';
const http = require('node:http');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
adapter.onTurnError = async (context, error) => console.error('turn failed:', error.message);

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}
const bot = new EchoBot();

// CloudAdapter.process expects the restify/express request and response shapes; give the plain
// Node objects the few members it uses.
function asResponse(res) {
  res.status = code => { res.statusCode = code; return res; };
  res.header = (name, value) => { res.setHeader(name, value); return res; };
  res.send = body => {
    if (body === undefined) return res;
    if (typeof body === 'object' && !Buffer.isBuffer(body)) {
      res.setHeader('content-type', 'application/json');
      body = JSON.stringify(body);
    }
    res.write(body);
    return res;
  };
  return res;
}

http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.writeHead(404);
    res.end();
    return;
  }
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', async () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    try {
      await adapter.process(req, asResponse(res), context => bot.run(context));
    } catch (error) {
      console.error('process failed:', error.message);
      if (!res.headersSent) res.statusCode = 500;
    }
    res.end();
  });
}).listen(3978, '127.0.0.1', () => console.log('echo bot on 127.0.0.1:3978/api/messages'));
