/** Test kit: a real SDK client connected in-process to a composed server, speaking either protocol era. */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { ComposedServer } from '../server/compose-server.js';

/** A connected client and a way to close it. */
export interface InProcessConnection {
  readonly client: Client;
  close(): Promise<void>;
}

/** Connects a v2 client through an in-memory transport: `modern` (2026-07-28, the default) or `legacy` (initialize). */
export async function connectInProcess(
  server: ComposedServer,
  options: { era?: 'modern' | 'legacy' } = {},
): Promise<InProcessConnection> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const handle = serveStdio(server.factory, { transport: serverTransport });
  const client = new Client(
    { name: 'bulkhead-test', version: '0.0.0' },
    options.era === 'legacy' ? {} : { versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(clientTransport);
  return {
    client,
    async close() {
      await client.close();
      await handle.close();
    },
  };
}
