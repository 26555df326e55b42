import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings of the api process, applied by importing this module before anything else (main.ts
 * does), so that they hold from the first allocation of the application.
 *
 * `--external-memory-accounted-in-global-limit`: an upload arrives as one new 64 KB buffer per
 * socket read, memory outside V8's heap. By default V8 answers every 64 MB of such memory with a
 * full mark-compact of the whole heap (the api's is about 70 MB of modules, metadata and caches),
 * which the young generation's cheap scavenges would have freed anyway, since the buffers die as
 * soon as they are hashed and written. A 20 MB filing then cost about one full collection. With
 * this flag the buffers count towards the heap's own growing limit instead: the scavenges free
 * them and full collections come at the heap's pace. Measured with `./ejustice bench filing` on
 * two cores (bench/README.md, medians of three runs): the api's CPU per 20 MB filing fell by a
 * third, 20 MB filings at 8 filers went from 11.4 to 14.2 a second, and the api's peak memory
 * rose from 548 to 606 MB.
 */
export const API_V8_FLAGS: readonly string[] = ['--external-memory-accounted-in-global-limit'];

for (const flag of API_V8_FLAGS) setFlagsFromString(flag);
