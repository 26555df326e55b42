import { initialRoomState, roomReducer, type RoomEvent, type RoomState } from '../state/room-state';

/**
 * The room state outside React: the session controller dispatches into it from socket and media
 * callbacks, and components read it with useSyncExternalStore. One reducer, so every change is
 * the same pure step the unit tests exercise.
 */
export class RoomStore {
  private state: RoomState = initialRoomState;
  private readonly listeners = new Set<() => void>();

  getState = (): RoomState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch(event: RoomEvent): void {
    const next = roomReducer(this.state, event);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
