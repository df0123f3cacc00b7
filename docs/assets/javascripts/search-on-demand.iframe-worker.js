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

   People are found from a names index of their own (search/names.js, with name-search.js that reads
   it), loaded at the same moment: record pages are not in the theme's index. Each answer of the
   theme's worker to a query gets the people matching that query put first, as results of the same
   shape, so the theme shows them as it shows its own.

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
    loadNames();
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
  var HERE = document.currentScript.src;
  var SHIM = new URL("../vendor/iframe-worker/shim.js", HERE).href;
  var shim = null;

  function loadScript(src) {
    return new Promise(function (loaded, failed) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = loaded;
      script.onerror = failed;
      append.call(head, script);
    });
  }

  // The names index and its reader, loaded once, when the search starts (null if they fail to load:
  // the theme's results still come).
  var NAMES = [new URL("name-search.js", HERE).href, new URL("../../search/names.js", HERE).href];
  var names = null;

  function loadNames() {
    if (!names) {
      names = Promise.all(NAMES.map(loadScript)).then(
        function () { return window.__voliaNames || null; },
        function () { return null; });
    }
    return names;
  }

  // Material's messages with its worker (integrations/search/worker/message): 2 a query, 3 its result.
  var QUERY = 2, RESULT = 3;

  function escapeHTML(text) {  // the theme writes a result's title as HTML; a name is text
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  function withPeople(query, index, result) {
    var people = index && window.VoliaNameSearch ? window.VoliaNameSearch.find(query, index) : [];
    var items = people.map(function (person) {
      return [{ location: person.location, title: escapeHTML(person.title), text: "", score: person.score, terms: {} }];
    });
    return { items: items.concat(result.items || []), suggest: result.suggest };
  }

  function makeWorker(url, options, ready) {
    if (location.protocol !== "file:") {
      ready(new NativeWorker(url, options));
      return;
    }
    if (!shim) shim = loadScript(SHIM);
    shim.then(function () { ready(new window.IFrameWorker(url)); });
  }

  // A stand-in keeps the listeners and messages it is given until the real worker exists, and adds
  // the people found to each result, in the order the queries were asked.
  if (NativeWorker) {
    window.Worker = function Worker(url, options) {
      if (!matches(WORKER, url)) return new NativeWorker(url, options);
      var self = this, real = null, listeners = [], readers = [], messages = [], ended = false;
      var queries = [], answered = Promise.resolve();
      this.addEventListener = function (type, listener, how) {
        if (type === "message") readers.push(listener);
        else if (real) real.addEventListener(type, listener, how);
        else listeners.push([type, listener, how]);
      };
      this.removeEventListener = function (type, listener, how) {
        readers = readers.filter(function (r) { return type !== "message" || r !== listener; });
        if (real) real.removeEventListener(type, listener, how);
        listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
      };
      this.postMessage = function (message, transfer) {
        if (message && message.type === QUERY) queries.push(String(message.data));
        if (real) real.postMessage(message, transfer); else messages.push([message, transfer]);
      };
      function deliver(event) {
        if (self.onmessage) self.onmessage(event);
        readers.slice().forEach(function (reader) {
          if (typeof reader === "function") reader.call(self, event); else reader.handleEvent(event);
        });
      }
      function receive(event) {
        var message = event.data;
        if (!message || message.type !== RESULT) {
          answered = answered.then(function () { deliver(event); });
          return;
        }
        var query = queries.shift() || "";
        answered = answered.then(loadNames).then(function (index) {
          deliver(new MessageEvent("message", { data: { type: RESULT, data: withPeople(query, index, message.data) } }));
        });
      }
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
        real.onmessage = receive;
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
  // A page opened from a result with words to highlight (a person's result has none: ?h= is empty).
  if (new URLSearchParams(location.search).get("h")) start();
})();
