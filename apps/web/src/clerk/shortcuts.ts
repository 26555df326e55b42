/**
 * Single-key shortcuts for the clerk's review screen, in the manner of mail clients (j/k to move,
 * a letter per action). They fire only when nothing that takes text has the focus, so typing
 * "a" into a reason never accepts a document, and never with Ctrl, Alt or Meta, so the
 * browser's and the screen reader's own shortcuts keep working.
 */
export type ShortcutAction =
  'nextDocument' | 'previousDocument' | 'nextPage' | 'previousPage' | 'accept' | 'reject' | 'returnForCorrection' | 'claim' | 'help';

export interface ShortcutBinding {
  key: string;
  action: ShortcutAction;
}

/** The order is the order of the help dialog. */
export const REVIEW_SHORTCUTS: readonly ShortcutBinding[] = [
  { key: 'j', action: 'nextDocument' },
  { key: 'k', action: 'previousDocument' },
  { key: 'n', action: 'nextPage' },
  { key: 'p', action: 'previousPage' },
  { key: 'c', action: 'claim' },
  { key: 'a', action: 'accept' },
  { key: 'r', action: 'reject' },
  { key: 'u', action: 'returnForCorrection' },
  { key: '?', action: 'help' },
];

/** What the handler needs to know of a keydown event and of the element it happened in. */
export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
  defaultPrevented?: boolean;
  isComposing?: boolean;
  target: EventTargetLike | null;
}

export interface EventTargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
  getAttribute?(name: string): string | null;
}

/** Input types that take no typing; a shortcut from a focused checkbox or button is fine. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color', 'image']);

/** Roles of widgets that use letter keys themselves (type-ahead in a list box, a menu...). */
const KEY_HUNGRY_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'menu', 'menubar', 'grid', 'tree', 'spinbutton']);

export function takesTyping(target: EventTargetLike | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  const role = target.getAttribute?.('role');
  return role !== null && role !== undefined && KEY_HUNGRY_ROLES.has(role);
}

/**
 * The action a key press asks for, or null when it is not a shortcut here. Letters are matched
 * case-insensitively, so Caps Lock does not switch the shortcuts off; a held key's auto-repeat
 * is ignored, so a clerk cannot accept several documents by leaning on "a".
 */
export function shortcutFor(event: KeyEventLike, bindings: readonly ShortcutBinding[] = REVIEW_SHORTCUTS): ShortcutAction | null {
  if (event.defaultPrevented || event.isComposing || event.repeat) return null;
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (takesTyping(event.target)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return bindings.find((binding) => binding.key === key)?.action ?? null;
}
