import { MAX_JSON_DEPTH, jsonDepth, refuseDeepJson } from './json-depth';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('jsonDepth', () => {
  it('counts the nesting of objects and arrays', () => {
    expect(jsonDepth(bytes('1'))).toBe(0);
    expect(jsonDepth(bytes('{"a": 1}'))).toBe(1);
    expect(jsonDepth(bytes('{"a": [1, {"b": []}]}'))).toBe(4);
    expect(jsonDepth(bytes('[[], [[]], []]'))).toBe(3);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth(bytes('{"a": "[[[{{{"}'))).toBe(1);
    expect(jsonDepth(bytes('{"a": "say \\"[[[\\" twice", "b": ["]"]}'))).toBe(2);
    expect(jsonDepth(bytes('["\\\\", [[]]]'))).toBe(3);
  });

  it('lets a body as deep as the limit through and refuses one level more', () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(() => refuseDeepJson(null, null, bytes(nested(MAX_JSON_DEPTH)))).not.toThrow();
    expect(() => refuseDeepJson(null, null, bytes(nested(MAX_JSON_DEPTH + 1)))).toThrow(
      expect.objectContaining({ type: 'entity.too.deep', status: 400 }),
    );
  });
});
