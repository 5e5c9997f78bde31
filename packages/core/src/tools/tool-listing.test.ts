import { describe, expect, it } from 'vitest';
import { compareToolNames } from './tool-listing.js';

describe('compareToolNames', () => {
  it('orders snake_case names exactly as localeCompare does', () => {
    const names = ['get_x', 'get1', 'getx', 'get_1', 'get', 'a_b_c', 'a1_b', 'ab', 'a_10', 'a_9', 'z', 'a', 'list_2x'];
    const expected = [...names].sort((a, b) => a.localeCompare(b));
    expect([...names].sort(compareToolNames)).toEqual(expected);
  });
});
