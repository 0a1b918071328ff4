// Shared behaviour of the demo ticket page: the send button, and the
// `window.carelintDemo` handle that the end-to-end tests and benchmarks use to
// read the reply through the editor's OWN model (never through Carelint).

/**
 * @param {object} o
 * @param {string} o.variant     page variant, e.g. "quill"
 * @param {() => string} o.getText  the reply text from the editor's model
 * @param {() => void} o.clear   empties the editor through its API
 * @param {HTMLElement} o.field  the element the agent types into
 * @param {unknown} o.editor     the editor instance (or the field itself)
 */
export function setupTicket({ variant, getText, clear, field, editor }) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('reply-form'));
  const status = document.getElementById('send-status');
  const thread = document.getElementById('thread');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = getText().trim();
    if (!text) {
      status.textContent = 'Write a reply first.';
      return;
    }
    // Render the sent reply as text only (never as HTML).
    const article = document.createElement('article');
    article.className = 'panel message agent';
    const header = document.createElement('header');
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.textContent = 'SP';
    const who = document.createElement('strong');
    who.textContent = 'Sam Patel';
    const time = document.createElement('time');
    time.textContent = 'Just now';
    header.append(avatar, who, time);
    const body = document.createElement('div');
    body.className = 'body';
    for (const line of text.split(/\n+/)) {
      const p = document.createElement('p');
      p.textContent = line;
      body.append(p);
    }
    article.append(header, body);
    form.before(article);
    clear();
    status.textContent = 'Sent to Maria (demo: nothing left this page).';
  });

  window.carelintDemo = { variant, getText, clear, field, editor, ready: true };
  document.documentElement.dataset.demoReady = 'true';
}

/**
 * Text of a plain contenteditable element as the browser renders it.
 * `innerText` turns blocks and <br> into line breaks; a lone trailing <br>
 * (Chromium's placeholder in an empty line) is not part of the reply.
 * @param {HTMLElement} el
 */
export function contentEditableText(el) {
  return el.innerText.replace(/\u00a0/g, ' ');
}

/**
 * Reduce editor HTML output (CKEditor's getData()) to plain text: one line
 * per block, <br> as a line break, entities decoded, no-break spaces as spaces.
 * @param {string} html
 */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const lines = [];
  const blockish = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|PRE)$/;
  /** @param {Node} node */
  const inline = (node) => {
    let s = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) s += child.nodeValue;
      else if (child.nodeName === 'BR') s += '\n';
      else s += inline(child);
    }
    return s;
  };
  /** @param {Node} node */
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE && blockish.test(child.nodeName)) {
        const hasBlocks = [...child.childNodes].some((c) => blockish.test(c.nodeName) || /^(UL|OL)$/.test(c.nodeName));
        if (hasBlocks) walk(child);
        else lines.push(inline(child));
      } else if (child.nodeType === Node.ELEMENT_NODE && /^(UL|OL)$/.test(child.nodeName)) {
        walk(child);
      } else {
        const s = child.nodeName === 'BR' ? '\n' : child.textContent;
        if (s && s.trim()) lines.push(s);
      }
    }
  };
  walk(doc.body);
  return lines.join('\n').replace(/\u00a0/g, ' ');
}
