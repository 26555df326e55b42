import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './app-config';

const ROOT = join(__dirname, '../../../..');

/** Every variable name that loadConfig() reads, taken from its source. */
function variablesRead(): string[] {
  const source = readFileSync(join(__dirname, 'app-config.ts'), 'utf8');
  return [...new Set([...source.matchAll(/r\.\w+\(\s*'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]))].sort();
}

function variablesDocumented(): Map<string, string> {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return new Map(
    text
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
}

describe('.env.example', () => {
  it('documents every variable the configuration reads, and no other', () => {
    expect([...variablesDocumented().keys()].sort()).toEqual(variablesRead());
  });

  it('holds values that the configuration accepts', () => {
    const env = Object.fromEntries(variablesDocumented());
    expect(() => loadConfig({ ...env, EJ_ROOT_DIR: ROOT })).not.toThrow();
  });
});
