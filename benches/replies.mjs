// Invented support replies for the benchmarks (benches/peers.mjs,
// benches/instructions.mjs): the same texts for every engine and run.
// Sentences written for the benches: fine wording mixed with phrases
// Carelint flags and phrases the peers flag (passive voice, weasel words,
// gendered nouns, repeated words). Names, numbers and days vary, so the
// paragraphs of a long text almost never repeat and a cache keyed by
// paragraph content gets next to no free hits.

const SENTENCES = [
  'I checked order {n} this morning and the parcel left our depot on {day}.',
  'We apologize for any inconvenience this may have caused.',
  'The courier was contacted by our team and a new label was issued.',
  'Your refund of {n} cents is very likely to show up within a few days.',
  'Unfortunately we are unable to change the billing address after dispatch.',
  'I have asked {name} in the warehouse to confirm the weight of the box.',
  'Please do not hesitate to contact us if you have any further questions.',
  'Thank you for your patience while we looked into this.',
  'If the chairman of your club needs a copy, I can send one to him as well.',
  'The firmware on the scanner is is out of date, so I pushed version {n}.',
  'Your ticket has been escalated to the relevant department.',
  'I will call you on {day} before noon with what {name} finds.',
  'As per our policy, returns are only accepted within thirty days.',
  'I moved the delivery to {day} and set a reminder for myself.',
  'It seems that the discount code expired before the order was placed.',
  'You can see every step under Orders, then Returns, then Details.',
  'We will look into it and get back to you as soon as possible.',
  'I added a note to your account so nobody asks for the same photos again.',
  'Basically the app should have been updated before the sync was started.',
  'The spare part {n} is in stock and ships from the Leeds warehouse.',
];
const NAMES = ['Maria', 'Sam', 'Priya', 'Tomasz', 'Aiko', 'Kwame', 'Lena', 'Diego'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const GREETINGS = ['Hi {name},', 'Hello {name},', 'Dear {name},'];
const SIGN_OFFS = ['Best regards,\n{name}', 'Thanks,\n{name}', 'Kind regards,\n{name} from the support team'];
/** A small deterministic generator (mulberry32), so every run lints the same texts. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `list` and fills its {n}, {name} and {day}. */
export function filler(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  return (list) => pick(list)
    .replace('{n}', String(1000 + Math.floor(rand() * 90000)))
    .replace('{name}', pick(NAMES))
    .replace('{day}', pick(DAYS));
}

/** A paragraph of about 60 words. */
function paragraph(fill) {
  const out = [];
  let words = 0;
  while (words < 60) {
    const s = fill(SENTENCES);
    out.push(s);
    words += s.split(' ').length;
  }
  return out.join(' ');
}

/** One reply of at least `words` words: greeting, paragraphs, sign-off. */
export function reply(fill, words) {
  const parts = [fill(GREETINGS)];
  let count = 0;
  while (count < words) {
    const p = paragraph(fill);
    parts.push(p);
    count += p.split(' ').length;
  }
  parts.push(fill(SIGN_OFFS));
  return parts.join('\n\n');
}

/** Replies of 80-400 words, one after another, up to at least `bytes` bytes. */
export function mixedReplies(bytes, seed) {
  const rand = random(seed);
  const fill = filler(rand);
  const replies = [];
  let size = 0;
  while (size < bytes) {
    const r = reply(fill, 80 + Math.floor(rand() * 320));
    replies.push(r);
    size += Buffer.byteLength(r) + 2;
  }
  return replies.join('\n\n').slice(0, bytes);
}
