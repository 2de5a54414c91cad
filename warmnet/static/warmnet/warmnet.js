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
})();
