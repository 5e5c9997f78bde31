/** What changed between two pod templates: image, env names, resources, command. Never env values. */
import type { Container, EnvVar, PodTemplate } from './k8s-objects.js';

/** One change of one container. */
export interface TemplateChange {
  readonly container: string;
  readonly field: 'image' | 'env' | 'resources' | 'command' | 'args' | 'container';
  /** Human-readable, without any env value. */
  readonly detail: string;
}

/** The most changes a diagnosis lists. */
export const MAX_CHANGES = 12;

/** The changes from `good` to `failing`, at most 12. */
export function diffTemplates(good: PodTemplate | undefined, failing: PodTemplate | undefined): TemplateChange[] {
  return allTemplateChanges(good, failing).slice(0, MAX_CHANGES);
}

/** Every change from `good` to `failing`. */
export function allTemplateChanges(good: PodTemplate | undefined, failing: PodTemplate | undefined): TemplateChange[] {
  const before = new Map((good?.spec?.containers ?? []).map((c) => [c.name, c]));
  const after = failing?.spec?.containers ?? [];
  const changes: TemplateChange[] = [];
  for (const container of after) {
    const previous = before.get(container.name);
    if (!previous) changes.push({ container: container.name, field: 'container', detail: 'added' });
    else changes.push(...diffContainer(previous, container));
  }
  for (const name of before.keys()) {
    if (!after.some((c) => c.name === name)) changes.push({ container: name, field: 'container', detail: 'removed' });
  }
  return changes;
}

function diffContainer(before: Container, after: Container): TemplateChange[] {
  const name = after.name;
  const changes: TemplateChange[] = [];
  if (before.image !== after.image) {
    changes.push({
      container: name,
      field: 'image',
      detail: `${before.image ?? '(none)'} -> ${after.image ?? '(none)'}`,
    });
  }
  changes.push(...diffEnv(name, before.env ?? [], after.env ?? []));
  const resourcesBefore = formatResources(before);
  const resourcesAfter = formatResources(after);
  if (resourcesBefore !== resourcesAfter) {
    changes.push({ container: name, field: 'resources', detail: `${resourcesBefore} -> ${resourcesAfter}` });
  }
  if (!sameList(before.command, after.command)) {
    changes.push({
      container: name,
      field: 'command',
      detail: `${formatList(before.command)} -> ${formatList(after.command)}`,
    });
  }
  if (!sameList(before.args, after.args)) {
    changes.push({ container: name, field: 'args', detail: `${formatList(before.args)} -> ${formatList(after.args)}` });
  }
  return changes;
}

function diffEnv(container: string, before: readonly EnvVar[], after: readonly EnvVar[]): TemplateChange[] {
  const old = new Map(before.map((e) => [e.name, e]));
  const now = new Map(after.map((e) => [e.name, e]));
  const added = [...now.keys()].filter((k) => !old.has(k));
  const removed = [...old.keys()].filter((k) => !now.has(k));
  const changed = [...now.keys()].filter((k) => old.has(k) && envSource(old.get(k)) !== envSource(now.get(k)));
  const changes: TemplateChange[] = [];
  if (removed.length > 0) changes.push({ container, field: 'env', detail: `removed ${removed.join(', ')}` });
  if (added.length > 0) changes.push({ container, field: 'env', detail: `added ${added.join(', ')}` });
  if (changed.length > 0)
    changes.push({ container, field: 'env', detail: `changed ${changed.join(', ')} (values not shown)` });
  return changes;
}

/** A comparable fingerprint of where a variable's value comes from; compared, never shown. */
function envSource(env: EnvVar | undefined): string {
  return JSON.stringify([env?.value ?? null, env?.valueFrom ?? null]);
}

/** `limits cpu=500m,memory=64Mi; requests cpu=100m` or `none`. */
export function formatResources(container: Container): string {
  const part = (label: string, values: Record<string, string> | undefined) => {
    const entries = Object.entries(values ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return entries.length === 0 ? '' : `${label} ${entries.map(([k, v]) => `${k}=${v}`).join(',')}`;
  };
  const text = [part('limits', container.resources?.limits), part('requests', container.resources?.requests)]
    .filter(Boolean)
    .join('; ');
  return text === '' ? 'none' : text;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function formatList(list: readonly string[] | undefined): string {
  if (!list || list.length === 0) return '(image default)';
  const text = JSON.stringify(list);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
