/** The harness CLI: dev | smoke | conformance | config --client <name> [--http] | replicas <server> 2. */
import { CLIENTS, type ClientName, clientConfig } from './commands/config.js';
import { runConformance } from './commands/conformance.js';
import { runDev } from './commands/dev.js';
import { runReplicas } from './commands/replicas.js';
import { runSmoke } from './commands/smoke.js';

const USAGE = `usage: harness <command>
  dev [--ports auto]                 start kube-sim and every server over HTTP (8701-8703); Ctrl-C stops all
  smoke                              drive every running server with the v2 and v1 clients
  conformance                        run the official MCP conformance suite against every running server
  config --client <${CLIENTS.join('|')}> [--http]
                                     print the client configuration for every server (stdio by default)
  replicas <server> 2                two instances sharing Redis: replays and jobs across replicas
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'dev':
      return runDev({ ports: rest.includes('auto') || process.env.HARNESS_PORTS === 'auto' ? 'auto' : 'default' });
    case 'smoke':
      return runSmoke();
    case 'conformance':
      return runConformance();
    case 'config': {
      const client = rest[rest.indexOf('--client') + 1];
      if (!CLIENTS.includes(client as ClientName)) break;
      process.stdout.write(`${clientConfig(client as ClientName, rest.includes('--http') ? 'http' : 'stdio')}\n`);
      return 0;
    }
    case 'replicas':
      return runReplicas(rest[0] ?? '', Number(rest[1] ?? '2'));
    default:
      break;
  }
  process.stderr.write(USAGE);
  return command === undefined || command === '--help' ? 0 : 2;
}

process.exitCode = await main(process.argv.slice(2));
