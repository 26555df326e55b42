import { paths, safeReturnPath } from './paths';

describe('safeReturnPath', () => {
  it('accepts a path of this app', () => {
    expect(safeReturnPath('/hearings/42?tab=orders')).toBe('/hearings/42?tab=orders');
  });

  it.each([undefined, 42, 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login'])(
    'sends %p home instead',
    (candidate) => {
      expect(safeReturnPath(candidate)).toBe(paths.home);
    },
  );
});

describe('paths', () => {
  it('encodes the parts it is given', () => {
    expect(paths.join('a/b c')).toBe('/join/a%2Fb%20c');
  });
});
