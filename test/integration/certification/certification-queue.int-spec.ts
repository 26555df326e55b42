import { randomUUID } from 'node:crypto';
import Bull, { type Job, type Queue } from 'bull';
import { CertificationQueue, ISSUE_CERTIFIED_COPY } from '@ejustice/certification';

/*
 * The stuck-issue sweep's requeue against a real Redis and Bull. The worker may run as two
 * replicas, and each replica's sweep may find the same copy whose issue job failed for good at
 * the same moment: one of them retries it, and the other must take that as done rather than fail
 * (a failure ended its whole sweep, leaving the rest of its batch for the next one).
 */
describe('certified copies: requeueing a failed issue job (integration)', () => {
  let queue: Queue;
  let failing = true;
  const issued: string[] = [];

  beforeAll(async () => {
    // A Redis database of its own: this suite processes its own jobs.
    queue = new Bull('certification', 'redis://127.0.0.1:6379/6', { prefix: 'ejustice-test' });
    await queue.obliterate({ force: true });
    void queue.process(ISSUE_CERTIFIED_COPY, async (job: Job<{ copyId: string }>) => {
      if (failing) throw new Error('the seal service did not answer');
      issued.push(job.data.copyId);
    });
  });

  afterAll(async () => {
    await queue.close();
  });

  it('retries the job once when two sweeps requeue it at the same moment, and neither fails', async () => {
    const copyId = randomUUID();
    const first = await queue.add(ISSUE_CERTIFIED_COPY, { copyId }, { jobId: `issue:${copyId}`, attempts: 1 });
    await expect(first.finished()).rejects.toThrow(/seal service/);

    failing = false;
    const sweeps = [new CertificationQueue(queue), new CertificationQueue(queue)];
    const outcomes = await Promise.all(sweeps.map((s) => s.requeue(copyId)));
    expect(outcomes.sort()).toEqual(['pending', 'retried']);

    const job = await queue.getJob(`issue:${copyId}`);
    // Issued this time (finished() rejects for a job that failed again).
    await job?.finished();
    await new Promise((r) => setTimeout(r, 300));
    expect(issued.filter((id) => id === copyId)).toEqual([copyId]);
  });
});
