// A tiny round-robin HTTP proxy for the two-instance payment benchmark: each request goes to the
// next upstream in turn over kept-alive connections, as a load balancer in front of stateless
// cloud instances would send it. Env: PORT, UPSTREAMS (comma-separated base URLs).
import { Agent, createServer, request } from 'node:http';

const upstreams = (process.env.UPSTREAMS ?? '')
  .split(',')
  .filter(Boolean)
  .map((u) => new URL(u));
if (upstreams.length === 0) throw new Error('UPSTREAMS: expected comma-separated base URLs');
const agent = new Agent({ keepAlive: true, maxSockets: 128 });
let next = 0;

const server = createServer((req, res) => {
  const target = upstreams[next++ % upstreams.length]!;
  const upstream = request(
    {
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy: ${e.message}`);
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
