import { api, type ApiClient } from '../api/client';
import type {
  InterpreterRequest,
  InterpreterView,
  JudgeProfileRequest,
  JudgeProfileView,
  RoomRequest,
  RoomView,
  SchedulingPolicyRequest,
  SchedulingPolicyView,
  SessionPatternCreated,
  SessionPatternRequest,
  SessionRangeQuery,
  SessionRequest,
  SessionView,
  SupporterRequest,
  SupporterView,
  UnavailabilityRequest,
  UnavailabilityView,
} from '@ejustice/scheduling-data/contract/scheduling-resources.contract';

/** The three lists kept alike: rooms, interpreters and supporters (list, add, replace, delete). */
export type ResourceKind = 'rooms' | 'interpreters' | 'supporters';

export interface ResourceShapes {
  rooms: { request: RoomRequest; view: RoomView };
  interpreters: { request: InterpreterRequest; view: InterpreterView };
  supporters: { request: SupporterRequest; view: SupporterView };
}

/**
 * The court's scheduling data as the scheduling-data page uses it: `/api/courts/:courtId/scheduling/...`
 * (shapes in libs/scheduling-data/src/contract/scheduling-resources.contract.ts).
 */
export class SchedulingDataApi {
  constructor(private readonly client: ApiClient = api) {}

  private base(courtId: string): string {
    return `/api/courts/${encodeURIComponent(courtId)}/scheduling`;
  }

  judges(courtId: string, signal?: AbortSignal): Promise<JudgeProfileView[]> {
    return this.client.get<JudgeProfileView[]>(`${this.base(courtId)}/judges`, signal);
  }

  setJudgeProfile(courtId: string, userId: string, profile: JudgeProfileRequest): Promise<JudgeProfileView> {
    return this.client.request<JudgeProfileView>(`${this.base(courtId)}/judges/${encodeURIComponent(userId)}`, {
      method: 'PUT',
      body: profile,
    });
  }

  list<K extends ResourceKind>(courtId: string, kind: K, signal?: AbortSignal): Promise<ResourceShapes[K]['view'][]> {
    return this.client.get<ResourceShapes[K]['view'][]>(`${this.base(courtId)}/${kind}`, signal);
  }

  add<K extends ResourceKind>(courtId: string, kind: K, body: ResourceShapes[K]['request']): Promise<ResourceShapes[K]['view']> {
    return this.client.post<ResourceShapes[K]['view']>(`${this.base(courtId)}/${kind}`, body);
  }

  replace<K extends ResourceKind>(
    courtId: string,
    kind: K,
    id: string,
    body: ResourceShapes[K]['request'],
  ): Promise<ResourceShapes[K]['view']> {
    return this.client.request<ResourceShapes[K]['view']>(`${this.base(courtId)}/${kind}/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body,
    });
  }

  remove(courtId: string, kind: ResourceKind, id: string): Promise<void> {
    return this.client.request<void>(`${this.base(courtId)}/${kind}/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  sessions(courtId: string, range: SessionRangeQuery, signal?: AbortSignal): Promise<SessionView[]> {
    const query = new URLSearchParams({ from: range.from, to: range.to });
    return this.client.get<SessionView[]>(`${this.base(courtId)}/sessions?${query.toString()}`, signal);
  }

  addSession(courtId: string, session: SessionRequest): Promise<SessionView> {
    return this.client.post<SessionView>(`${this.base(courtId)}/sessions`, session);
  }

  addPattern(courtId: string, pattern: SessionPatternRequest): Promise<SessionPatternCreated> {
    return this.client.post<SessionPatternCreated>(`${this.base(courtId)}/sessions/pattern`, pattern);
  }

  removeSession(courtId: string, sessionId: string): Promise<void> {
    return this.client.request<void>(`${this.base(courtId)}/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });
  }

  daysOff(courtId: string, signal?: AbortSignal): Promise<UnavailabilityView[]> {
    return this.client.get<UnavailabilityView[]>(`${this.base(courtId)}/unavailability`, signal);
  }

  addDaysOff(courtId: string, request: UnavailabilityRequest): Promise<UnavailabilityView> {
    return this.client.post<UnavailabilityView>(`${this.base(courtId)}/unavailability`, request);
  }

  removeDaysOff(courtId: string, id: string): Promise<void> {
    return this.client.request<void>(`${this.base(courtId)}/unavailability/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  policy(courtId: string, signal?: AbortSignal): Promise<SchedulingPolicyView> {
    return this.client.get<SchedulingPolicyView>(`${this.base(courtId)}/policy`, signal);
  }

  setPolicy(courtId: string, policy: SchedulingPolicyRequest): Promise<SchedulingPolicyView> {
    return this.client.request<SchedulingPolicyView>(`${this.base(courtId)}/policy`, { method: 'PUT', body: policy });
  }
}

export const schedulingDataApi = new SchedulingDataApi();
