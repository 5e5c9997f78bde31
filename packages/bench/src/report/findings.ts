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
    'A billing mutation is a real ledger write (a new request_id every call): three Redis commands (rate limit,' +
    ' claim, completion) and a PostgreSQL transaction of seven statements, about 15 server read/write syscalls per' +
    ' request against the calculator’s 2 (syscalls/req column). The database part alone bounds it: the ledger' +
    ' section runs billing’s own `apply_credit` transaction over its pg adapter in process, with no HTTP, MCP, core' +
    ' or Redis, and even that is slower than a third of the calculator (see “measured”), while PostgreSQL spends' +
    ' more CPU per credit than the calculator’s server spends on a whole request (PG+Redis CPU column). On two' +
    ' cores shared by the load generator, the server, PostgreSQL and Redis, 3× is out of reach for a transaction' +
    ' of this shape; what is ours was profiled and fixed: (1) the commit-time balance check used `NOT EXISTS`,' +
    ' which the planner ran as a sequential scan of all ledger entries on every check of a fresh database' +
    ' (pg_stat_user_tables: 12,632 scans, 50.8 M rows for 4,209 credits; 0.69 → 0.073 ms per check); (2) every' +
    ' posting in a currency updated and locked the shared house-account balance row until COMMIT (house accounts' +
    ' no longer cache a balance; a test proves two postings no longer wait); (3) the per-row balance trigger is' +
    ' one per statement and an entry’s currency is a foreign key; (4) statements issued together are pipelined' +
    ' (BEGIN with the claim, the idempotency record with COMMIT, the balance read with the posting): 7 round' +
    ' trips to 4. Left: the rate limit and the claim could share one Redis round trip, and the PostgreSQL' +
    ' transaction could become one round trip as a stored procedure, at the price of moving billing rules into SQL.',
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
