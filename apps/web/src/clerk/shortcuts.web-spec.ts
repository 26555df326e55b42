import { REVIEW_SHORTCUTS, shortcutFor, takesTyping, type KeyEventLike } from './shortcuts';

const key = (value: string, over: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key: value,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target: { tagName: 'BODY' },
  ...over,
});

describe('review shortcuts', () => {
  it.each([
    ['j', 'nextDocument'],
    ['k', 'previousDocument'],
    ['a', 'accept'],
    ['r', 'reject'],
    ['u', 'returnForCorrection'],
    ['c', 'claim'],
    ['n', 'nextPage'],
    ['p', 'previousPage'],
    ['?', 'help'],
  ])('%s means %s', (value, action) => {
    expect(shortcutFor(key(value))).toBe(action);
  });

  it('works with Caps Lock on', () => {
    expect(shortcutFor(key('J'))).toBe('nextDocument');
  });

  it.each([
    ['an input', { tagName: 'INPUT', type: 'text' }],
    ['a search field', { tagName: 'INPUT', type: 'search' }],
    ['an input without a type', { tagName: 'INPUT' }],
    ['a text area', { tagName: 'TEXTAREA' }],
    ['a select', { tagName: 'SELECT' }],
    ['an editable region', { tagName: 'DIV', isContentEditable: true }],
    ['a combobox', { tagName: 'DIV', getAttribute: (name: string) => (name === 'role' ? 'combobox' : null) }],
  ])('does not fire while typing in %s', (_, target) => {
    expect(shortcutFor(key('a', { target }))).toBeNull();
    expect(shortcutFor(key('?', { target }))).toBeNull();
  });

  it('fires from a focused button or checkbox, which take no typing', () => {
    expect(shortcutFor(key('a', { target: { tagName: 'BUTTON' } }))).toBe('accept');
    expect(shortcutFor(key('j', { target: { tagName: 'INPUT', type: 'checkbox' } }))).toBe('nextDocument');
  });

  it('leaves the browser and screen-reader shortcuts alone', () => {
    expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('a', { metaKey: true }))).toBeNull();
    expect(shortcutFor(key('j', { altKey: true }))).toBeNull();
  });

  it('ignores auto-repeat, composition (input methods) and events already handled', () => {
    expect(shortcutFor(key('a', { repeat: true }))).toBeNull();
    expect(shortcutFor(key('a', { isComposing: true }))).toBeNull();
    expect(shortcutFor(key('a', { defaultPrevented: true }))).toBeNull();
  });

  it('ignores keys that are not bound', () => {
    expect(shortcutFor(key('x'))).toBeNull();
    expect(shortcutFor(key('Enter'))).toBeNull();
  });

  it('binds each key and each action once', () => {
    expect(new Set(REVIEW_SHORTCUTS.map((b) => b.key)).size).toBe(REVIEW_SHORTCUTS.length);
    expect(new Set(REVIEW_SHORTCUTS.map((b) => b.action)).size).toBe(REVIEW_SHORTCUTS.length);
  });

  it('treats a null target (the document itself) as not typing', () => {
    expect(takesTyping(null)).toBe(false);
  });
});
