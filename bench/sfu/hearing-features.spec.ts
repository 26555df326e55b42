import { channelListeners, consumersPerHearing, interpreterIndex, offeredProducers } from './hearing-features';

describe('interpretation in the load', () => {
  it('puts every second witness on the channel, never the judge nor the interpreter', () => {
    expect(interpreterIndex(6)).toBe(5);
    expect(channelListeners(6)).toEqual([1, 3]);
    expect(channelListeners(3)).toEqual([1]);
    expect(channelListeners(7)).toEqual([1, 3, 5]);
  });

  it("offers the interpreter's voice to the channel's listeners only, and their camera to everyone", () => {
    const others = ['judge-a', 'judge-v', 'interp-a', 'interp-v'];
    expect(offeredProducers(1, 6, others, 'interp-a')).toEqual(others);
    expect(offeredProducers(2, 6, others, 'interp-a')).toEqual(['judge-a', 'judge-v', 'interp-v']);
    expect(offeredProducers(2, 6, others, undefined)).toEqual(others);
  });

  it('counts the consumers of a hearing', () => {
    expect(consumersPerHearing(6, false)).toBe(60);
    // The judge and witnesses 2 and 4 do not receive the interpreter's voice.
    expect(consumersPerHearing(6, true)).toBe(57);
    expect(consumersPerHearing(4, false)).toBe(24);
  });
});
