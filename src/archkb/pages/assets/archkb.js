/* archkb: small reader aids on every page.
 * - A table wider than the page gets a scroll cue, a sticky first column (CSS, by the class
 *   archkb-scrolls) and keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1).
 * - Each abbreviation is marked once per page, at its first use outside a link, and takes keyboard
 *   focus, so the theme's tooltip shows its definition on focus and on a tap as well as on hover;
 *   later uses are plain text (the abbr extension marks every one: "XC" 635 times on a page).
 * - Links to other sites are marked archkb-external, so a printed page shows their address (the
 *   theme makes every link absolute, so CSS alone cannot tell them apart).
 * - Opened from disk (file://), the theme's search cannot start its worker: say so instead of
 *   "Initializing search" forever.
 * Runs on every page view, including Material's instant navigation (document$), and again when
 * the window is resized. */
(function () {
  "use strict";

  var CUE = "Scroll sideways to see every column.";

  function heading(node) {
    for (var n = node.previousElementSibling; n; n = n.previousElementSibling) {
      if (/^H[1-6]$/.test(n.tagName)) return n.textContent.replace(/\u00b6$/, "").trim();
    }
    var h1 = document.querySelector(".md-content h1");
    return h1 ? h1.textContent.replace(/\u00b6$/, "").trim() : document.title;
  }

  function markTable(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var cue = wrap.previousElementSibling;
    var hasCue = cue && cue.classList.contains("archkb-scroll-cue");
    wrap.classList.toggle("archkb-scrolls", wide);
    if (wide) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table: " + heading(wrap) + " (scrolls sideways)");
      if (!hasCue) {
        cue = document.createElement("p");
        cue.className = "archkb-scroll-cue";
        cue.textContent = CUE;
        wrap.parentNode.insertBefore(cue, wrap);
      }
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      if (hasCue) cue.remove();
    }
  }

  function markTables() {
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap").forEach(markTable);
  }

  function markAbbreviationsOnce() {
    var all = Array.prototype.slice.call(document.querySelectorAll(".md-content article abbr[title]"));
    var keep = {};
    all.forEach(function (abbr) {
      var key = abbr.textContent;
      if (!(key in keep) || (keep[key].closest("a") && !abbr.closest("a"))) keep[key] = abbr;
    });
    all.forEach(function (abbr) {
      if (keep[abbr.textContent] === abbr) {
        if (!abbr.closest("a")) abbr.setAttribute("tabindex", "0");
      } else {
        abbr.replaceWith(document.createTextNode(abbr.textContent));
      }
    });
  }

  function markExternalLinks() {
    document.querySelectorAll(".md-content article a[href]").forEach(function (a) {
      var external = /^https?:$/.test(a.protocol) && a.host !== window.location.host;
      a.classList.toggle("archkb-external", external);
    });
  }

  function offlineSearch() {
    if (window.location.protocol !== "file:") return;
    var input = document.querySelector(".md-search__input");
    var meta = document.querySelector(".md-search-result__meta");
    var text = "Search needs the site served over HTTP (archkb serve); it cannot run on pages opened from disk.";
    if (input) input.setAttribute("placeholder", "Search (not available offline from disk)");
    if (meta) meta.textContent = text;
  }

  var timer = null;
  function onResize() {
    window.clearTimeout(timer);
    timer = window.setTimeout(markTables, 150);
  }

  function init() {
    markAbbreviationsOnce();
    markTables();
    markExternalLinks();
    offlineSearch();
  }

  window.addEventListener("resize", onResize);
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
