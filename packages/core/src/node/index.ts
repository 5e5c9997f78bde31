/** Node-only serving: stdio, Streamable HTTP and the shared bin entry. */

export { BODY_LIMITS } from './request-guards.js';
export { runServerCli, type ServerCliOptions, type ServingConfig } from './run-server-cli.js';
export { type HttpServerHandle, type ServeHttpOptions, serveHttp } from './serve-http.js';
export { type StdioServerHandle, serveStdio } from './serve-stdio.js';
