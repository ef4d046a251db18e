import { type KeyboardEvent as ReactKeyboardEvent, type RefObject, useEffect, useRef } from 'react';

/**
 * Keyboard entry for clerks (used by every form):
 *   Enter      → focus the next field; on the last field → save
 *                (textareas keep their own Enter; an open select picks its option;
 *                 an IME composition is never interrupted)
 *   Ctrl/Cmd+S → save (the browser's "save page" is suppressed)
 *   Esc        → close (unless a select or date drop-down is open: then it only closes that)
 * Elements inside [data-enter-skip] are skipped by Enter navigation.
 */

const FOCUSABLE = 'input, textarea, button[role="switch"], [role="combobox"]';

function isNavigable(el: HTMLElement): boolean {
  if (el.closest('[data-enter-skip]')) return false;
  if ((el as HTMLInputElement).disabled || el.getAttribute('aria-disabled') === 'true') return false;
  if (el instanceof HTMLInputElement) {
    if (el.type === 'hidden' || el.type === 'file') return false;
    if (el.readOnly && el.getAttribute('role') !== 'combobox') return false;
  }
  if (el.tabIndex < 0 && el.getAttribute('role') !== 'combobox') return false;
  // hidden (collapsed panels, display:none)
  return el.getClientRects().length > 0;
}

export function navigableFields(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(isNavigable);
}

/**
 * Focus the first navigable field of a container (after a form opens), unless the
 * user (or a test) already put the caret somewhere inside it.
 */
export function focusFirstField(container: HTMLElement | null) {
  if (!container) return;
  const active = document.activeElement;
  if (active && active !== document.body && container.contains(active) && active.matches(FOCUSABLE)) return;
  const first = navigableFields(container)[0];
  first?.focus();
}

/**
 * Move the caret to the field after `id` in its form, as Enter would. For a value set from
 * outside the field (a supplier created in a dialog above the bill): the closed dialog
 * leaves the focus nowhere and the clerk's Enter-by-Enter entry would stop.
 */
export function focusNextField(id: string) {
  setTimeout(() => {
    const el = document.getElementById(id);
    const container = el?.closest('form');
    if (!el || !container) return;
    const fields = navigableFields(container);
    const index = fields.findIndex((f) => f === el || f.contains(el));
    const next = (index >= 0 ? fields[index + 1] : undefined) ?? el;
    next.focus();
    if (next instanceof HTMLInputElement && next.getAttribute('role') !== 'combobox') next.select();
  }, 0);
}

function isSaveKey(e: KeyboardEvent) {
  return (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S' || e.code === 'KeyS');
}

function selectIsOpen(el: Element | null): boolean {
  return !!el && el.getAttribute('aria-expanded') === 'true';
}

/**
 * A drop-down of some field is showing (a date picker's calendar has no aria-expanded). One
 * that is closing (its "-leave" animation, after a pick) no longer counts.
 */
function popupIsOpen(): boolean {
  const open = ['.ant-select-dropdown', '.ant-picker-dropdown', '.ant-dropdown', '.ant-popover']
    .map((c) => `${c}:not(${c}-hidden):not([class*="-leave"])`)
    .join(', ');
  return !!document.querySelector(open);
}

/** A modal or drawer is showing (antd keeps a closed one in the DOM, hidden). */
export function overlayIsOpen(): boolean {
  return Array.from(document.querySelectorAll('.ant-modal-wrap, .ant-drawer-open')).some((el) => el.getClientRects().length > 0);
}

interface FormKeysOptions {
  containerRef: RefObject<HTMLElement | null>;
  enabled: boolean;
  onSave: () => void;
  onClose: () => void;
}

/**
 * Returns the handler to put on the form container's onKeyDownCapture: capture, so a
 * closed select never sees Enter (it would open its dropdown instead of moving on).
 */
export function useFormKeys({ containerRef, enabled, onSave, onClose }: FormKeysOptions) {
  const saveRef = useRef(onSave);
  const closeRef = useRef(onClose);
  saveRef.current = onSave;
  closeRef.current = onClose;

  useEffect(() => {
    if (!enabled) return;
    const handler = (e: KeyboardEvent) => {
      if (isSaveKey(e)) {
        e.preventDefault();
        e.stopPropagation();
        saveRef.current();
        return;
      }
      if (e.key === 'Escape' && !e.defaultPrevented && !e.isComposing) {
        const active = document.activeElement;
        if (selectIsOpen(active) || popupIsOpen()) return; // the select or picker closes its drop-down
        // A confirm dialog above the form handles its own Esc.
        if (document.querySelector('.ant-modal-confirm')) return;
        e.preventDefault();
        closeRef.current();
      }
    };
    // capture: run before antd components that stop propagation
    window.addEventListener('keydown', handler, true);
    return () => window.removeEventListener('keydown', handler, true);
  }, [enabled]);

  return (e: ReactKeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.nativeEvent.isComposing || e.keyCode === 229) return; // IME is committing a word
    const target = e.target as HTMLElement;
    if (target.tagName === 'TEXTAREA') return;
    if (target.tagName === 'BUTTON' && target.getAttribute('role') !== 'switch') return;
    if (target.tagName === 'A') return;
    if (selectIsOpen(target)) return;
    const container = containerRef.current;
    if (!container) return;
    // React bubbles events through portals: a dialog opened from this form (a new
    // supplier from inside a bill) is not part of it.
    if (!container.contains(target)) return;
    e.preventDefault();
    e.stopPropagation();
    const fields = navigableFields(container);
    const index = fields.findIndex((f) => f === target || f.contains(target));
    const next = index >= 0 ? fields[index + 1] : undefined;
    if (next) {
      next.focus();
      if (next instanceof HTMLInputElement && next.getAttribute('role') !== 'combobox') next.select();
    } else {
      saveRef.current();
    }
  };
}

function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable;
}

interface ListKeysOptions {
  enabled: boolean;
  onSearch: () => void;
  onNew?: () => void;
}

/** List pages: "/" focuses the search box, Ins or Alt+N opens 新增. */
export function useListKeys({ enabled, onSearch, onNew }: ListKeysOptions) {
  const searchRef = useRef(onSearch);
  const newRef = useRef(onNew);
  searchRef.current = onSearch;
  newRef.current = onNew;
  useEffect(() => {
    if (!enabled) return;
    const handler = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // Don't steal keys while a dialog or drawer is on top.
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]), .ant-drawer-open')) return;
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(document.activeElement)) {
        e.preventDefault();
        searchRef.current();
        return;
      }
      const altN = e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyN' || e.key === 'n' || e.key === 'N');
      if ((e.key === 'Insert' || altN) && newRef.current) {
        e.preventDefault();
        newRef.current();
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [enabled]);
}
