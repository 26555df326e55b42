/**
 * Why the browser would not give us a camera or microphone, in terms a person can act on.
 * getUserMedia reports DOMException names; each maps to one sentence in the locale files
 * (`techCheck.deviceError.<reason>`).
 */
export type MediaAccessProblem = 'denied' | 'notFound' | 'inUse' | 'insecure' | 'unsupported' | 'other';

export function classifyMediaError(error: unknown): MediaAccessProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'notFound';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'inUse';
    case 'SecurityError':
      return 'insecure';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'other';
  }
}

export interface DeviceOption {
  readonly deviceId: string;
  readonly label: string;
}

/**
 * The device to keep selected after the device list changed (a headset plugged in or out):
 * the chosen one while it is still there, otherwise the system default, otherwise the first.
 */
export function keepOrPickDevice(chosen: string | null, available: readonly DeviceOption[]): string | null {
  if (available.length === 0) return null;
  if (chosen !== null && available.some((device) => device.deviceId === chosen)) return chosen;
  return available.find((device) => device.deviceId === 'default')?.deviceId ?? available[0].deviceId;
}
