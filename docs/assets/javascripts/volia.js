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
})();
