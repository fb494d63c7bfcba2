/**
 * The viewer's three pages. No inline script or style (the server's CSP forbids both): each page
 * loads its bundle and the stylesheet by relative URL, so the folder works from any static host.
 */
const page = (title: string, name: string, body: string, script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><link rel="stylesheet" href="styles.css"></head>
<body data-page="${name}">${body}<script type="module" src="${script}"></script></body></html>
`;

const DEMO_BODY = `<main class="demo"><h1>A MAPI app reporting to the viewer</h1>
<p>This page's logon runs with <code>createBrowserInspector({ url: origin + '/inspect' })</code>; the inspector window shows its actors.</p>
<button id="logon">Log on</button> <button id="answer">Complete the Mailbox configuration</button><p id="out"></p></main>`;

export const PAGES: Record<string, string> = {
  'index.html': page('MAPI logon flowcharts', 'viewer', '<div id="app"></div>', 'app.js'),
  'inspect.html': page('MAPI logon inspector', 'inspect', '<div id="app"></div>', 'app.js'),
  'demo.html': page('MAPI demo app', 'demo', DEMO_BODY, 'demo.js'),
};
