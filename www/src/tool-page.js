// @ts-check
// What the site's tool pages (macro audit, measure a pack) share: a file
// chosen with the page's input or dropped on its drop zone, read in the page
// (nothing is uploaded), and elements built with text, never markup.

/**
 * Calls `onFiles` with the files chosen in `input` or dropped on `zone`.
 * @param {HTMLInputElement} input
 * @param {HTMLElement} zone
 * @param {(files: File[]) => void} onFiles
 */
export function onFilesChosen(input, zone, onFiles) {
  input.addEventListener('change', () => {
    if (input.files?.length) onFiles([...input.files]);
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) onFiles(files);
  });
}

/**
 * An element with `text` as its text (never markup), and a class.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [text]
 * @param {string} [className]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}
