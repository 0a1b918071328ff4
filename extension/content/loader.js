// @ts-check
// The content script the manifest (and "enable on this site") injects.
// Declared content scripts cannot be ES modules, so this classic script only
// loads the module graph from the extension (content/ is a web-accessible
// resource). A second injection into the same frame finds the module
// already loaded, and start() does nothing while Carelint runs there; after
// the site was turned off and on again, it starts it anew.
import(chrome.runtime.getURL('content/main.js')).then((main) => main.start());
