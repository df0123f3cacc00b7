/* Search on demand: the search index (megabytes at thousands of records) and the worker that reads it
   load when a reader first uses the search, never with the page.

   Material 9.8 starts its search as soon as a page opens: the worker with `new Worker(url)`, and the
   index (also asked for by the search.highlight feature) with an XMLHttpRequest for
   search/search_index.json over http, or a <script src=search/search_index.js> appended to <head>
   over file:// (the offline copy). Loaded before Material's bundle (extra.polyfills, after the
   iframe-worker shim that stands in for Worker over file://), this script holds exactly those three
   back until the search field gets focus or the search dialog opens (the header's icon, the front
   page's field, a keyboard shortcut), then lets them go in order; Material's search and its
   interface are otherwise untouched. A page opened from a search result (?h=…, the words to
   highlight) starts at once: its reader is searching. tests/test_browser_search_on_demand.py checks
   that nothing is fetched before, and that search works after, over http and file://. */
(function () {
  "use strict";
  var WORKER = /\/workers\/search\.[^/?#]*\.js(?:[?#]|$)/;
  var INDEX = /\/search\/search_index\.js(?:on)?(?:[?#]|$)/;
  var started = false;
  var waiting = [];

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function whenStarted(go) {
    if (started) go(); else waiting.push(go);
  }

  function matches(pattern, url) {
    try {
      return pattern.test(new URL(String(url), document.baseURI).href);
    } catch (error) {
      return false;
    }
  }

  // The worker: a stand-in keeps the listeners and messages it is given until the real one exists.
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function Worker(url, options) {
      if (!matches(WORKER, url)) return new RealWorker(url, options);
      var self = this, real = null, listeners = [], messages = [], ended = false;
      this.addEventListener = function (type, listener, how) {
        if (real) real.addEventListener(type, listener, how); else listeners.push([type, listener, how]);
      };
      this.removeEventListener = function (type, listener, how) {
        if (real) real.removeEventListener(type, listener, how);
        listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
      };
      this.postMessage = function (message, transfer) {
        if (real) real.postMessage(message, transfer); else messages.push([message, transfer]);
      };
      this.terminate = function () {
        ended = true;
        if (real) real.terminate();
      };
      this.onmessage = this.onerror = null;
      whenStarted(function () {
        if (ended) return;
        real = new RealWorker(url, options);
        real.onmessage = function (event) { if (self.onmessage) self.onmessage(event); };
        real.onerror = function (event) { if (self.onerror) self.onerror(event); };
        listeners.splice(0).forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        messages.splice(0).forEach(function (m) { real.postMessage(m[0], m[1]); });
      });
    };
  }

  // The index over http: the request is opened as usual and sent once search has started.
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.voliaSearchIndex = matches(INDEX, url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.voliaSearchIndex || started) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };

  // The index over file://: a script element fetches nothing until it is in the document.
  var head = document.head, append = head.appendChild;
  head.appendChild = function (node) {
    if (started || node.tagName !== "SCRIPT" || !matches(INDEX, node.src)) return append.apply(head, arguments);
    waiting.push(function () { append.call(head, node); });
    return node;
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) start();
  }, true);
  if (new URLSearchParams(location.search).has("h")) start();
})();
