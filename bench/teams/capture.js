// The connector the replies go to: answers every POST/PUT like the Bot Framework connector
// ({"id": ...}) and counts them; GET /count returns {"count": N}. Listens on 127.0.0.1 only,
// port CAPTURE_PORT (3979). QUIET=1 stops it from printing each request.
'use strict';
const http = require('node:http');

const port = Number(process.env.CAPTURE_PORT || 3979);
const quiet = process.env.QUIET === '1';
let count = 0;

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', () => {
    count++;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/count') {
      res.end(JSON.stringify({ count }));
      return;
    }
    if (!quiet) console.log(`${req.method} ${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
    res.end(JSON.stringify({ id: `reply-${count}` }));
  });
}).listen(port, '127.0.0.1', () => console.log(`capture on 127.0.0.1:${port}`));
