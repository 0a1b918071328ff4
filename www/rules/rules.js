// @ts-check
// The rule catalogue's search and filters: a rule shows when its id or
// message holds every word typed and it has the chosen category and
// severity. Opening a rule's anchor clears filters that would hide it; an
// anchor with no rule here (an admin pack's rule) says so.
const find = /** @type {HTMLInputElement} */ (document.getElementById('find'));
const category = /** @type {HTMLSelectElement} */ (document.getElementById('category'));
const severity = /** @type {HTMLSelectElement} */ (document.getElementById('severity'));
const count = /** @type {HTMLOutputElement} */ (document.getElementById('count'));
const missing = /** @type {HTMLElement} */ (document.getElementById('missing'));
const rules = [...document.querySelectorAll('article.rule')].map((el) => ({
  el: /** @type {HTMLElement} */ (el),
  text: `${el.id} ${el.querySelector('.message')?.textContent ?? ''}`.toLowerCase(),
}));

function filter() {
  const words = find.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const { el, text } of rules) {
    const show = words.every((w) => text.includes(w))
      && (!category.value || el.dataset.category === category.value)
      && (!severity.value || el.dataset.severity === severity.value);
    el.hidden = !show;
    if (show) shown++;
  }
  for (const pack of document.querySelectorAll('section.pack')) {
    /** @type {HTMLElement} */ (pack).hidden = !pack.querySelector('article.rule:not([hidden])');
  }
  count.value = `${shown} of ${rules.length} rules`;
}

function reveal() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  missing.hidden = !id || !!target;
  missing.textContent = missing.hidden ? '' : `${id} is not a built-in rule: it comes from a pack your team added, which this catalogue does not list.`;
  if (!target || !target.hidden) return;
  find.value = '';
  category.value = '';
  severity.value = '';
  filter();
  target.scrollIntoView();
}

for (const control of [find, category, severity]) control.addEventListener('input', filter);
document.querySelector('form.filters')?.addEventListener('submit', (e) => e.preventDefault());
window.addEventListener('hashchange', reveal);
filter(); // a reload may have kept the last search or choices
reveal();
