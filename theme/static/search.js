/* Search with Pagefind's own interface. Progressive enhancement: without JavaScript the page
   shows links to browse instead. A ?q= in the address (the 404 page's form) runs a search. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof window.PagefindUI !== "function") return;
  var bundle = box.getAttribute("data-bundle");

  function start(parts) {
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: bundle,
      // A large site's index is built in parts (generator/search.py); search them all.
      mergeIndex: parts.map(function (part) { return { bundlePath: bundle + part }; }),
      showImages: false,
      showSubResults: true,
      translations: { placeholder: "Search names, terms, words" }
    });
    // Pagefind's input has only a title; give it a visible label.
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.id = "search-input";
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.className = "search-label";
      label.textContent = "Search the explainers";
      box.insertBefore(label, box.firstChild);
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  fetch(bundle + "parts.json")
    .then(function (response) { return response.ok ? response.json() : []; })
    .catch(function () { return []; })
    .then(function (parts) { start(Array.isArray(parts) ? parts : []); });
})();
