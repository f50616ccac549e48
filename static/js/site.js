/* kapsite progressive enhancement. Every task works without this file; it only adds comfort.
   Loaded with `defer` from our own origin; no inline script, no third parties. */
(function () {
  "use strict";

  // Words a person sees come with the page, already in its language: the template (or the
  // form field) puts them in data-* attributes on the element this script works with.

  // "Copy link" buttons: shown only when the browser can copy (secure context + Clipboard API).
  function setUpCopyLinks() {
    var buttons = document.querySelectorAll("[data-copy-link]");
    if (!buttons.length || !window.isSecureContext || !navigator.clipboard) return;
    var canonical = document.querySelector('link[rel="canonical"]');
    buttons.forEach(function (button) {
      var status = document.getElementById(button.getAttribute("aria-describedby") || "");
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = button.getAttribute("data-copy-link") || (canonical && canonical.href) ||
          window.location.href.split("#")[0];
        navigator.clipboard.writeText(url).then(
          function () { if (status) status.textContent = button.getAttribute("data-copied"); },
          function () { if (status) status.textContent = button.getAttribute("data-copy-failed"); }
        );
      });
    });
  }

  // Phones: the "Menu" link (which opens the menu with CSS :target) becomes a real button.
  function setUpMenu() {
    var link = document.querySelector("[data-menu-toggle]");
    var nav = document.getElementById("site-nav");
    if (!link || !nav) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-controls", nav.id);
    function show(open) {
      nav.setAttribute("data-menu", open ? "open" : "closed");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    show(window.location.hash === "#" + nav.id);
    button.addEventListener("click", function () {
      show(nav.getAttribute("data-menu") !== "open");
    });
    // Escape closes the open menu and puts focus back on its button.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || nav.getAttribute("data-menu") !== "open") return;
      if (button.offsetParent === null) return; // wide screens: no button, nothing to close
      show(false);
      button.focus();
    });
    link.replaceWith(button);
  }

  // Print every FAQ answer, then put the page back as the reader left it.
  function setUpPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  // Move keyboard and screen reader focus to a form's error summary so people hear what to fix.
  function focusErrorSummary() {
    var summary = document.querySelector(".c-error-summary");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
    // Arriving at a fragment (the finder's "#results") moves focus once the page has loaded.
    if (window.location.hash) window.addEventListener("load", function () { summary.focus(); });
  }

  // After a search (the form's action ends in #results), move focus to the results summary so
  // screen readers announce it; without JavaScript the browser still scrolls to it.
  function focusResults() {
    if (window.location.hash !== "#results" || document.querySelector(".c-error-summary")) return;
    var results = document.getElementById("results");
    if (results) results.focus();
  }

  // Open the FAQ item named in the address (e.g. /faq/#insurance) so shared links land on the answer.
  function openLinkedFaq() {
    if (!window.location.hash) return;
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var details = target && target.closest("details");
    if (details) details.open = true;
  }

  // A live character count under text areas with data-max-chars (the server keeps its own limit).
  // Its words are data-count-{left,over}-{one,other}: "%s" stands for the number; "one" is the
  // form for a count of 1, "other" for any other count (the two forms English and Spanish have).
  function setUpCharacterCounts() {
    document.querySelectorAll("textarea[data-max-chars]").forEach(function (area) {
      var max = parseInt(area.getAttribute("data-max-chars"), 10);
      var shown = document.createElement("p");
      var spoken = document.createElement("p");
      var timer;
      shown.className = "c-field__hint c-field__count";
      shown.id = area.id + "-count";
      shown.setAttribute("aria-hidden", "true");
      spoken.className = "u-visually-hidden";
      spoken.setAttribute("aria-live", "polite");
      function message() {
        var left = max - area.value.length; // the browser gives line breaks as one character
        shown.classList.toggle("c-field__count--over", left < 0);
        var count = Math.abs(left);
        var form = (left < 0 ? "over" : "left") + (count === 1 ? "-one" : "-other");
        return area.getAttribute("data-count-" + form).replace("%s", String(count));
      }
      function update() {
        shown.textContent = message();
        clearTimeout(timer); // speak once the person pauses, not on every key
        timer = setTimeout(function () { spoken.textContent = shown.textContent; }, 800);
      }
      area.after(shown, spoken);
      shown.textContent = message();
      area.addEventListener("input", update);
    });
  }

  setUpMenu();
  setUpCharacterCounts();
  setUpCopyLinks();
  setUpPrint();
  focusErrorSummary();
  focusResults();
  openLinkedFaq();
})();
