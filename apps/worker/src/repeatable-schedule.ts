import type { Logger } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';

/** How long start-up waits for Redis to take a schedule before going on without it. */
const STARTUP_WAIT_MS = 5_000;

/**
 * Keeps a repeatable job scheduled: at start-up, and again each time the queue's connection to
 * Redis comes back, because a Redis that restarts without persistence forgets every schedule.
 * Adding a schedule Redis still has changes nothing (Bull keys a repeatable job by its options),
 * so one schedule stands however many workers start or reconnect. Start-up waits a little for
 * the schedule, never for a Redis that is down: the schedule follows when the connection is up.
 */
export async function keepScheduled(queue: Queue, name: string, options: JobOptions, logger: Logger): Promise<void> {
  const schedule = () =>
    queue.add(name, {}, options).then(
      () => undefined,
      (error: unknown) => logger.warn(`keepScheduled() failed; retried on reconnection [job:${name}] [error:${String(error)}]`),
    );
  queue.client.on('ready', () => void schedule());
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    queue.isReady().then(schedule),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STARTUP_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
}
