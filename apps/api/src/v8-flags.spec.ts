import { spawnSync } from 'node:child_process';
import { API_V8_FLAGS } from './v8-flags';

/**
 * What an upload does to the heap: 1 GB passing through 64 KB buffers that die at once (a socket
 * read each, hashed, written and dropped), beside a heap of live objects. Prints the full (major)
 * collections it caused.
 */
const UPLOAD_CHURN = `
const { PerformanceObserver, constants } = require('node:perf_hooks');
let major = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major += 1;
}).observe({ entryTypes: ['gc'] });
const live = Array.from({ length: 20000 }, (_, i) => ({ i, text: 'object ' + i }));
(async () => {
  for (let i = 0; i < 16384; i++) {
    Buffer.allocUnsafeSlow(64 * 1024)[0] = i;
    if (i % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  setTimeout(() => process.stdout.write(JSON.stringify({ major, live: live.length })), 100);
})();
`;

/**
 * The churn in a fresh Node, after `flags` are set as v8-flags.ts sets them (setFlagsFromString,
 * at run time). Not by preloading v8-flags.ts itself: Node would strip its types with a WASM
 * compiler whose memory, outside V8's heap too, then counts against the same limit and costs the
 * child one to four full collections of its own on a busy machine (seen in CI), which the api,
 * run from JavaScript, never has.
 */
function fullCollections(flags: readonly string[]): { major: number; stderr: string } {
  const preamble = flags.map((flag) => `require('node:v8').setFlagsFromString(${JSON.stringify(flag)});`).join('\n');
  const run = spawnSync(process.execPath, ['-e', `${preamble}\n${UPLOAD_CHURN}`], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`the churn exited with ${run.status}: ${run.stderr}`);
  return { major: (JSON.parse(run.stdout) as { major: number }).major, stderr: run.stderr };
}

describe('the api process V8 flags', () => {
  it('are flags this Node knows, and uploads no longer cost a full collection per 64 MB', () => {
    const plain = fullCollections([]);
    const api = fullCollections(API_V8_FLAGS);
    // V8 says so on stderr when a flag is unknown (a Node upgrade that dropped it), and goes on.
    expect(api.stderr).not.toMatch(/unrecognized flag/);
    // Without the flag V8 collects the whole heap about once per 64 MB of such buffers (16 here).
    expect(plain.major).toBeGreaterThanOrEqual(4);
    expect(api.major).toBeLessThanOrEqual(1);
  });
});
