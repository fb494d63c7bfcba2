import { describe, expect, it } from 'vitest';
import { plainEqual } from '../src/checker/plainEqual.js';

describe('plainEqual: how the checker compares states and replies (as JSON would, without the strings)', () => {
  it('equal plain data, whatever the key order', () => {
    expect(plainEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(plainEqual([], [])).toBe(true);
    expect(plainEqual(null, null)).toBe(true);
  });
  it('a field left undefined equals a missing one (JSON drops both)', () => {
    expect(plainEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(plainEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });
  it('any difference in value, length, kind or keys is seen', () => {
    expect(plainEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(plainEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(plainEqual([1, 2, 3], [1, 2])).toBe(false);
    expect(plainEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(plainEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(plainEqual({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(plainEqual([], {})).toBe(false);
    expect(plainEqual({}, [])).toBe(false);
    expect(plainEqual(null, {})).toBe(false);
    expect(plainEqual({ a: null }, { a: {} })).toBe(false);
    expect(plainEqual('1', 1)).toBe(false);
    expect(plainEqual(undefined, { a: 1 })).toBe(false);
    expect(plainEqual({ a: [{ b: ['x'] }] }, { a: [{ b: ['y'] }] })).toBe(false);
  });
});
