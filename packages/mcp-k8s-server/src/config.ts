/** The k8s server's own settings, parsed once at start with the shared serving settings. */
import { defineConfig, integerSetting } from '@bulkhead/core';
import { z } from 'zod';
import { DNS1123_LABEL } from './domain/k8s-names.js';

const namespaceList = (fallback: string[]) =>
  z
    .string()
    .max(4096)
    .optional()
    .transform((v) =>
      v === undefined
        ? fallback
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    )
    .pipe(z.array(z.string().max(63).regex(DNS1123_LABEL, 'each namespace must be a DNS-1123 label')).max(200));

/** k8s settings: the namespace policy, the read-only profile and the limits. */
export const k8sConfig = defineConfig({
  allowedNamespaces: {
    env: 'K8S_ALLOWED_NAMESPACES',
    flag: '--allowed-namespaces',
    schema: namespaceList([]),
    help: 'comma-separated namespaces the server may touch (default: all but the denied ones)',
  },
  deniedNamespaces: {
    env: 'K8S_DENIED_NAMESPACES',
    flag: '--denied-namespaces',
    schema: namespaceList(['kube-system']),
    help: 'comma-separated namespaces the server never touches (default kube-system)',
  },
  readOnly: {
    env: 'K8S_READ_ONLY',
    flag: '--read-only',
    schema: z
      .enum(['true', 'false', '1', '0', ''])
      .optional()
      .transform((v) => v === 'true' || v === '1'),
    help: 'true to list and serve only the read tools (default false)',
  },
  maxReplicas: {
    env: 'K8S_MAX_REPLICAS',
    flag: '--max-replicas',
    schema: integerSetting(1, 1000, 20),
    help: 'an integer from 1 to 1000: the most replicas deploy_service and scale_service may set (default 20)',
  },
  mutationsPerDay: {
    env: 'K8S_MUTATIONS_PER_DAY',
    flag: '--mutations-per-day',
    schema: integerSetting(0, 1_000_000, 0),
    help: 'changes (non-dry-run deploy/scale/restart/rollback calls) one principal may make per UTC day, counted across replicas with REDIS_URL; 0 = no budget (default 0)',
  },
  requestTimeoutMs: {
    env: 'K8S_REQUEST_TIMEOUT_MS',
    schema: integerSetting(500, 60_000, 10_000),
    help: 'milliseconds one Kubernetes API request may take, 500 to 60000 (default 10000)',
  },
});

/** The k8s server's default HTTP port (DESIGN §11). */
export const K8S_DEFAULT_PORT = 8703;
