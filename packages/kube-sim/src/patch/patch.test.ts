import { describe, expect, it } from 'vitest';
import { schemaNamed } from '../schema/openapi.js';
import { jsonMergePatch } from './json-merge.js';
import { jsonPatch } from './json-patch.js';
import { strategicMerge } from './strategic-merge.js';

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, deletes on null and replaces arrays', () => {
    expect(jsonMergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [3],
    });
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies add/replace/remove/move/copy/test', () => {
    const out = jsonPatch({ a: { b: 1 }, l: [1, 2] }, [
      { op: 'add', path: '/l/-', value: 3 },
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'copy', from: '/a/b', path: '/c' },
      { op: 'move', from: '/c', path: '/d' },
      { op: 'remove', path: '/l/0' },
      { op: 'test', path: '/d', value: 2 },
    ]);
    expect(out).toEqual({ a: { b: 2 }, l: [2, 3], d: 2 });
  });

  it('fails on a missing path or a failed test', () => {
    expect(() => jsonPatch({}, [{ op: 'remove', path: '/x' }])).toThrow();
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow();
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and ports by containerPort using the OpenAPI metadata', () => {
    const schema = schemaNamed('io.k8s.api.core.v1.PodSpec');
    const live = {
      containers: [
        { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }] },
        { name: 'b', image: 'b:1' },
      ],
      tolerations: [{ key: 'x' }],
    };
    const out = strategicMerge(
      live,
      {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
        containers: [{ name: 'a', ports: [{ containerPort: 81 }] }],
        tolerations: [{ key: 'y' }],
      },
      schema,
    );
    expect(out).toEqual({
      containers: [
        { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }, { containerPort: 81 }] },
        { name: 'b', image: 'b:1' },
      ],
      tolerations: [{ key: 'y' }],
    });
  });
});
