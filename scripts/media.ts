import { DataSource } from 'typeorm';
// Deep imports: a command starts in a fraction of the time without the libs' Nest modules.
import { DrainMediaNode } from '@ejustice/hearings/room/drain-media-node.use-case';
import { MediaNodeDirectory } from '@ejustice/hearings/room/media-node-directory';
import type { MediaNodeView } from '@ejustice/hearings/room/node-draining';
import { AuditEvent, AuditLog, SYSTEM_ACTOR, SystemClock, createRedisClient, isDomainError, loadConfig } from '@ejustice/platform';

/**
 * `./ejustice media nodes [--json]`
 *   the media nodes of the pool (MEDIA_POOL): load, draining, age of the last heartbeat.
 * `./ejustice media drain <nodeId> | --self [--wait [--timeout SECONDS]]`
 *   drains a node: it takes no new hearing, and the hearings it carries finish where they are. An
 *   operator's drain stays (across the node's restarts) until `undrain`. With `--wait`, waits
 *   until the node carries no hearing, printing how many are left (exit 2 at the timeout, naming
 *   them). `--self` is the node's own drain before it stops (a pre-stop hook): the node id is
 *   MEDIA_NODE_ID, and the drain is lifted when the node stops or starts again.
 * `./ejustice media undrain <nodeId>`
 *   lifts a drain (also of a node that is gone): the node takes new hearings again.
 * Every drain and undrain is an audit event. Exit 1 for bad arguments, an unknown node, or when
 * it could not run.
 */
const USAGE = [
  'usage: media nodes [--json]',
  '       media drain <nodeId> | --self [--wait [--timeout SECONDS]]',
  '       media undrain <nodeId>',
].join('\n');

export type MediaCommand =
  | { readonly command: 'nodes'; readonly json: boolean }
  | {
      readonly command: 'drain';
      /** Null with --self: the node's own id, from MEDIA_NODE_ID. */
      readonly nodeId: string | null;
      readonly wait: boolean;
      readonly timeoutSeconds: number | null;
    }
  | { readonly command: 'undrain'; readonly nodeId: string };

/** The command, or a sentence saying what is wrong with the arguments. */
export function parseMediaArgs(args: readonly string[]): MediaCommand | string {
  const [command, ...rest] = args;
  if (command === 'nodes') {
    if (rest.some((a) => a !== '--json')) return `unknown argument ${rest.find((a) => a !== '--json')} for nodes\n${USAGE}`;
    return { command, json: rest.length > 0 };
  }
  if (command === 'undrain') {
    if (rest.length !== 1 || rest[0].startsWith('-')) return `undrain needs the id of one node\n${USAGE}`;
    return { command, nodeId: rest[0] };
  }
  if (command !== 'drain') return `unknown command ${command ?? '(none)'}\n${USAGE}`;
  let nodeId: string | null | undefined;
  let wait = false;
  let timeoutSeconds: number | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--wait') wait = true;
    else if (arg === '--self' && nodeId === undefined) nodeId = null;
    else if (arg === '--timeout') {
      const value = Number(rest[++i]);
      if (!Number.isFinite(value) || value <= 0) return `--timeout needs a number of seconds above 0\n${USAGE}`;
      timeoutSeconds = value;
    } else if (!arg.startsWith('-') && nodeId === undefined) nodeId = arg;
    else return `unknown argument ${arg} for drain\n${USAGE}`;
  }
  if (nodeId === undefined) return `drain needs the id of one node, or --self\n${USAGE}`;
  if (timeoutSeconds !== null && !wait) return `--timeout goes with --wait\n${USAGE}`;
  return { command, nodeId, wait, timeoutSeconds };
}

export interface MediaCommandDeps {
  readonly directory: MediaNodeDirectory;
  /** Opened only by the commands that change something (the listing needs no database). */
  readonly drain: () => Promise<DrainMediaNode>;
  /** MEDIA_NODE_ID, for --self. */
  readonly selfNodeId: string;
  /** How often --wait looks again. */
  readonly pollMs?: number;
  readonly now?: () => number;
}

/** Runs the command, printing lines to `out` (and failures to `err`); returns the exit code. */
export async function runMedia(
  cmd: MediaCommand,
  deps: MediaCommandDeps,
  out: (line: string) => void,
  err: (line: string) => void = out,
): Promise<number> {
  const now = deps.now ?? Date.now;
  if (cmd.command === 'nodes') {
    const nodes = await deps.directory.nodes();
    if (cmd.json) out(JSON.stringify(nodes, null, 2));
    else for (const line of nodeTable(nodes, now())) out(line);
    return 0;
  }
  const self = cmd.command === 'drain' && cmd.nodeId === null;
  const nodeId = cmd.nodeId ?? deps.selfNodeId;
  const drain = await deps.drain();
  let view: MediaNodeView;
  try {
    view = await drain.execute({
      actor: SYSTEM_ACTOR,
      nodeId,
      want: cmd.command,
      by: self ? 'node' : 'command',
      // The node's own drain is kept as long as it may wait, and an hour more for its shutdown.
      ...(self && cmd.command === 'drain' && cmd.timeoutSeconds !== null ? { markTtlSeconds: Math.ceil(cmd.timeoutSeconds) + 3600 } : {}),
    });
  } catch (error) {
    if (isDomainError(error) && error.code === 'media.node_not_found') {
      err(`${nodeId}: no such media node in pool "${deps.directory.pool}": it is not running and not marked draining. See: media nodes`);
      return 1;
    }
    throw error;
  }
  if (cmd.command === 'undrain') {
    out(`${nodeId} is not draining: it takes new hearings${view.live ? '' : ' once it runs again'}.`);
    return 0;
  }
  out(
    `${nodeId} is draining since ${view.drainingSince} (${view.drainedBy}): it takes no new hearing; the ${plural(view.hearings, 'hearing')} it carries finish where they are.`,
  );
  if (!cmd.wait) return 0;
  return waitUntilEmpty(nodeId, cmd.timeoutSeconds, deps, out, err);
}

/**
 * Waits until the node carries no hearing: none placed on it in the registry, and its own report
 * (a heartbeat later) agreeing, or the node gone. Prints the count whenever it changes.
 */
async function waitUntilEmpty(
  nodeId: string,
  timeoutSeconds: number | null,
  deps: MediaCommandDeps,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const now = deps.now ?? Date.now;
  const deadline = timeoutSeconds === null ? Infinity : now() + timeoutSeconds * 1000;
  let last = -1;
  for (;;) {
    const [hearings, node] = await Promise.all([deps.directory.hearingsOn(nodeId), deps.directory.node(nodeId)]);
    if (!node?.mark) {
      err(`${nodeId} was undrained while waiting: it takes new hearings again.`);
      return 1;
    }
    const reported = node.load?.hearings ?? 0;
    const left = Math.max(hearings.length, reported);
    if (left === 0) {
      out(`${nodeId} carries no hearing: drained.`);
      return 0;
    }
    if (left !== last) out(`${nodeId}: ${plural(left, 'hearing')} left`);
    last = left;
    if (now() >= deadline) {
      err(
        `${nodeId} still carries ${plural(left, 'hearing')} after ${timeoutSeconds} s${hearings.length ? `: ${hearings.join(', ')}` : ''}. It stays draining.`,
      );
      return 2;
    }
    await new Promise((r) => setTimeout(r, Math.min(deps.pollMs ?? 1000, Math.max(0, deadline - now()))));
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The nodes as a table: one line each, and a line when there is none. */
export function nodeTable(nodes: readonly MediaNodeView[], now: number): string[] {
  if (nodes.length === 0) return ['no media node in this pool'];
  const rows = nodes.map((n) => [
    n.nodeId,
    n.url ?? '-',
    String(n.hearings),
    String(n.participants),
    String(n.consumers),
    String(n.workers),
    n.draining ? `since ${n.drainingSince} (${n.drainedBy})` : 'no',
    n.heartbeatAt ? `${((now - Date.parse(n.heartbeatAt)) / 1000).toFixed(1)} s ago` : 'gone',
  ]);
  const header = ['NODE', 'URL', 'HEARINGS', 'PARTICIPANTS', 'CONSUMERS', 'WORKERS', 'DRAINING', 'HEARTBEAT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

if (require.main === module) {
  const parsed = parseMediaArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    console.error(parsed);
    process.exit(1);
  }
  // A media node's pre-stop hook runs this with the node's own environment, which holds no secret that signs.
  const config = loadConfig(undefined, { secrets: [] });
  const redis = createRedisClient(config.redis, { maxRetriesPerRequest: 2 });
  const directory = new MediaNodeDirectory(redis, config);
  let db: DataSource | undefined;
  const clock = new SystemClock();
  runMedia(
    parsed,
    {
      directory,
      selfNodeId: config.media.nodeId,
      drain: async () => {
        db = await new DataSource({
          type: 'postgres',
          url: config.database.appUrl,
          entities: [AuditEvent],
          logging: ['error'],
        }).initialize();
        return new DrainMediaNode(db, directory, new AuditLog(clock), clock);
      },
    },
    (line) => console.log(line),
    (line) => console.error(line),
  )
    .catch((error: unknown) => {
      console.error(`media could not run: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    })
    .then(async (code) => {
      await db?.destroy().catch(() => undefined);
      await redis.quit().catch(() => redis.disconnect());
      process.exit(code);
    });
}
