import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bull';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bull';
import type { NextFunction, Request, Response } from 'express';
import { CERTIFICATION_QUEUE } from '@ejustice/certification';
import { FILING_QUEUE } from '@ejustice/filing';
import { ProblemDetailsFilter } from '@ejustice/platform';
import { SCHEDULING_QUEUE } from '@ejustice/scheduling-data';
import { QUEUE_BOARD_PATH, QueueBoardSessions } from './queue-board-session';

/**
 * The worker's own queues (apps/worker: maintenance.processor.ts, audit-checkpoint.processor.ts),
 * by name: the api does not import the worker. queue-board.e2e-spec.ts checks the names agree.
 */
export const WORKER_ONLY_QUEUES = ['maintenance', 'audit'] as const;
/** Every Bull queue of the platform, as the board lists them. */
export const BOARD_QUEUES = [FILING_QUEUE, CERTIFICATION_QUEUE, SCHEDULING_QUEUE, ...WORKER_ONLY_QUEUES] as const;

/**
 * Mounts Bull's board (bull-board) at /api/admin/queues/ for administrators only (see
 * QueueBoardSessions), before the api's routes and the web app's fallback. Read-only: retrying,
 * removing, promoting or adding a job from a web page would act on filings, certified copies and
 * schedules outside the use cases that check and audit every such change; the queues' own
 * retries and the outbox sweep recover failed work. Its page runs its own bundled scripts and
 * styles under the platform's content security policy (with `base-uri 'self'` for its <base>);
 * refused are only the web font it links from Google (it falls back to the system font) and the
 * inline styles of its "Loading" placeholder (queue-board.browser-spec.ts).
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: BOARD_QUEUES.map((name) => new BullAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'e-justice queues' } },
  });
  const sessions = app.get(QueueBoardSessions);
  const problems = new ProblemDetailsFilter();
  const onlyAdmins = (req: Request, res: Response, next: NextFunction) => {
    sessions.authorize(req).then(
      () => next(),
      (error: unknown) => {
        const problem = problems.toProblem(error, req);
        res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
      },
    );
  };
  app.use(QUEUE_BOARD_PATH, onlyAdmins, serverAdapter.getRouter());
}
