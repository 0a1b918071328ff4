// @ts-check
// The badge in a watched field's corner: how many hints the reply has, and
// on click the care checklist (customer named, first-person action, time for
// the follow-up, ...), as the engine evaluated it for the whole reply.

import { trusted, viewportSize } from './ui.js';

/**
 * @typedef {import('../engine/carelint.js').ChecklistItem} ChecklistItem
 * @typedef {import('./highlights.js').Box} Box
 */

const SIZE = 22;
const INSET = 4;
const GAP = 6;
const MARGIN = 8;

export class Badge {
  /** @param {HTMLElement} container */
  constructor(container) {
    const doc = container.ownerDocument;
    this.container = container;
    this.button = doc.createElement('button');
    this.button.type = 'button';
    this.button.setAttribute('data-carelint-badge', '');
    this.button.setAttribute('aria-expanded', 'false');
    // Keep focus (and the caret) in the editor when clicked.
    this.button.addEventListener('mousedown', (e) => e.preventDefault());
    this.button.addEventListener('click', trusted(() => this.toggle()));
    this.panel = doc.createElement('div');
    this.panel.className = 'checklist';
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', 'Care checklist');
    this.panel.hidden = true;
    this.panel.addEventListener('mousedown', (e) => e.preventDefault());
    this.panel.addEventListener('keydown', trusted((e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.toggle(false);
        this.button.focus();
      }
    }));
    container.append(this.button, this.panel);
    /** @type {ChecklistItem[]} */
    this.checklist = [];
    /** @type {string[]} */
    this.stopped = [];
    this.count = -1;
    /** The button's width for its count (0: not measured): read once, not on every paint. */
    this.width = 0;
    this.transform = '';
  }

  /**
   * @param {number} count hints shown in the field
   * @param {ChecklistItem[]} checklist
   * @param {string[]} stopped rules the engine stopped on this reply (too slow on it)
   * @param {Box | null} area the field's visible client area (null: off screen)
   */
  update(count, checklist, stopped, area) {
    if (count !== this.count) {
      this.count = count;
      this.button.dataset.count = String(count);
      this.button.textContent = String(count);
      this.button.setAttribute('aria-label',
        `Carelint: ${count === 1 ? '1 hint' : `${count} hints`} in this reply. Show the care checklist`);
      this.width = 0;
    }
    if (checklist !== this.checklist || stopped.join() !== this.stopped.join()) {
      this.checklist = checklist;
      this.stopped = stopped;
      if (this.isOpen) this.#renderPanel();
    }
    const visible = !!area && area.right - area.left >= SIZE + 2 * INSET && area.bottom - area.top >= SIZE + 2 * INSET;
    if (this.button.hidden === visible) this.button.hidden = !visible;
    if (!visible) {
      if (this.isOpen) this.toggle(false);
      return;
    }
    // Reading the width after this paint's writes would lay the page out
    // again on every keystroke; it changes only with the count.
    this.width ||= this.button.offsetWidth;
    const left = area.right - INSET - this.width;
    const top = area.bottom - INSET - SIZE;
    const transform = `translate(${left}px, ${top}px)`;
    if (transform !== this.transform) {
      this.transform = transform;
      this.button.style.transform = transform;
    }
    if (this.isOpen) this.#placePanel(left + this.width, top);
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  /** @param {boolean} [open] default: the opposite of now */
  toggle(open = !this.isOpen) {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      this.#renderPanel();
      const r = this.button.getBoundingClientRect();
      this.#placePanel(r.right, r.top);
    }
  }

  remove() {
    this.button.remove();
    this.panel.remove();
  }

  #renderPanel() {
    const doc = this.panel.ownerDocument;
    const title = doc.createElement('h2');
    title.textContent = `Care checklist · ${this.count === 1 ? '1 hint' : `${this.count} hints`}`;
    if (!this.checklist.length) {
      const empty = doc.createElement('p');
      empty.textContent = 'Write a reply to see how it does.';
      this.panel.replaceChildren(title, empty, ...this.#stoppedNote());
      return;
    }
    const list = doc.createElement('ul');
    for (const item of this.checklist) {
      const li = doc.createElement('li');
      li.dataset.status = item.status;
      const label = doc.createElement('span');
      label.textContent = item.label;
      const reason = doc.createElement('span');
      reason.className = 'reason';
      reason.textContent = item.reason;
      li.setAttribute('aria-label', `${item.label}: ${item.status === 'n/a' ? 'not applicable' : item.status}. ${item.reason}`);
      li.append(label, reason);
      list.append(li);
    }
    this.panel.replaceChildren(title, list, ...this.#stoppedNote());
  }

  /**
   * Rules the engine stopped on this reply (a pack's pattern that took too
   * long on it): the agent should know the reply was not fully checked,
   * and whom to tell.
   */
  #stoppedNote() {
    if (!this.stopped.length) return [];
    const note = this.panel.ownerDocument.createElement('p');
    note.setAttribute('data-carelint-stopped', '');
    const rules = this.stopped.join(', ');
    note.textContent = `Not fully checked: ${rules} took too long on this reply and ${this.stopped.length === 1 ? 'was' : 'were'} stopped. Tell whoever manages your Carelint packs.`;
    return [note];
  }

  /**
   * Above the badge, right edges aligned; below it when there is no room.
   * @param {number} right
   * @param {number} badgeTop
   */
  #placePanel(right, badgeTop) {
    const viewport = viewportSize(this.panel.ownerDocument);
    const width = this.panel.offsetWidth;
    const height = this.panel.offsetHeight;
    let top = badgeTop - GAP - height;
    if (top < MARGIN) top = Math.min(badgeTop + SIZE + GAP, viewport.height - height - MARGIN);
    const left = Math.max(MARGIN, Math.min(right - width, viewport.width - width - MARGIN));
    this.panel.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }
}
