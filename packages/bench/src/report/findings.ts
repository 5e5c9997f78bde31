/**
 * Why a target was missed: analysis from profiling, shown only for targets a run misses. The profile figures
 * come from three runs of `pnpm --filter @bulkhead/bench profile` (calculator bin, 16 connections, 5 s,
 * 2026-11-21, on this 2-core machine while other test suites ran); re-run it to check them against a newer build.
 */

const HTTP_PATH = [
  'The calculator spends its CPU in the per-request HTTP/SDK exchange core serves through, not in core’s layers.',
  'Three CPU profiles of the calculator bin under 16 connections (`pnpm --filter @bulkhead/bench profile`; share of',
  'busy CPU, range over the three): writing the response 15–21% (`toNodeHandler` pipes the web `Response` into',
  '`res` as a chunked body, so every answer is a multi-buffer `writev`; the raw baseline sends one buffer with',
  'Content-Length — on a loaded machine part of this is the thread descheduled inside the syscall), garbage',
  'collection 11–19%, core’s `callTool` pipeline 8–9% (of which `AbortSignal.any`/`AbortSignal.timeout`/',
  '`throwIfAborted` about half, logging formatting 1%, metrics 0.4%, zod input/output validation 0.3%), the',
  'Node→web request conversion (`toWebRequest`, undici) 4–5%, core’s own HTTP route (body read, JSON parse,',
  'guards) ~4%, and the SDK’s per-request transport teardown 2.5–10% (after every answer `Protocol._onclose`',
  'builds an `SdkError("Connection closed")` with a stack trace and aborts the request’s AbortController, which',
  'fans out into the composite signal core derives with `AbortSignal.any`). The remaining 34–50% is spread thin:',
  'SDK dispatch (`classifyInboundRequest` zod-parses the JSON-RPC envelope, `serveModern`, `Response.json`),',
  'pino’s writes of the per-call log line to the log file (~6%) and Node’s HTTP parser.',
  'The in-process layer table agrees: core’s whole `callTool` pipeline costs a few tens of CPU µs, against the',
  'several hundred µs of server CPU per request in the HTTP table. ADR 0002’s savings (one Ajv, the listing built',
  'once) are real — building the SDK `Server` costs ~1 µs, and Bulkhead needs clearly less CPU per request than the',
  'SDK baseline — but the v2 handler’s per-request web-standard exchange is a floor both stand on.',
  'Proposed fix in core (not made here): a fast path in `serve-http.ts` for a single 2026-07-28 `tools/call` or',
  '`tools/list` (core has already parsed and checked the body): check the envelope and the',
  'MCP-Protocol-Version/Mcp-Method/Mcp-Name headers (the SDK exports `classifyInboundRequest` for this), run the',
  'registry’s `callTool` directly and answer with one `res.end(json)` with Content-Length; everything else',
  '(initialize and the legacy era, notifications, streaming, `server/discover`) keeps going through',
  '`createMcpHandler`. In `callTool`, replace `AbortSignal.any([...])` + `AbortSignal.timeout()` per call with one',
  'AbortController whose listeners are removed and deadline timer cleared in `finally`, so late aborts cost nothing',
  'and no 30 s timer outlives its call. Then re-run `pnpm bench` and the both-era tests.',
].join(' ');

/** Analysis per target id; see docs/benchmarks.md. */
export const FINDINGS: Readonly<Record<string, string>> = {
  'calc-vs-raw': HTTP_PATH,
  'calc-vs-sdk': 'Same cause as the raw-ratio miss above: both servers pay the SDK’s per-request exchange; see there.',
  'calc-p99':
    'The p99 follows from the throughput: with 16 connections always busy, the mean latency is 16 divided by the' +
    ' req/s in the table (Little’s law), and garbage-collection pauses (11–19% of CPU in the profiles) land in the' +
    ' tail. The fast path above is the fix; the machine was also busy with other test suites (see the load' +
    ' average), which stretches tails.',
  'mutation-vs-calc':
    'Every call executes a real ledger transaction (new request_id each): Redis round trips for the rate' +
    ' limit, the claim and the completion, plus a PostgreSQL transaction. A CPU profile of the billing bin' +
    ' under load showed the pg socket writes (one per statement) dominating, so the summary is now one' +
    ' statement (was 7) and posting a ledger transaction one statement (a credit: 11 round trips down to' +
    ' 7); the summary got 1.4–1.9× faster. What is left is serialization, not CPU: every credit in a' +
    ' currency updates the cached balance of the shared house account and holds that row lock until' +
    ' COMMIT, so concurrent credits queue. Dropping the cached balance for house accounts (a schema' +
    ' change) is the next step; core’s three Redis round trips and the log writes come after.',
  'cold-calculator':
    'The calculator’s cold start sits at the line: most of it is Node’s own start plus parsing the bundle. Node’s' +
    ' module compile cache (`module.enableCompileCache()` in the bin, DESIGN §9: ~20%) is the cheap next step.',
  'cold-billing':
    'Billing starts by opening PostgreSQL and checking migrations before it answers; beyond the bundle parse, those' +
    ' round trips are the cold start.',
  'cold-k8s':
    'The k8s bundle is several times larger than the others (it carries @kubernetes/client-node), and its start probes' +
    ' the API server over TLS before serving (it refuses to start without a cluster). Lazy-loading the client after' +
    ' the first listing, or answering `tools/list` before the probe completes, and the compile cache would cut it.',
  'rss-calculator':
    'Compare with the bare `node -e` floor in the memory table: about half of the idle RSS is Node itself; the rest' +
    ' is the bundle’s compiled code and heap after start (the SDK, zod schemas, pino, prom-client with its default' +
    ' process metrics). Not broken down further yet; a heap snapshot at idle is the next step.',
  'rss-billing':
    'On top of the Node floor, billing loads pg, ioredis (two connections: commands and the cancellation' +
    ' subscriber), prom-client and the bundled PGlite client code even when PostgreSQL is used; loading PGlite lazily' +
    ' only when DATABASE_URL is unset is the first candidate.',
  'rss-k8s':
    'On top of the Node floor, @kubernetes/client-node and its dependencies are loaded at start; this figure is' +
    ' over stdio (the k8s server is not load-tested over HTTP here).',
};
