import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { IdentityModule } from '@ejustice/identity';
import { AdminQueueBoardController } from './admin-queue-board.controller';
import { QueueBoardSessions } from './queue-board-session';
import { WORKER_ONLY_QUEUES } from './queue-board';

/**
 * The queue board's session and the queues the api does not otherwise hold: those only the
 * worker fills and works (maintenance, audit checkpoints), registered here to be watched.
 */
@Module({
  imports: [IdentityModule, ...WORKER_ONLY_QUEUES.map((name) => BullModule.registerQueue({ name }))],
  controllers: [AdminQueueBoardController],
  providers: [QueueBoardSessions],
  exports: [QueueBoardSessions, BullModule],
})
export class QueueBoardModule {}
