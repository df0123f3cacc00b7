/* Finding people by name: the names index (search/names.js, volia/outputs/names_index.py) searched
   as the reader types, in any spelling, with one wrong letter forgiven in a word of five or more.

   Loaded with the search, when a reader first uses it (search-on-demand.iframe-worker.js puts its
   results first among the theme's). `key` is the twin of volia/text/search_keys.py, line by line:
   the index holds every spelling folded by the Python, the query is folded here the same way, and
   tests/test_browser_search.py runs both over the same names. */
(function () {
  "use strict";

  // ---- volia.text.translit.fold ----
  var MARKS = /['’ʼʹʺ”·]/g;
  var KEYBOARD = { "ў": "у", "і": "и", "ё": "е", "ґ": "г" };
  var LATIN_END = "\u0250";  // Basic Latin to Latin Extended-B: the letters romanisations use
  var COMBINING = /\p{M}/u;

  function fold(text) {
    var lower = text.toLowerCase().replace(/ł/g, "l").replace(MARKS, "")
      .replace(/[ўіёґ]/g, function (c) { return KEYBOARD[c]; });
    var kept = "", latinBase = false;
    for (var char of lower.normalize("NFD")) {
      if (!COMBINING.test(char)) latinBase = char < LATIN_END;
      else if (latinBase) continue;
      kept += char;
    }
    return kept.normalize("NFC");
  }

  // ---- volia.text.search_keys.words ----
  var CYRILLIC = { "э": "е", "ы": "и", "ь": "", "ъ": "" };
  var LATIN_PAIRS = { ch: "c", cz: "c", sh: "s", sz: "s", zh: "z", kh: "h", ts: "c" };
  var LATIN = { j: "i", y: "i", w: "v" };

  function words(text) {
    var folded = fold(text).replace(/[эыьъ]/g, function (c) { return CYRILLIC[c]; })
      .replace(/ch|cz|sh|sz|zh|kh|ts/g, function (pair) { return LATIN_PAIRS[pair]; })
      .replace(/[jyw]/g, function (c) { return LATIN[c]; })
      .replace(/(.)\1+/gu, "$1");
    var found = [];
    folded.split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
      if (word && found.indexOf(word) < 0) found.push(word);
    });
    return found;
  }

  // ---- Matching ----
  var FORGIVING_FROM = 5;  // letters: a shorter word must be typed right (too many near neighbours)
  var LIMIT = 100;         // people shown for one query; the list of people holds everyone

  // Whether a and b differ by at most one letter added, left out, changed, or two neighbours swapped.
  function nearlyEqual(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length && a.length === b.length) return true;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    var longer = a.length > b.length ? a : b, shorter = a.length > b.length ? b : a;
    return longer.slice(i + 1) === shorter.slice(i);
  }

  // 3: the whole word; 2: the start of a word (the reader is still typing); 1: one letter off.
  function wordScore(typed, known) {
    var best = 0;
    for (var k = 0; k < known.length && best < 3; k++) {
      var word = known[k];
      if (word === typed) best = 3;
      else if (best < 2 && word.startsWith(typed)) best = 2;
      else if (best < 1 && typed.length >= FORGIVING_FROM &&
               (nearlyEqual(typed, word) || nearlyEqual(typed, word.slice(0, typed.length)))) best = 1;
    }
    return best;
  }

  var prepared = null;  // the index with each person's words split once

  function prepare(index) {
    if (prepared && prepared.index === index) return prepared;
    prepared = {
      index: index,
      // p[3], in the offline copy of a large site only: the person's place in a book of records
      // (volia/outputs/offline_books.py), where their page would be otherwise
      people: index.people.map(function (p) {
        return { id: p[0], title: p[1], words: p[2].split(" "), page: p[3] || p[0] + ".html" };
      })
    };
    return prepared;
  }

  // People whose words hold every word of the query, best first, then in the list's order.
  function find(query, index) {
    var typed = words(query);
    if (!typed.length || !index) return [];
    var found = [];
    prepare(index).people.forEach(function (person, order) {
      var score = 0;
      for (var t = 0; t < typed.length; t++) {
        var s = wordScore(typed[t], person.words);
        if (!s) return;
        score += s;
      }
      found.push({ person: person, score: score, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found.slice(0, LIMIT).map(function (f) {
      return { id: f.person.id, title: f.person.title, location: index.dir + f.person.page, score: f.score };
    });
  }

  window.VoliaNameSearch = { words: words, find: find };
})();
