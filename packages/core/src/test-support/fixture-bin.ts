/** The fixture server as a real process, for multi-replica tests; effects go to the file in EFFECT_LOG. */
import { z } from 'zod';
import { runServerCli } from '../node/run-server-cli.js';
import { composeServer } from '../server/compose-server.js';
import { FileEffectLog } from './effect-log.js';
import { FIXTURE_TOOLS, type FixtureDeps } from './fixture-server.js';

await runServerCli({
  bin: 'fixture-server',
  name: 'fixture',
  version: '0.0.0',
  description: 'core test fixture',
  defaultPort: 0,
  config: {
    effectLog: { env: 'EFFECT_LOG', schema: z.string().min(1), help: 'a file path for the effect log' },
    effectDelayMs: {
      env: 'EFFECT_DELAY_MS',
      schema: z.coerce.number().int().min(0).default(0),
      help: 'milliseconds before each effect',
    },
  },
  create: ({ config, runtime }) => {
    const deps: FixtureDeps = { effects: new FileEffectLog(config.effectLog), effectDelayMs: config.effectDelayMs };
    return composeServer({ name: 'fixture', version: '0.0.0', tools: FIXTURE_TOOLS }, deps, runtime);
  },
});
