/** The bundled OpenAPI documents and the manifest validator over them (the builder + validator pair of deploy_service). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deploymentManifest, manifestSchemaError, serviceManifest } from '../domain/deploy-manifest.js';
import { schemaClosure } from '../domain/openapi-schema.js';
import { buildManifests } from '../tools/deploy-service.tool.js';
import { manifestSchemas, OPENAPI_FILES, openapiDirectory, validateManifest } from './openapi-documents.js';

const SPEC = {
  namespace: 'demo',
  name: 'web',
  image: 'ghcr.io/acme/web:1.4.2',
  replicas: 2,
  env: [{ name: 'LOG_LEVEL', value: 'debug' }],
  port: 8080,
  resources: { cpu_request: '250m', memory_request: '128Mi', cpu_limit: '1', memory_limit: '256Mi' },
};

type Json = Record<string, unknown>;
const clone = (o: Json): Json => structuredClone(o);
const container = (m: Json): Json =>
  ((m.spec as Json).template as { spec: { containers: Json[] } }).spec.containers[0] as Json;

describe('the bundled documents', () => {
  it('are the byte-identical copies named in openapi/README.md', () => {
    const dir = openapiDirectory();
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const file of Object.values(OPENAPI_FILES)) {
      const hash = createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex');
      expect(readme).toContain(`| \`${file}\` |`);
      expect(readme).toContain(hash);
    }
  });

  it('are found from src/ and from the bundled bin in dist/bin/', () => {
    const root = join(openapiDirectory(), '..');
    const fromBin = openapiDirectory(pathToFileURL(join(root, 'dist', 'bin', 'mcp-k8s-server.js')).href);
    const fromChunk = openapiDirectory(pathToFileURL(join(root, 'dist', 'index.js')).href);
    expect(fromBin).toBe(join(root, 'openapi'));
    expect(fromChunk).toBe(join(root, 'openapi'));
    expect(() => openapiDirectory('file:///nonexistent/dir/x.js')).toThrow(/OpenAPI documents .* missing/);
  });

  it('keeps only the schemas a Deployment needs, without descriptions', () => {
    const registry = manifestSchemas('Deployment');
    expect(manifestSchemas('Deployment')).toBe(registry); // loaded once per process
    const names = Object.keys(registry);
    expect(names).toContain('io.k8s.api.core.v1.Container');
    expect(names).toContain('io.k8s.apimachinery.pkg.api.resource.Quantity');
    expect(names).not.toContain('io.k8s.api.apps.v1.StatefulSet');
    expect(names.length).toBeLessThan(150);
    expect(JSON.stringify(registry)).not.toContain('"description"');
    expect(JSON.stringify(registry).length).toBeLessThan(100_000);
  });

  it('follows every $ref of a closure (and reports a missing one)', () => {
    const all = {
      A: { type: 'object', description: 'x', properties: { b: { allOf: [{ $ref: '#/components/schemas/B' }] } } },
      B: { type: 'string' },
      C: { type: 'integer' },
    };
    expect(Object.keys(schemaClosure(all, ['A'])).sort()).toEqual(['A', 'B']);
  });
});

describe('deploy_service manifests against the OpenAPI schema', () => {
  it('a normal Deployment and Service pass', () => {
    const built = buildManifests({ ...SPEC, service: true }, undefined);
    expect(validateManifest('Deployment', built.deployment)).toEqual([]);
    expect(built.service).toBeDefined();
    expect(validateManifest('Service', built.service)).toEqual([]);
    // The minimal one too.
    expect(
      validateManifest('Deployment', deploymentManifest({ namespace: 'd', name: 'x', image: 'x', replicas: 0 })),
    ).toEqual([]);
  });

  it('an unknown field is named with its path', () => {
    const m = clone(deploymentManifest(SPEC));
    container(m).privileged = true;
    (m.spec as Json).replica = 3;
    const violations = validateManifest('Deployment', m);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'spec.template.spec.containers[0].privileged', rule: 'unknown_field' }),
        expect.objectContaining({ path: 'spec.replica', rule: 'unknown_field' }),
      ]),
    );
  });

  it('a wrong type is named with its path, through $ref, map and list schemas', () => {
    const m = clone(deploymentManifest(SPEC));
    (m.spec as Json).replicas = '3';
    container(m).ports = [{ name: 'http', containerPort: '8080' }];
    ((m.metadata as Json).labels as Json).tier = 7;
    (container(m).env as Json[])[0] = { name: 'A', value: 1 };
    const paths = validateManifest('Deployment', m).map((v) => `${v.path} ${v.rule}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'spec.replicas type',
        'spec.template.spec.containers[0].ports[0].containerPort type',
        'metadata.labels.tier type',
        'spec.template.spec.containers[0].env[0].value type',
      ]),
    );
  });

  it('int32 ranges, required fields, apiVersion and kind', () => {
    const m = clone(deploymentManifest(SPEC));
    (m.spec as Json).replicas = 2 ** 31;
    delete container(m).name;
    delete (m.spec as Json).selector;
    m.apiVersion = 'apps/v1beta1';
    const rules = validateManifest('Deployment', m).map((v) => `${v.path} ${v.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'spec.replicas range',
        'spec.template.spec.containers[0].name required',
        'spec.selector required',
        'apiVersion kind',
      ]),
    );
  });

  it('quantities follow the Kubernetes grammar (strings or numbers)', () => {
    const m = clone(deploymentManifest(SPEC));
    const resources = container(m).resources as { limits: Json; requests: Json };
    resources.limits.memory = 'lots';
    resources.limits.cpu = 2;
    resources.requests.cpu = '1e3';
    resources.requests.memory = '1.5Gi';
    const violations = validateManifest('Deployment', m);
    expect(violations).toEqual([
      expect.objectContaining({ path: 'spec.template.spec.containers[0].resources.limits.memory', rule: 'quantity' }),
    ]);
    expect(violations[0]?.message).toContain('"lots" is not a Kubernetes quantity');
  });

  it('int-or-string accepts both, and nothing else', () => {
    const s = clone(serviceManifest(SPEC, 80, { app: 'web' }));
    const port = (s.spec as { ports: Json[] }).ports[0] as Json;
    port.targetPort = 'http';
    expect(validateManifest('Service', s)).toEqual([]);
    port.targetPort = true;
    expect(validateManifest('Service', s)).toEqual([
      expect.objectContaining({ path: 'spec.ports[0].targetPort', rule: 'type' }),
    ]);
  });

  it('label keys with dots and slashes are quoted in the path', () => {
    const m = clone(deploymentManifest(SPEC));
    ((m.metadata as Json).labels as Json)['app.kubernetes.io/name'] = ['web'];
    expect(validateManifest('Deployment', m).map((v) => v.path)).toContain('metadata.labels["app.kubernetes.io/name"]');
  });

  it('the error is INVALID_ARGUMENT naming the path', () => {
    const m = clone(deploymentManifest(SPEC));
    container(m).privileged = true;
    const error = manifestSchemaError('Deployment', validateManifest('Deployment', m));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('spec.template.spec.containers[0].privileged is not a field of this object');
    expect(error.message).toContain('Nothing was sent');
    expect(error.details).toMatchObject({
      kind: 'Deployment',
      issues: [{ field: 'spec.template.spec.containers[0].privileged', rule: 'unknown_field' }],
    });
  });

  it('buildManifests refuses a manifest that breaks the schema (here from a malformed live Deployment)', () => {
    const existing = {
      metadata: { name: 'web', namespace: 'demo' },
      spec: {
        selector: { matchLabels: { app: 42 as unknown as string } },
        template: { spec: { containers: [{ name: 'web', image: 'x' }] } },
      },
    };
    expect(() => buildManifests(SPEC, existing)).toThrow(/spec\.selector\.matchLabels\.app expected string/);
  });
});
