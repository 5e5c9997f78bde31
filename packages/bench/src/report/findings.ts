/**
 * Why a target was missed: analysis from profiling (`pnpm --filter @bulkhead/bench profile <case>`) and from the
 * counters the bench reports, shown only for targets a run misses. Re-profile before trusting it for a newer build.
 */

const HTTP_PATH = [
  'Profiles of the calculator bin under 16 connections first put most CPU in the SDK’s per-request web-standard',
  'exchange (`toNodeHandler`, the Node→web request conversion, the transport teardown), not in core’s layers; core',
  'now answers a well-formed 2026-07-28 `tools/call`/`tools/list` directly (one `res.end` with Content-Length) and',
  'uses one AbortController per call, and everything else still goes through `createMcpHandler`. If this target is',
  'missed again, profile the calculator case: what is left per request is Node’s HTTP parser, the response write',
  '(one syscall; see syscalls/req), core’s route and call pipeline (the in-process layer table) and the log line.',
].join(' ');

/** Analysis per target id; see docs/benchmarks.md. */
export const FINDINGS: Readonly<Record<string, string>> = {
  'calc-vs-raw': HTTP_PATH,
  'calc-vs-sdk': 'Same cause as the raw-ratio miss above: both servers pay the SDK’s per-request exchange; see there.',
  'calc-p99':
    'The p99 follows from the throughput: with 16 connections always busy, the mean latency is 16 divided by the' +
    ' req/s in the table (Little’s law), and garbage-collection pauses land in the tail; a busy machine (see the' +
    ' load average and the raw baseline’s own p99) stretches tails.',
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
    'Cold start is wall time, so it moves with the machine: compare it with the bare `node -e` start measured in the' +
    ' same run (the “measured” column and the cold-start table). Most of it is Node’s own start plus compiling the' +
    ' bundle; `./run` sets NODE_COMPILE_CACHE, so the bench already runs with the compile cache.',
  'cold-billing':
    'On top of Node’s own start (the bare `node -e` row), billing connects to PostgreSQL and checks its migrations' +
    ' before it answers; the bins now load Node built-ins through require() and the SDK’s Node adapter lazily,' +
    ' which also shortened every cold start (an A/B of the bins before and after: calculator 340 → 280 ms, k8s 595' +
    ' → 515 ms on a slow moment of this machine).',
  'cold-k8s':
    'The k8s bundle carries @kubernetes/client-node (4.7 MB of its 7.4 MB is client-node’s generated API and model' +
    ' code, all reachable from its kubeconfig loader, so esbuild cannot split it off), and the server probes the API' +
    ' server over TLS before it serves, by design (it refuses to start without a cluster). Compare with the bare' +
    ' `node -e` start in the same run: on a quiet machine (the previous report) it was 294 ms.',
  'rss-calculator':
    'Compare with the bare `node -e` floor in the memory table. What was ours is fixed (the bins load built-ins with' +
    ' require(), which kept undici and http2 out of the process, keep their source ASCII so V8 stores it at one byte' +
    ' per character, load the SDK’s Node adapter lazily, and sort the listing without ICU collation data).',
  'rss-billing':
    'Billing without REDIS_URL idles at about 78.5 MiB; with it, ioredis defines ~480 command methods as it loads' +
    ' (~5.6 MiB allocated at start) and V8’s young generation, grown during start-up, stays committed (V8 does not' +
    ' shrink it at idle; a forced GC does not either). `--max-semi-space-size=1` measured 78.7 MiB but was not made' +
    ' the default, since it trades idle memory for more frequent collections under load. A lighter Redis client is' +
    ' the remaining lever.',
  'rss-k8s':
    'Measured over stdio. @kubernetes/client-node’s generated API and models and the undici package it depends on' +
    ' are about 6 MB of source loaded at start (used heap ~23 MiB, script source 11.6 MiB); esbuild cannot split them' +
    ' off because the kubeconfig loader imports the index of the generated code. Getting near 80 MiB would mean' +
    ' replacing client-node’s generated clients with direct REST calls in the adapter.',
};
