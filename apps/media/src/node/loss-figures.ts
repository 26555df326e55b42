/**
 * Loss marks of the node's metrics, the network-health indicator's own (network-health.ts):
 * beyond 2 % a connection is fair at best, beyond 8 % speech breaks up even with Opus FEC.
 */
export const LOSS_MARKS = [0.02, 0.08] as const;

export interface LossFigures {
  /** The worst loss any participant of the node saw in the last sample (0 when none is known). */
  readonly worst: number;
  /** How many participants are above each mark, by the mark as Prometheus labels it. */
  readonly over: Readonly<Record<string, number>>;
}

/** From each participant's last packet-loss reading (0..1) to the node's loss figures. Pure. */
export function lossFigures(readings: readonly number[]): LossFigures {
  const over: Record<string, number> = {};
  for (const mark of LOSS_MARKS) over[String(mark)] = readings.filter((loss) => loss > mark).length;
  return { worst: readings.reduce((worst, loss) => Math.max(worst, loss), 0), over };
}
