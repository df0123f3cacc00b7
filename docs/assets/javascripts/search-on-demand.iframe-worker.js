/* Search on demand: the search index (megabytes at thousands of records) and the worker that reads it
   load when a reader first uses the search, never with the page.

   Material 9.8 starts its search as soon as a page opens: the worker with `new Worker(url)`, and the
   index (also asked for by the search.highlight feature) with an XMLHttpRequest for
   search/search_index.json over http, or a <script src=search/search_index.js> appended to <head>
   over file:// (the offline copy). Loaded before Material's bundle (extra.polyfills), this script
   holds exactly those three back until the search field gets focus or the search dialog opens (the
   header's icon, the front page's field, a keyboard shortcut), then lets them go in order;
   Material's search and its interface are otherwise untouched. A page opened from a search result
   (?h=…, the words to highlight) starts at once: its reader is searching.

   Over file:// a worker cannot start from a file, so the vendored iframe-worker shim stands in for
   it (assets/vendor/iframe-worker/): this script loads the shim too, when the search starts, and
   only over file://. Its name holds "iframe-worker" so that Material's offline plugin sees the shim
   provided and adds no copy from a CDN. tests/test_browser_search_on_demand.py checks that nothing
   is fetched before, and that search works after, over http and file://. */
(function () {
  "use strict";
  var WORKER = /\/workers\/search\.[^/?#]*\.js(?:[?#]|$)/;
  var INDEX = /\/search\/search_index\.js(?:on)?(?:[?#]|$)/;
  var started = false;
  var waiting = [];
  var head = document.head, append = head.appendChild;

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

  // The worker, over file:// the shim's (loaded once, when the search starts).
  var NativeWorker = window.Worker;
  var SHIM = new URL("../vendor/iframe-worker/shim.js", document.currentScript.src).href;
  var shim = null;

  function makeWorker(url, options, ready) {
    if (location.protocol !== "file:") {
      ready(new NativeWorker(url, options));
      return;
    }
    if (!shim) {
      shim = new Promise(function (loaded, failed) {
        var script = document.createElement("script");
        script.src = SHIM;
        script.onload = loaded;
        script.onerror = failed;
        append.call(head, script);
      });
    }
    shim.then(function () { ready(new window.IFrameWorker(url)); });
  }

  // A stand-in keeps the listeners and messages it is given until the real worker exists.
  if (NativeWorker) {
    window.Worker = function Worker(url, options) {
      if (!matches(WORKER, url)) return new NativeWorker(url, options);
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
        makeWorker(url, options, function (worker) {
          if (ended) return;
          real = worker;
          connect();
        });
      });
      function connect() {
        real.onmessage = function (event) { if (self.onmessage) self.onmessage(event); };
        real.onerror = function (event) { if (self.onerror) self.onerror(event); };
        listeners.splice(0).forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        messages.splice(0).forEach(function (m) { real.postMessage(m[0], m[1]); });
      }
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
