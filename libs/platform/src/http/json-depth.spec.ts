import { MAX_JSON_DEPTH, jsonDepth, nulCharacterIn, refuseDeepJson, refuseHostileJson, reservedKeyIn } from './json-depth';

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

describe('reservedKeyIn', () => {
  it('finds __proto__, constructor and prototype used as keys, at any depth, escaped or not', () => {
    expect(reservedKeyIn(bytes('{"__proto__": {"isAdmin": true}}'))).toBe('__proto__');
    expect(reservedKeyIn(bytes('{"a": [{"b": {"constructor" : {}}}]}'))).toBe('constructor');
    expect(reservedKeyIn(bytes('{"x": 1,\n "prototype"\t: 2}'))).toBe('prototype');
    expect(reservedKeyIn(bytes('{"\\u005f_proto__": 1}'))).toBe('__proto__');
  });

  it('lets the same words through as values, inside strings, or as parts of other keys', () => {
    expect(reservedKeyIn(bytes('{"note": "__proto__"}'))).toBeUndefined();
    expect(reservedKeyIn(bytes('["constructor", "prototype"]'))).toBeUndefined();
    expect(reservedKeyIn(bytes('{"note": "say \\"constructor\\": twice"}'))).toBeUndefined();
    expect(reservedKeyIn(bytes('{"constructorName": 1, "my__proto__": 2}'))).toBeUndefined();
  });
});

describe('nulCharacterIn', () => {
  it('finds the NUL character escaped in a string, in a value or a key, at any depth', () => {
    expect(nulCharacterIn(bytes('{"title": "a\\u0000b"}'))).toBe(true);
    expect(nulCharacterIn(bytes('{"a": [{"b\\u0000": 1}]}'))).toBe(true);
    expect(nulCharacterIn(bytes('["\\\\", "\\u0000"]'))).toBe(true);
  });

  it('lets through an escaped backslash before u0000, other escapes, and text that only looks like one', () => {
    expect(nulCharacterIn(bytes('{"path": "C:\\\\u0000"}'))).toBe(false);
    expect(nulCharacterIn(bytes('{"a": "\\u0001 \\u00e9 \\n"}'))).toBe(false);
    expect(nulCharacterIn(bytes('{"a": "u0000", "b": 0}'))).toBe(false);
  });
});

describe('refuseHostileJson', () => {
  it('refuses a reserved key and a body too deep, each with a type the problem filter knows', () => {
    expect(() => refuseHostileJson(null, null, bytes('{"a": 1}'))).not.toThrow();
    expect(() => refuseHostileJson(null, null, bytes('{"constructor": {"prototype": {"isAdmin": true}}}'))).toThrow(
      expect.objectContaining({ type: 'entity.reserved.key', status: 400 }),
    );
    expect(() => refuseHostileJson(null, null, bytes(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`))).toThrow(
      expect.objectContaining({ type: 'entity.too.deep' }),
    );
    expect(() => refuseHostileJson(null, null, bytes('{"note": "a\\u0000"}'))).toThrow(
      expect.objectContaining({ type: 'entity.nul.character', status: 400 }),
    );
  });
});
