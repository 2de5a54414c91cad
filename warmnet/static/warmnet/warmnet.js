// Behaviour that used to sit in on*= attributes, which the Content-Security-Policy
// (script-src 'self') does not run.  Delegated, so content swapped in by htmx works too.
(function () {
  "use strict";
  // <select data-autosubmit>: send its form as soon as a choice is made.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
  });
  // <input type="range" data-replay data-months="YYYY-MM-DD ..." data-output="id">:
  // the slider picks a month; the form's as_of field and the output show its day.
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (!(el instanceof HTMLInputElement) || !el.hasAttribute("data-replay")) return;
    var day = (el.dataset.months || "").split(" ")[Number(el.value)];
    if (!day) return;
    if (el.form && el.form.elements.as_of) el.form.elements.as_of.value = day;
    var out = document.getElementById(el.dataset.output || "");
    if (out) out.textContent = day;
  });
  // The menu is a <details>: closed on a phone; on a wide screen the style sheet shows
  // its content anyway (::details-content); where a browser cannot, open it here.
  var wide = window.matchMedia("(min-width: 64em)");
  function menuForWidth() {
    var menu = document.querySelector("details[data-menu]");
    if (!menu || (window.CSS && CSS.supports("selector(::details-content)"))) return;
    menu.open = wide.matches;
  }
  // A table or box that scrolls sideways can be reached and scrolled with the keyboard.
  function focusableScrollers() {
    var boxes = document.querySelectorAll("table.list, .table-scroll, figure.chart, .milestone-axis-wrap, .stance-strips");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
      }
    });
  }
  // The invitee picker: a search that narrows the organisations and people shown.
  function pickers(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-picker]"), function (picker) {
      var search = picker.querySelector("[data-picker-search]");
      if (!search || !search.hidden) return;
      search.hidden = false;
      var input = search.querySelector("input");
      input.addEventListener("input", function () {
        var words = input.value.trim().toLowerCase();
        Array.prototype.forEach.call(picker.querySelectorAll("[data-picker-group]"), function (group) {
          var orgName = group.querySelector("summary [data-picker-name]").textContent.toLowerCase();
          var orgHit = !words || orgName.indexOf(words) >= 0;
          var any = false;
          Array.prototype.forEach.call(group.querySelectorAll("[data-picker-item]"), function (item) {
            var hit = orgHit || item.textContent.toLowerCase().indexOf(words) >= 0;
            item.hidden = !hit;
            any = any || hit;
          });
          group.hidden = !any;
          if (words) group.open = any;
        });
      });
    });
  }
  // Check-in rows: a tap is one request; the row says "saving", and when the
  // connection fails "not saved", keeping the same tap ready to try again.
  function checkinRow(event) {
    var el = event.target;
    return el && el.closest ? el.closest("[data-checkin-row]") : null;
  }
  function checkinState(row, css, text) {
    row.classList.remove("saving", "failed", "saved");
    if (css) row.classList.add(css);
    var state = row.querySelector(".checkin-state");
    if (state && text !== undefined) state.textContent = text;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = checkinRow(event);
    if (row) checkinState(row, "saving", row.dataset.saving);
  });
  function checkinFailed(event) {
    var row = checkinRow(event);
    if (row && row.isConnected) checkinState(row, "failed", row.dataset.failed);
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) checkinFailed(event);
  });
  document.addEventListener("htmx:sendError", checkinFailed);
  document.addEventListener("htmx:timeout", checkinFailed);
  function ready() {
    menuForWidth();
    focusableScrollers();
    pickers(document);
  }
  if (wide.addEventListener) wide.addEventListener("change", menuForWidth);
  window.addEventListener("resize", focusableScrollers);
  document.addEventListener("htmx:afterSwap", function (event) {
    focusableScrollers();
    pickers(event.target);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
