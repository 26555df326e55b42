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
