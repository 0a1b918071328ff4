// The 5,000-word reply the browser benchmarks type into (bench.mjs,
// keystroke-cost.mjs): plausible paragraphs with a few flagged phrases,
// the first one on the very first line.

/** A long, plausible reply: ~WORDS words in paragraphs, with a few flagged phrases. */
export function longReply(words) {
  const sentences = [
    'I looked at the order history on your account this morning.',
    'The return was scanned at our warehouse on the seventeenth and the blender arrived in good condition.',
    'Refunds go back to the card you paid with, and your bank usually shows them within three to five days.',
    'I have asked our payments team to confirm the transfer reference so you can quote it to your bank.',
    'If anything still looks wrong on your statement by Friday, reply here and I will chase it myself.',
    'Thank you for your patience while we sorted this out.',
    'I also added a note to your account so nobody asks you for the same details again.',
    'Your next order ships free as a small thank-you for the trouble.',
    'We apologize for any inconvenience this may have caused.',
    'You can see the refund status at any time under Orders, then Returns.',
  ];
  const paragraphs = [];
  let count = 0;
  let i = 0;
  // The very first line holds a flagged phrase: the measured keystrokes move it.
  let para = ['Hi Maria, thank you for your patience.'];
  count += 7;
  while (count < words) {
    const s = sentences[i % sentences.length];
    para.push(s);
    count += s.split(/\s+/).length;
    i++;
    if (para.length >= 6) { paragraphs.push(para.join(' ')); para = []; }
  }
  if (para.length) paragraphs.push(para.join(' '));
  return paragraphs.join('\n\n');
}
