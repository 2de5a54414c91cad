/* The organisation map's replay slider: moving it sets the filter form's date (the form
 * then asks for that day's picture) and shows the day beside the slider. */
(function () {
  "use strict";
  var slider = document.querySelector("input[type=range][data-months]");
  if (!slider) return;
  var months = slider.dataset.months.split(" ");
  var output = document.getElementById("replay-day");
  slider.addEventListener("input", function () {
    var day = months[+slider.value];
    if (slider.form && slider.form.elements.as_of) slider.form.elements.as_of.value = day;
    if (output) output.textContent = day;
  });
})();
