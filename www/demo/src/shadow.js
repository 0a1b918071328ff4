// The reply box lives inside a web component's open shadow root, as in
// helpdesks built from custom elements.
import { setupTicket, contentEditableText } from './ticket.js';

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; }
  .box {
    display: block; width: 100%; height: 220px; padding: 10px 12px;
    border: 1px solid #d9dde3; border-radius: 6px; background: #fff;
    overflow-y: auto; white-space: pre-wrap; overflow-wrap: break-word;
    font: 15px/1.6 "Liberation Sans", Arial, Helvetica, sans-serif; color: #1f2328;
  }
  .box:focus { outline: 2px solid #1f6feb; outline-offset: -1px; }
  .box:empty::before { content: attr(data-placeholder); color: #8b949e; pointer-events: none; }
`);

class DesklyReplyBox extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const box = document.createElement('div');
    box.className = 'box';
    box.dataset.demoReply = '';
    box.contentEditable = 'true';
    box.setAttribute('role', 'textbox');
    box.setAttribute('aria-multiline', 'true');
    box.setAttribute('aria-label', this.getAttribute('label') || 'Reply');
    box.dataset.placeholder = this.getAttribute('placeholder') || '';
    root.append(box);
    this.box = box;
  }
}
customElements.define('deskly-reply-box', DesklyReplyBox);

const host = /** @type {DesklyReplyBox} */ (document.getElementById('reply'));
const field = host.box;
setupTicket({
  variant: 'shadow',
  field,
  editor: field,
  getText: () => contentEditableText(field),
  clear: () => { field.replaceChildren(); },
});
