import { affectedRows, returnedRows } from './returned-rows';

describe('rows returned by a raw statement', () => {
  it('reads the [rows, affected] answer of an UPDATE … RETURNING, and the rows of a SELECT or INSERT', () => {
    expect(returnedRows([[{ id: 'a' }, { id: 'b' }], 2])).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(affectedRows([[{ id: 'a' }], 1])).toBe(1);
    expect(affectedRows([[], 0])).toBe(0);
    expect(returnedRows([{ id: 'a' }])).toEqual([{ id: 'a' }]);
    expect(affectedRows([{ id: 'a' }, { id: 'b' }])).toBe(2);
    expect(affectedRows(undefined)).toBe(0);
  });
});
