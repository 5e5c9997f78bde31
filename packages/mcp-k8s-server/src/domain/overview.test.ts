/** Overview rules: node readiness and warnings deduplicated across the pods that repeat them. */
import { describe, expect, it } from 'vitest';
import type { KubeEvent, KubeNode } from './k8s-objects.js';
import { summarizeNodes, topWarnings } from './overview.js';

const backOff = (pod: string, uid: string, count: number): KubeEvent => ({
  metadata: { name: `${pod}.backoff`, namespace: 'demo' },
  type: 'Warning',
  reason: 'BackOff',
  message: `Back-off restarting failed container api in pod ${pod}_demo(${uid})`,
  count,
  involvedObject: { kind: 'Pod', name: pod, namespace: 'demo' },
  lastTimestamp: '2026-01-01T10:00:00Z',
});

describe('topWarnings', () => {
  it('groups one message shape across pods (names and UIDs differ), summing counts', () => {
    const warnings = topWarnings(
      [
        backOff('api-769757d659-4bf6c', '2982769f-361a-41c6-b02a-363ed996a3d5', 5),
        backOff('api-769757d659-x2x4q', 'f2e68a53-e7f3-4c7a-8bc7-22b45ccc137f', 7),
        {
          ...backOff('db-5d4f76d7c7-b8678', '11111111-2222-4333-8444-555555555555', 1),
          reason: 'Failed',
          message: 'x',
        },
        { ...backOff('db-5d4f76d7c7-b8678', '11111111-2222-4333-8444-555555555555', 9), type: 'Normal' },
      ],
      10,
    );
    expect(warnings).toEqual([
      expect.objectContaining({ reason: 'BackOff', count: 12, objects: 2 }),
      expect.objectContaining({ reason: 'Failed', count: 1, objects: 1 }),
    ]);
    expect(
      topWarnings([backOff('a-12345', 'x', 1), { ...backOff('b-12345', 'y', 1), reason: 'Other' }], 1),
    ).toHaveLength(1);
  });
});

describe('summarizeNodes', () => {
  it('counts cordoned and not-ready nodes as not ready', () => {
    const node = (name: string, ready: string, unschedulable = false): KubeNode => ({
      metadata: { name },
      spec: { unschedulable },
      status: { conditions: [{ type: 'Ready', status: ready }] },
    });
    expect(summarizeNodes([node('a', 'True'), node('b', 'False'), node('c', 'True', true)])).toEqual({
      total: 3,
      ready: 1,
      not_ready: ['b', 'c'],
    });
  });
});
