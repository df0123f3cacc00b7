/* Volia's own script: small, optional, and loaded from the site itself (no inline scripts).
   Everything works without it; it only adds conveniences:
   - copy buttons: an envelope's address, a page's own link (data-volia-copy / data-volia-copy-href);
   - the list of people: filters that narrow the table in place (the filtered pages stay as links);
   - an empty search result: the links on to the list of people and Viasna's database. */
(function () {
  "use strict";

  function copy(text, element, done) {
    if (!navigator.clipboard) return false;
    navigator.clipboard.writeText(text).then(function () { element.textContent = done; });
    return true;
  }

  document.querySelectorAll("[data-volia-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      // The label as it is written on the envelope, line by line (the address's own text).
      var label = button.parentNode.querySelector("address");
      copy(label.innerText, button, button.getAttribute("data-volia-copied"));
    });
  });
  document.querySelectorAll("a[data-volia-copy-href]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (copy(link.href, link, link.getAttribute("data-volia-copied"))) event.preventDefault();
    });
  });

  // The list of people: the filter links lead to pre-built pages; here they narrow the table in
  // place instead, and combine (a status and a region, say). A second click on a chosen filter
  // lets it go; "everyone" lets all go.
  var nav = document.querySelector("nav[data-volia-filters]");
  var table = document.querySelector("table.volia-people");
  if (nav && table) {
    var chosen = {};
    var shown = nav.querySelector(".volia-filters__shown");
    var all = nav.querySelector(".volia-filters__all strong");
    var apply = function () {
      var count = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var keep = Object.keys(chosen).every(function (key) {
          return (row.getAttribute("data-" + key) || "").split(" ").indexOf(chosen[key]) >= 0;
        });
        row.hidden = !keep;
        if (keep) count += 1;
      });
      nav.querySelectorAll("[data-filter] a").forEach(function (link) {
        var key = link.closest("[data-filter]").getAttribute("data-filter");
        if (chosen[key] === link.getAttribute("data-filter-value")) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      var any = Object.keys(chosen).length > 0;
      if (all) { if (any) all.removeAttribute("aria-current"); else all.setAttribute("aria-current", "page"); }
      shown.hidden = !any;
      shown.textContent = nav.getAttribute("data-volia-shown").replace("{n}", count);
    };
    nav.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-filter-value]");
      var everyone = event.target.closest(".volia-filters__all");
      if (everyone) { chosen = {}; apply(); return; }
      if (!link) return;
      event.preventDefault();
      var key = link.closest("[data-filter]").getAttribute("data-filter");
      var value = link.getAttribute("data-filter-value");
      if (chosen[key] === value) delete chosen[key]; else chosen[key] = value;
      apply();
    });
  }

  // An empty search result leads on: to the list of people and to Viasna's database, which holds
  // everyone (this site holds a sample). Built here, not in every page, so that it costs no page bytes;
  // shown when the theme writes its own "nothing found" (its words from the page's #__config).
  var EMPTY = {
    be: ["На гэтым сайце толькі частка людзей. Паглядзіце:", "усіх людзей на сайце", "базу палітвязняў «Вясны» (усе імёны)"],
    ru: ["На этом сайте только часть людей. Посмотрите:", "всех людей на сайте", "базу политзаключённых «Весны» (все имена)"],
    en: ["This site holds only some of the people. Look at:", "everyone on this site", "Viasna's database of political prisoners (every name)"]
  };
  var script = document.currentScript;
  var meta = document.querySelector(".md-search-result__meta");
  var config = document.getElementById("__config");
  var lang = document.documentElement.lang;
  if (script && meta && config && EMPTY[lang] && window.MutationObserver) {
    var none = JSON.parse(config.textContent).translations["search.result.none"];
    var words = EMPTY[lang];
    var empty = document.createElement("p");
    empty.className = "volia-search-empty";
    empty.hidden = true;
    var people = document.createElement("a");
    people.href = new URL("../../prisoners/index.html", script.src).href;  // volia.js is assets/javascripts/
    people.textContent = words[1];
    var viasna = document.createElement("a");
    viasna.href = "https://prisoners.spring96.org/" + lang;
    viasna.rel = "noopener noreferrer";
    viasna.textContent = words[2];
    empty.append(words[0] + " ", people, " · ", viasna);
    meta.closest(".md-search-result").after(empty);
    new MutationObserver(function () {
      empty.hidden = meta.textContent.trim() !== none;
    }).observe(meta, { childList: true, characterData: true, subtree: true });
  }
})();
