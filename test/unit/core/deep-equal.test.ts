import { describe, expect, it } from 'vitest';
import { isDeepEqual } from '#core/deep-equal.js';

describe('isDeepEqual', () => {
  it('compares nested objects and arrays structurally', () => {
    expect(isDeepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(isDeepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it('treats a key holding undefined as absent', () => {
    expect(isDeepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('tells arrays, objects, null and primitives apart', () => {
    expect(isDeepEqual([], {})).toBe(false);
    expect(isDeepEqual(null, {})).toBe(false);
    expect(isDeepEqual(1, '1')).toBe(false);
    expect(isDeepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
