import { chooseLayers, type LayerInput } from './layer-selection';

const input = (over: Partial<LayerInput>): LayerInput => ({
  tileWidth: 640,
  tileHeight: 360,
  spatialLayers: 3,
  temporalLayers: 3,
  availableKbps: null,
  videoConsumers: 1,
  producerScore: 10,
  ...over,
});

describe('simulcast layer selection', () => {
  it('picks the smallest layer that fills the tile', () => {
    expect(chooseLayers(input({ tileWidth: 300, tileHeight: 170 }))).toEqual({ spatialLayer: 0, temporalLayer: 2 });
    expect(chooseLayers(input({ tileWidth: 640, tileHeight: 360 }))).toEqual({ spatialLayer: 1, temporalLayer: 2 });
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720 }))).toEqual({ spatialLayer: 2, temporalLayer: 2 });
    expect(chooseLayers(input({ tileWidth: 3840, tileHeight: 2160 }))).toEqual({ spatialLayer: 2, temporalLayer: 2 });
  });

  it('sends the lowest layer to a hidden tile', () => {
    expect(chooseLayers(input({ tileWidth: 0, tileHeight: 0 }))).toEqual({ spatialLayer: 0, temporalLayer: 0 });
  });

  it("caps the layer by the viewer's share of the bandwidth", () => {
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720, availableKbps: 3000 }))).toEqual({ spatialLayer: 2, temporalLayer: 2 });
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720, availableKbps: 3000, videoConsumers: 4 }))).toEqual({
      spatialLayer: 1,
      temporalLayer: 2,
    });
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720, availableKbps: 300 }))).toEqual({ spatialLayer: 0, temporalLayer: 2 });
    // Not even the smallest layer fits: keep it, at a lower frame rate.
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720, availableKbps: 100 }))).toEqual({ spatialLayer: 0, temporalLayer: 1 });
  });

  it('asks for a smaller layer from a struggling sender', () => {
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720, producerScore: 3 }))).toEqual({ spatialLayer: 1, temporalLayer: 2 });
    expect(chooseLayers(input({ tileWidth: 320, tileHeight: 180, producerScore: 3 }))).toEqual({ spatialLayer: 0, temporalLayer: 2 });
  });

  it('never names a layer the stream does not have', () => {
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720, spatialLayers: 2, temporalLayers: 1 }))).toEqual({
      spatialLayer: 1,
      temporalLayer: 0,
    });
    expect(chooseLayers(input({ tileWidth: 1280, tileHeight: 720, spatialLayers: 1, temporalLayers: 1 }))).toEqual({
      spatialLayer: 0,
      temporalLayer: 0,
    });
  });
});
