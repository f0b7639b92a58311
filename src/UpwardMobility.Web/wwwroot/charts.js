// Draws the Plotly figures the server wrote into the page (data-figure JSON) with the plotly.js the app serves.
(function () {
  "use strict";
  function draw() {
    if (typeof Plotly === "undefined") {
      return;
    }
    document.querySelectorAll(".js-chart[data-figure]").forEach(function (el) {
      if (el.getAttribute("data-drawn") === "true") {
        return;
      }
      var figure = JSON.parse(el.getAttribute("data-figure"));
      el.setAttribute("data-drawn", "true");
      Plotly.newPlot(el, figure.data, figure.layout, figure.config);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
