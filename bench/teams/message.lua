-- wrk script: Teams message activities into POST /api/messages, spread over 500 personal
-- conversations (one conversation would be held to Teams' 7 msgs/s by the bot's own limiter).
local template = [[{"type":"message","id":"1571689431275","channelId":"msteams","serviceUrl":"http://127.0.0.1:3979/","text":"status","textFormat":"plain","locale":"en-US","from":{"id":"29:1kbOecyrymSn1FtrbJlQNF","name":"Ana Lima","aadObjectId":"6d415fdd-f97e-4f70-ac45-e69601e4ecb2"},"recipient":{"id":"28:scorecardbot-local","name":"ScorecardBot"},"conversation":{"conversationType":"personal","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","id":"a:conversation-%d"},"channelData":{"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"}},"entities":[{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web"}]}]]
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  return wrk.format(nil, "/api/messages", nil, string.format(template, counter % 500))
end
