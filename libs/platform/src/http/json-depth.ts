/** Deeper than any body the api defines; deep enough to refuse what would exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of objects and arrays in a JSON text, read byte by byte (strings skipped). */
export function jsonDepth(body: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) deepest = Math.max(deepest, ++depth);
    else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
  }
  return deepest;
}

/**
 * The JSON body parser's `verify` hook: a body nested deeper than MAX_JSON_DEPTH is refused
 * before it is parsed (thousands of levels parse, then overflow the stack of the validator).
 * Reported like the parser's own errors, with a type the problem-details filter knows.
 */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`), {
      type: 'entity.too.deep',
      status: 400,
    });
  }
}

const COLON = 0x3a;
/** Names that reach an object's prototype when a parsed body is merged or transformed. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const RESERVED_LENGTHS = new Set([...RESERVED_KEYS].map((k) => k.length));

function isJsonSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * The first key of a JSON text that is `__proto__`, `constructor` or `prototype` (escaped or
 * not), read byte by byte like jsonDepth: a string followed by a colon is a key. No request of
 * the court has such a field, and a body that carries one is probing for prototype pollution.
 */
export function reservedKeyIn(body: Uint8Array): string | undefined {
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== QUOTE) continue;
    const start = i + 1;
    let escaped = false;
    for (i = start; i < body.length && body[i] !== QUOTE; i++) {
      if (body[i] === BACKSLASH) {
        escaped = true;
        i++;
      }
    }
    const end = i;
    let j = end + 1;
    while (j < body.length && isJsonSpace(body[j])) j++;
    if (body[j] !== COLON) continue;
    if (!escaped && !RESERVED_LENGTHS.has(end - start)) continue;
    const raw = Buffer.from(body.buffer, body.byteOffset + start, end - start).toString('utf8');
    let key: string;
    try {
      key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    } catch {
      continue; // not valid JSON: the parser refuses it next
    }
    if (RESERVED_KEYS.has(key)) return key;
  }
  return undefined;
}

const LOWER_U = 0x75;
const ZERO = 0x30;

/**
 * Whether a JSON text holds the NUL character in a string (`\u0000`; JSON allows it only
 * escaped), read byte by byte like jsonDepth. PostgreSQL stores no NUL in text: such a value
 * would pass every field's validation and fail in the database.
 */
export function nulCharacterIn(body: Uint8Array): boolean {
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (!inString) {
      if (b === QUOTE) inString = true;
    } else if (b === QUOTE) inString = false;
    else if (b === BACKSLASH) {
      if (body[i + 1] === LOWER_U && body[i + 2] === ZERO && body[i + 3] === ZERO && body[i + 4] === ZERO && body[i + 5] === ZERO) {
        return true;
      }
      i++; // the escaped character, a backslash or a quote among them
    }
  }
  return false;
}

/**
 * The JSON body parser's `verify` hook for the api: refuses a body nested too deep
 * (refuseDeepJson), one that uses a reserved key, and one with the NUL character in a string,
 * before it is parsed.
 */
export function refuseHostileJson(req: unknown, res: unknown, body: Buffer): void {
  refuseDeepJson(req, res, body);
  const key = reservedKeyIn(body);
  if (key !== undefined) {
    throw Object.assign(new Error(`The request body uses "${key}" as a field name.`), { type: 'entity.reserved.key', status: 400 });
  }
  if (nulCharacterIn(body)) {
    throw Object.assign(new Error('The request body holds the NUL character in a text.'), { type: 'entity.nul.character', status: 400 });
  }
}
