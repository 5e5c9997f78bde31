/** Baseline child: a raw node:http server answering every POST with a canned JSON-RPC tool result. */
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? '0');
const RESULT = {
  content: [{ type: 'text', text: '0.1 + 0.2 = 0.3' }],
  structuredContent: { result: '0.3', exact: true },
};

createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    // Parse the body as any JSON-RPC server must, to echo the request id.
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: unknown };
    const body = JSON.stringify({ result: RESULT, jsonrpc: '2.0', id: request.id ?? null });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
}).listen(port, '127.0.0.1');
