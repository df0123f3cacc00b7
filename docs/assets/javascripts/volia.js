/* Volia's own script: small, optional, and loaded from the site itself (no inline scripts).
   Everything works without it; it only adds conveniences:
   - copy buttons: an envelope's address, a page's own link (data-volia-copy / data-volia-copy-href);
   - the list of people: filters that narrow the table in place (the filtered pages stay as links). */
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
})();
