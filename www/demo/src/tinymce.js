// TinyMCE 7 in its classic iframe mode: the editable body lives in a
// srcdoc iframe that TinyMCE creates, with TinyMCE's own undo manager (the
// editor several helpdesks embed). Self-hosted: the core is bundled here;
// its theme, model, icons and skins are served from ./tinymce/ (copied by
// www/build.mjs), nothing is fetched from anywhere else.
import tinymce from 'tinymce';
import { setupTicket, htmlToText } from './ticket.js';

tinymce.init({
  selector: '#reply',
  license_key: 'gpl',
  base_url: new URL('tinymce', document.baseURI).href,
  suffix: '.min',
  menubar: false,
  statusbar: false,
  promotion: false,
  branding: false,
  plugins: [],
  toolbar: 'undo redo | bold italic',
  height: 264,
  placeholder: 'Write your reply…',
  iframe_aria_text: 'Reply to Maria Lopez',
  content_style: 'body { font: 15px/1.6 "Liberation Sans", Arial, Helvetica, sans-serif; margin: 10px 12px; } p { margin: 0; }',
}).then(([editor]) => {
  if (!editor) throw new Error('no #reply to turn into an editor');
  setupTicket({
    variant: 'tinymce',
    field: editor.getBody(),
    editor,
    getText: () => htmlToText(editor.getContent()),
    clear: () => { editor.setContent(''); },
  });
}).catch((error) => {
  console.error('TinyMCE failed to start', error);
});
