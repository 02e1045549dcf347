// A minimal @slack/bolt app on 127.0.0.1:PORT/slack/events: HTTPReceiver (RECEIVER=express for
// ExpressReceiver) checking SLACK_SIGNING_SECRET, and a /scorecard command acknowledged with an
// ephemeral text. Its authorize function answers from memory, so it makes no call to Slack.
'use strict';
const { App, ExpressReceiver, HTTPReceiver, LogLevel } = require('@slack/bolt');

const signingSecret = process.env.SLACK_SIGNING_SECRET;
if (!signingSecret) {
  console.error('SLACK_SIGNING_SECRET is not set');
  process.exit(2);
}
const port = Number(process.env.PORT || 3000);
const receiver = process.env.RECEIVER === 'express'
  ? new ExpressReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.WARN })
  : new HTTPReceiver({ signingSecret, endpoints: ['/slack/events'], logLevel: LogLevel.WARN });

const app = new App({
  receiver,
  authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BENCH' }),
  logLevel: LogLevel.WARN,
});
app.command('/scorecard', async ({ command, ack }) => {
  await ack({ response_type: 'ephemeral', text: `scorecard ${command.text || 'help'}` });
});
app.error(async error => console.error('bolt error:', error.message));

app.start({ port, host: '127.0.0.1' }).then(() => console.log(`bolt on 127.0.0.1:${port}/slack/events`));
