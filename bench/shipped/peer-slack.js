// The @slack/bolt app the Slack benchmark runs beside ScorecardBot: HTTPReceiver with the same
// signing secret, a /scorecard command acknowledged with a Block Kit answer, and a block_actions
// button acknowledged and answered through response_url (the sink). No Slack network calls.
const { App, HTTPReceiver, LogLevel } = require('@slack/bolt');
const signingSecret = process.env.SLACK_SIGNING_SECRET || 'bench-signing-secret';
const port = Number(process.env.PORT || 3978);
const receiver = new HTTPReceiver({ signingSecret, endpoints: ['/slack/events'], logLevel: LogLevel.WARN });
const app = new App({
  receiver,
  authorize: async () => ({ botToken: 'xoxb-fake', botId: 'B0001', botUserId: 'U0001' }),
  logLevel: LogLevel.WARN,
});
const blocks = (text) => [{ type: 'section', text: { type: 'mrkdwn', text } }];
app.command('/scorecard', async ({ command, ack }) => {
  await ack({ response_type: 'ephemeral', text: command.text, blocks: blocks(`You asked: ${command.text}`) });
});
app.action(/.*/, async ({ ack, respond, body }) => {
  await ack();
  await respond({ replace_original: true, text: 'Recorded', blocks: blocks(`Recorded ${JSON.stringify(body.state?.values ?? {})}`) });
});
app.error(async (e) => console.error('[bolt error]', e));
(async () => {
  await app.start({ port, host: '127.0.0.1' });
  console.log(`bolt on 127.0.0.1:${port}/slack/events`);
})();
