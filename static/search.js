/* Starts Pagefind's default UI on the search page (<lang>/search/).
 *
 * A file of its own because the pages' Content-Security-Policy allows scripts from the site only,
 * never inline. The interface text comes from chronicle's message catalogs (the JSON block
 * #search-config); ?q= from the search form in the page header is searched at once.
 */
(function () {
  "use strict";
  var element = document.getElementById("search");
  var configBlock = document.getElementById("search-config");
  if (!element || !configBlock || typeof window.PagefindUI !== "function") {
    return;
  }
  var config = JSON.parse(configBlock.textContent);
  // The site may be served under any sub-path: result links are made from the site root, which is
  // two folders above this page (<root>/<lang>/search/).
  var root = new URL("../../", window.location.href).pathname;
  var query = new URLSearchParams(window.location.search).get("q");

  var ui = new window.PagefindUI({
    element: "#search",
    baseUrl: root,
    showImages: false,
    showSubResults: false,
    showEmptyFilters: false,  // only the people, tags and months of the results found
    excerptLength: 30,
    autofocus: !query,
    translations: config.translations,
    // Metadata other than the title is shown as "Key: value" under the title; the key is the index's
    // own "date", so name it in the page's language.
    processResult: function (result) {
      if (result.meta && result.meta.date && config.dateLabel !== "date") {
        result.meta[config.dateLabel] = result.meta.date;
        delete result.meta.date;
      }
      return result;
    }
  });

  // Pagefind names its box with a title attribute only; screen readers and axe want a real label.
  var input = element.querySelector("input");
  if (input && config.translations.search_label) {
    input.setAttribute("aria-label", config.translations.search_label);
  }

  if (query) {
    ui.triggerSearch(query);
  }
})();
