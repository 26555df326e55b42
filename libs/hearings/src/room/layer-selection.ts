/**
 * Which simulcast layer a viewer receives. The client sends three layers (a quarter, half and
 * full resolution); the server caps each consumer with `setPreferredLayers` from the size of the
 * tile the viewer shows it in, the bandwidth towards that viewer, and how well the sender's
 * stream is doing. mediasoup's own congestion control still moves below the cap when it must.
 */

export interface LayerInput {
  /** Tile size in device pixels (0 × 0: not visible). */
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly spatialLayers: number;
  readonly temporalLayers: number;
  /** Estimated bitrate towards the viewer (kbit/s), or null before the first estimate. */
  readonly availableKbps: number | null;
  /** Video consumers sharing that bandwidth (at least this one). */
  readonly videoConsumers: number;
  /** mediasoup's score of the producer's stream (0..10), or null when unknown. */
  readonly producerScore: number | null;
}

export interface Layers {
  readonly spatialLayer: number;
  readonly temporalLayer: number;
}

/**
 * Nominal height and bitrate of each layer for a 720p camera sent with scaleResolutionDownBy
 * 4, 2, 1. Only the ratios matter for the choice, so a 540p camera is served just as well.
 */
export const NOMINAL_LAYERS: readonly { readonly height: number; readonly width: number; readonly kbps: number }[] = [
  { width: 320, height: 180, kbps: 150 },
  { width: 640, height: 360, kbps: 500 },
  { width: 1280, height: 720, kbps: 1500 },
];

/** A producer scoring below this is struggling (losses upstream): ask for a smaller layer. */
const WEAK_PRODUCER_SCORE = 5;

export function chooseLayers(input: LayerInput): Layers {
  const topSpatial = Math.max(0, input.spatialLayers - 1);
  const topTemporal = Math.max(0, input.temporalLayers - 1);
  if (input.tileWidth <= 0 || input.tileHeight <= 0) return { spatialLayer: 0, temporalLayer: 0 };

  // The smallest layer at least as large as the tile (a little upscaling is invisible).
  let bySize = topSpatial;
  for (let i = 0; i <= topSpatial; i++) {
    const layer = NOMINAL_LAYERS[Math.min(i, NOMINAL_LAYERS.length - 1)];
    if (layer.height >= input.tileHeight * 0.9 && layer.width >= input.tileWidth * 0.9) {
      bySize = i;
      break;
    }
  }

  // The largest layer the viewer's share of the bandwidth can carry.
  let byBandwidth = topSpatial;
  let temporalLayer = topTemporal;
  if (input.availableKbps !== null) {
    const share = input.availableKbps / Math.max(1, input.videoConsumers);
    byBandwidth = 0;
    for (let i = topSpatial; i >= 0; i--) {
      if (NOMINAL_LAYERS[Math.min(i, NOMINAL_LAYERS.length - 1)].kbps <= share) {
        byBandwidth = i;
        break;
      }
    }
    // Not even the smallest layer fits: keep it, at a lower frame rate.
    if (NOMINAL_LAYERS[0].kbps > share) temporalLayer = Math.max(0, topTemporal - 1);
  }

  let spatialLayer = Math.min(bySize, byBandwidth);
  if (input.producerScore !== null && input.producerScore < WEAK_PRODUCER_SCORE) spatialLayer = Math.max(0, spatialLayer - 1);
  return { spatialLayer, temporalLayer };
}
