import { api, type ApiClient } from '../api/client';
import type {
  ScheduleMoveCheck,
  ScheduleMoveRequest,
  ScheduleMoveSaved,
  ScheduleRunSummary,
} from '@ejustice/scheduling-data/contract/schedule-moves.contract';
import type {
  ScheduleRunAccepted,
  ScheduleRunPublication,
  ScheduleRunRequest,
  ScheduleRunView,
} from '@ejustice/scheduling-data/contract/schedule-run.contract';

/** The schedule-run endpoints as the schedule page uses them (shapes in libs/scheduling-data/src/contract). */
export class ScheduleApi {
  constructor(private readonly client: ApiClient = api) {}

  private runs(courtId: string): string {
    return `/api/courts/${encodeURIComponent(courtId)}/schedule-runs`;
  }

  list(courtId: string, signal?: AbortSignal): Promise<ScheduleRunSummary[]> {
    return this.client.get<ScheduleRunSummary[]>(this.runs(courtId), signal);
  }

  run(courtId: string, runId: string, signal?: AbortSignal): Promise<ScheduleRunView> {
    return this.client.get<ScheduleRunView>(`${this.runs(courtId)}/${encodeURIComponent(runId)}`, signal);
  }

  /** `horizonStart`: the plan's first day (`YYYY-MM-DD`); the server takes today when absent. */
  planNow(courtId: string, horizonStart?: string): Promise<ScheduleRunAccepted> {
    const body: ScheduleRunRequest = horizonStart ? { horizonStart } : {};
    return this.client.post<ScheduleRunAccepted>(this.runs(courtId), body);
  }

  publish(courtId: string, runId: string): Promise<ScheduleRunPublication> {
    return this.client.post<ScheduleRunPublication>(`${this.runs(courtId)}/${encodeURIComponent(runId)}/publish`, {});
  }

  checkMove(courtId: string, runId: string, move: ScheduleMoveRequest): Promise<ScheduleMoveCheck> {
    return this.client.post<ScheduleMoveCheck>(`${this.runs(courtId)}/${encodeURIComponent(runId)}/moves/check`, move);
  }

  saveMove(courtId: string, runId: string, move: ScheduleMoveRequest): Promise<ScheduleMoveSaved> {
    return this.client.post<ScheduleMoveSaved>(`${this.runs(courtId)}/${encodeURIComponent(runId)}/moves`, move);
  }
}

export const scheduleApi = new ScheduleApi();
