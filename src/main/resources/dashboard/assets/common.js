// Shared by the dashboard's pages. Everything from the server is put on the page as text, never
// as markup: drafts, inputs and reasons come from a model or from people.
window.cs = {
  el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  },
  async json(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  },
  // A link only to a path of this server, so no value can make it a javascript: URL.
  link(path, text) {
    const a = document.createElement('a');
    a.textContent = text;
    a.href = new URL(path, window.location.origin).origin === window.location.origin ? path : '#';
    return a;
  },
};
