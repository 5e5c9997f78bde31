/** A Kustomize renderer for exactly the subset the bases and overlays use; anything else is refused, not ignored. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAll } from 'js-yaml';
import { applyPatch, parsePatch } from './json-patch.js';

/** A rendered Kubernetes object. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A kustomization that uses a field or form outside the supported subset, or is otherwise malformed. */
export class KustomizeError extends Error {
  override name = 'KustomizeError';
}

const SUPPORTED_KEYS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
/** Kinds without a namespace among those a deployment bundle may carry. */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}
interface PatchRule {
  target: { kind: string; name: string };
  operations: ReturnType<typeof parsePatch>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renders the kustomization in a folder (resources, then patches, namespace and images, as kustomize orders them). */
export function renderKustomization(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir} has no kustomization.yaml`);
  const spec = loadAll(readFileSync(file, 'utf8'))[0];
  if (!isRecord(spec)) throw new KustomizeError(`${file} is not a mapping`);
  for (const key of Object.keys(spec))
    if (!SUPPORTED_KEYS.has(key)) throw new KustomizeError(`${file}: field "${key}" is outside the supported subset`);
  if (spec.kind !== 'Kustomization') throw new KustomizeError(`${file}: kind must be Kustomization`);

  let objects = stringList(spec.resources, file, 'resources').flatMap((entry) => loadResource(resolve(dir, entry)));
  for (const patch of patchRules(spec.patches, file)) objects = applyPatchRule(objects, patch, file);
  if (spec.namespace !== undefined) {
    if (typeof spec.namespace !== 'string') throw new KustomizeError(`${file}: namespace must be a string`);
    objects = objects.map((o) => withNamespace(o, spec.namespace as string));
  }
  for (const rule of imageRules(spec.images, file)) objects = objects.map((o) => withImage(o, rule));
  assertUnique(objects, file);
  return objects;
}

function loadResource(path: string): K8sObject[] {
  if (!existsSync(path)) throw new KustomizeError(`resource ${path} does not exist`);
  if (statSync(path).isDirectory()) return renderKustomization(path);
  return loadAll(readFileSync(path, 'utf8'))
    .filter((doc) => doc !== null && doc !== undefined)
    .map((doc) => {
      if (!isRecord(doc) || typeof doc.kind !== 'string' || typeof doc.apiVersion !== 'string')
        throw new KustomizeError(`${path}: every document needs apiVersion and kind`);
      const metadata = doc.metadata;
      if (!isRecord(metadata) || typeof metadata.name !== 'string')
        throw new KustomizeError(`${path}: a ${doc.kind} needs metadata.name`);
      return doc as K8sObject;
    });
}

function stringList(value: unknown, file: string, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new KustomizeError(`${file}: ${field} must be a list of strings`);
  return value;
}

function patchRules(value: unknown, file: string): PatchRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KustomizeError(`${file}: patches must be a list`);
  return value.map((entry) => {
    if (!isRecord(entry) || Object.keys(entry).some((k) => k !== 'target' && k !== 'patch'))
      throw new KustomizeError(`${file}: only inline JSON 6902 patches with a target are supported`);
    const { target, patch } = entry;
    if (!isRecord(target) || Object.keys(target).some((k) => k !== 'kind' && k !== 'name'))
      throw new KustomizeError(`${file}: a patch target names exactly a kind and a name`);
    if (typeof target.kind !== 'string' || typeof target.name !== 'string' || typeof patch !== 'string')
      throw new KustomizeError(`${file}: a patch needs target.kind, target.name and an inline patch`);
    return { target: { kind: target.kind, name: target.name }, operations: parsePatch(loadAll(patch)[0]) };
  });
}

function applyPatchRule(objects: K8sObject[], rule: PatchRule, file: string): K8sObject[] {
  let matched = 0;
  const patched = objects.map((o) => {
    if (o.kind !== rule.target.kind || o.metadata.name !== rule.target.name) return o;
    matched += 1;
    return applyPatch(o, rule.operations);
  });
  if (matched === 0)
    throw new KustomizeError(`${file}: the patch target ${rule.target.kind}/${rule.target.name} matches nothing`);
  return patched;
}

function withNamespace(object: K8sObject, namespace: string): K8sObject {
  if (CLUSTER_SCOPED.has(object.kind)) return object;
  const copy = structuredClone(object);
  copy.metadata.namespace = namespace;
  // kustomize moves only subjects named "default" along with the namespace (its roleBindingHack).
  if ((copy.kind === 'RoleBinding' || copy.kind === 'ClusterRoleBinding') && Array.isArray(copy.subjects))
    for (const subject of copy.subjects)
      if (isRecord(subject) && subject.kind === 'ServiceAccount' && subject.name === 'default')
        subject.namespace = namespace;
  return copy;
}

function imageRules(value: unknown, file: string): ImageRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KustomizeError(`${file}: images must be a list`);
  return value.map((entry) => {
    const allowed = ['name', 'newName', 'newTag', 'digest'];
    if (!isRecord(entry) || typeof entry.name !== 'string' || Object.keys(entry).some((k) => !allowed.includes(k)))
      throw new KustomizeError(`${file}: an image entry has name and any of newName, newTag, digest`);
    return entry as unknown as ImageRule;
  });
}

/** Splits an image reference into its name, tag and digest. */
export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest = image, digest] = image.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  return { name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function withImage(object: K8sObject, rule: ImageRule): K8sObject {
  const spec = object.spec;
  const template = isRecord(spec) ? spec.template : undefined;
  const podSpec = isRecord(template) ? template.spec : undefined;
  if (!isRecord(podSpec)) return object;
  const copy = structuredClone(object);
  const copyPodSpec = ((copy.spec as Record<string, unknown>).template as Record<string, unknown>).spec as Record<
    string,
    unknown
  >;
  for (const field of ['initContainers', 'containers']) {
    const containers = copyPodSpec[field];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (!isRecord(container) || typeof container.image !== 'string') continue;
      const current = parseImage(container.image);
      if (current.name !== rule.name) continue;
      const name = rule.newName ?? current.name;
      const tag = rule.newTag ?? (rule.digest ? undefined : current.tag);
      const digest = rule.digest ?? (rule.newTag ? undefined : current.digest);
      container.image = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    }
  }
  return copy;
}

/** The identity kustomize keys objects by: group/version, kind, namespace and name. */
export function objectId(object: K8sObject): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function assertUnique(objects: K8sObject[], file: string): void {
  const seen = new Set<string>();
  for (const object of objects) {
    const id = objectId(object);
    if (seen.has(id)) throw new KustomizeError(`${file}: ${id} is defined twice`);
    seen.add(id);
  }
}
