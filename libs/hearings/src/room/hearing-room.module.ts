import { Module } from '@nestjs/common';
import { DrainMediaNode } from './drain-media-node.use-case';
import { IssueJoinTicket } from './issue-join-ticket.use-case';
import { JoinTickets } from './join-tickets';
import { MediaNodeDirectory } from './media-node-directory';
import { MediaNodeFailover } from './media-node-failover';
import { RoomLedger } from './room-ledger.service';
import { RoomSnapshotStore } from './room-snapshot-store';

/**
 * The live hearing room's services shared by the api (tickets, placement) and the media node
 * (ledger, ticket checks, node registry). Needs the platform's global config, database, Redis and
 * audit modules, and nothing from identity: the media node loads no passport strategy.
 */
@Module({
  providers: [RoomLedger, JoinTickets, MediaNodeDirectory, IssueJoinTicket, RoomSnapshotStore, DrainMediaNode, MediaNodeFailover],
  exports: [RoomLedger, JoinTickets, MediaNodeDirectory, IssueJoinTicket, RoomSnapshotStore, DrainMediaNode, MediaNodeFailover],
})
export class HearingRoomModule {}
