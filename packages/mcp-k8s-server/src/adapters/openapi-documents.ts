/**
 * The bundled Kubernetes OpenAPI v3 documents (`openapi/` in the package, published with it), read lazily once
 * per process and cut down to the schemas the manifests of deploy_service need.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type SchemaRegistry,
  type SchemaViolation,
  schemaClosure,
  validateAgainstSchema,
} from '../domain/openapi-schema.js';

/** The documents, as kube-apiserver serves them at `/openapi/v3/<group-version>`. */
export const OPENAPI_FILES = {
  core: 'api__v1_openapi.json',
  apps: 'apis__apps__v1_openapi.json',
} as const;

/** The kinds deploy_service sends, with the document and component schema each is checked against. */
export const MANIFEST_KINDS = {
  Deployment: { document: 'apps', schema: 'io.k8s.api.apps.v1.Deployment' },
  Service: { document: 'core', schema: 'io.k8s.api.core.v1.Service' },
} as const satisfies Record<string, { document: keyof typeof OPENAPI_FILES; schema: string }>;

/** A kind deploy_service validates. */
export type ManifestKind = keyof typeof MANIFEST_KINDS;

/**
 * The package's `openapi/` directory. Source files (src/adapters/, under tests) and the bundled bin (dist/bin/)
 * and library chunks (dist/) sit at different depths, so walk up to the package root (the first directory with a
 * package.json) and look there.
 */
export function openapiDirectory(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let i = 0; i < 8; i += 1) {
    if (existsSync(join(dir, 'package.json'))) {
      const candidate = join(dir, 'openapi');
      if (existsSync(join(candidate, OPENAPI_FILES.apps))) return candidate;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    'mcp-k8s-server: the bundled Kubernetes OpenAPI documents (openapi/ next to package.json) are missing; reinstall the package',
  );
}

const registries = new Map<ManifestKind, SchemaRegistry>();

/** The schemas reachable from a kind's root schema; the document is parsed on first use and then dropped. */
export function manifestSchemas(kind: ManifestKind): SchemaRegistry {
  let registry = registries.get(kind);
  if (registry === undefined) {
    const { document, schema } = MANIFEST_KINDS[kind];
    const text = readFileSync(join(openapiDirectory(), OPENAPI_FILES[document]), 'utf8');
    const parsed = JSON.parse(text) as { components?: { schemas?: SchemaRegistry } };
    registry = schemaClosure(parsed.components?.schemas ?? {}, [schema]);
    registries.set(kind, registry);
  }
  return registry;
}

/** Checks a manifest of `kind` against the Kubernetes OpenAPI schema; an empty list means it is valid. */
export function validateManifest(kind: ManifestKind, manifest: unknown): SchemaViolation[] {
  return validateAgainstSchema(manifestSchemas(kind), MANIFEST_KINDS[kind].schema, manifest);
}
