// Sample files for the site's macro audit and measure pages, written for
// these tests: a Zendesk macros export, a CSV of responses, two labelled
// sets. www-audit.test.mjs holds the pages to the CLI on them; the
// accessibility test shows the pages with them loaded.

/** A Zendesk macros export: HTML and plain comments, one as [channel, text]. */
export const EXPORT = JSON.stringify({
  macros: [
    { id: 501, title: 'Order shipped', actions: [
      { field: 'comment_value', value: "Hi there, your parcel left our warehouse this morning. I'll check its tracking on Thursday and write to you then." },
    ] },
    { id: 502, title: 'Refund refused', actions: [
      { field: 'status', value: 'solved' },
      { field: 'comment_value_html', value: '<p>Hello,</p><p>Unfortunately refunds are not available at this time. This is company policy.</p><p>Thank you for your patience.</p>' },
    ] },
    { id: 503, title: 'Delay & apology', actions: [
      { field: 'comment_value', value: ['channel:all', 'We apologize for any inconvenience. Someone will get back to you.'] },
    ] },
  ],
});

/** The same kind of responses as a CSV, text in `body`. */
export const CSV = 'id,title,body\n'
  + 'c1,Password reset,"I\'ve reset your password; the link in this email works for one hour."\n'
  + 'c2,Feature request,"Dear valued customer, this feature is not available at this time. Kindly check our forum."\n';

/** Two labelled sets; sources differ so the source table has rows of its own. */
export const INBOX = [
  { id: 'mail-1', source: 'email', text: 'We apologize for any inconvenience caused by the delay.', labels: ['robotic'] },
  { id: 'mail-2', source: 'email', text: "I've moved your booking to Friday at 10am and sent the new ticket.", labels: ['none'] },
  { id: 'mail-3', source: 'chat', text: 'We will look into it.', labels: ['vague'] },
  { id: 'mail-4', source: 'chat', text: 'Thanks for your patience while I checked this!', labels: ['none'] },
].map((l) => JSON.stringify(l)).join('\n');
export const FORUM = [
  { text: 'That is our policy, there is nothing we can do.', labels: ['dismissive'], evidence: ['nothing we can do'] },
  { text: 'The export button is under Settings, then Data.', labels: ['none'] },
  { text: 'Your request is being handled.', labels: ['vague', 'impersonal'] },
].map((l) => JSON.stringify(l)).join('\n');
