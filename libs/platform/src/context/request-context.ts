import { AsyncLocalStorage } from 'node:async_hooks';

/** What the platform knows about the request (or job, or socket message) being handled. */
export interface RequestContextData {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/**
 * Carries the correlation id through async calls so that log lines and audit events can name
 * the request that caused them without threading it through every signature.
 */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};
