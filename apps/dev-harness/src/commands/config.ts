/** `harness config --client <name>`: the exact configuration to use every server over stdio, or over HTTP. */

import { join } from 'node:path';
import { SERVERS } from '../servers.js';
import { STATE_DIR } from '../workspace.js';

/** The clients the harness knows the configuration format of. */
export const CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;

/** One of {@link CLIENTS}. */
export type ClientName = (typeof CLIENTS)[number];

interface StdioEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * The stdio launch of every server: the built bin under the current Node, on embedded defaults. Billing over
 * stdio gets a data directory of its own (the HTTP one is locked by the running server); k8s reads the
 * kubeconfig `harness dev` writes for kube-sim, so it needs `harness dev` running (or point KUBECONFIG elsewhere).
 */
export function stdioEntries(kubeconfigPath = join(STATE_DIR, 'kube-sim', 'kubeconfig')): Record<string, StdioEntry> {
  return Object.fromEntries(
    SERVERS.map((spec) => {
      const env = spec.env({ kubeconfigPath });
      if (spec.name === 'billing') env.BILLING_DATA_DIR = join(STATE_DIR, 'billing-data-stdio');
      return [`bulkhead-${spec.name}`, { command: process.execPath, args: [spec.bin], env }];
    }),
  );
}

/** The configuration text for a client, stdio or HTTP. */
export function clientConfig(client: ClientName, transport: 'stdio' | 'http'): string {
  const stdio = stdioEntries();
  const http = Object.fromEntries(
    SERVERS.map((spec) => [`bulkhead-${spec.name}`, { url: `http://127.0.0.1:${spec.defaultPort}/mcp` }]),
  );
  switch (client) {
    case 'claude-desktop':
      // Claude Desktop launches local servers over stdio; for HTTP it uses a bridge such as mcp-remote.
      return JSON.stringify(
        {
          mcpServers:
            transport === 'stdio'
              ? stdio
              : Object.fromEntries(
                  Object.entries(http).map(([name, { url }]) => [
                    name,
                    { command: 'npx', args: ['-y', 'mcp-remote', url] },
                  ]),
                ),
        },
        null,
        2,
      );
    case 'cursor':
      return JSON.stringify({ mcpServers: transport === 'stdio' ? stdio : http }, null, 2);
    case 'vscode': {
      const servers = Object.fromEntries(
        Object.entries(transport === 'stdio' ? stdio : http).map(([name, entry]) => [
          name,
          { type: transport === 'stdio' ? 'stdio' : 'http', ...entry },
        ]),
      );
      return JSON.stringify({ servers }, null, 2);
    }
    case 'claude-code':
      return Object.entries(transport === 'stdio' ? stdio : http)
        .map(([name, entry]) =>
          'url' in entry
            ? `claude mcp add --transport http ${name} ${entry.url}`
            : `claude mcp add ${name} ${Object.entries(entry.env)
                .map(([k, v]) => `-e ${k}=${JSON.stringify(v)}`)
                .join(' ')} -- ${entry.command} ${entry.args.join(' ')}`.replace(/ {2,}/g, ' '),
        )
        .join('\n');
  }
}
