import { lossFigures } from './loss-figures';

describe('lossFigures', () => {
  it('is zero for a node where no loss is known', () => {
    expect(lossFigures([])).toEqual({ worst: 0, over: { '0.02': 0, '0.08': 0 } });
  });

  it('takes the worst reading and counts the participants above each mark (strictly above)', () => {
    const sut = lossFigures([0, 0.01, 0.02, 0.03, 0.08, 0.2]);
    expect(sut.worst).toBe(0.2);
    expect(sut.over).toEqual({ '0.02': 3, '0.08': 1 });
  });
});
