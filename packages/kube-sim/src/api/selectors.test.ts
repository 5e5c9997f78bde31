import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../model/types.js';
import { labelSelectorString, matchesLabelSelector, parseFieldSelector, parseLabelSelector } from './selectors.js';

const obj = (labels: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', labels },
  ...extra,
});

describe('label selectors', () => {
  it('supports equality, sets and existence', () => {
    const o = obj({ app: 'web', tier: 'front' });
    expect(parseLabelSelector('app=web,tier==front')(o)).toBe(true);
    expect(parseLabelSelector('app!=web')(o)).toBe(false);
    expect(parseLabelSelector('tier in (front, back)')(o)).toBe(true);
    expect(parseLabelSelector('tier notin (front)')(o)).toBe(false);
    expect(parseLabelSelector('app,!missing')(o)).toBe(true);
    expect(() => parseLabelSelector('a in b')).toThrow();
  });

  it('matches and renders metav1.LabelSelector', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] };
    expect(matchesLabelSelector(sel, { app: 'web', tier: 'front' })).toBe(true);
    expect(matchesLabelSelector(sel, { app: 'web' })).toBe(false);
    expect(labelSelectorString(sel)).toBe('app=web,tier in (front)');
  });
});

describe('field selectors', () => {
  it('filters on supported fields and rejects others', () => {
    const o = obj({}, { status: { phase: 'Running' } });
    expect(parseFieldSelector('pods', 'metadata.name=p,status.phase=Running')(o)).toBe(true);
    expect(parseFieldSelector('pods', 'status.phase!=Running')(o)).toBe(false);
    expect(() => parseFieldSelector('pods', 'spec.bogus=1')).toThrow('field label not supported: spec.bogus');
  });
});
