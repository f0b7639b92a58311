// Draws the national county map: fetches the figure the server built for this URL, points Plotly at the
// app-served county shapes and base map (never its CDN), and opens a county's dashboard on click.
(function () {
  "use strict";
  function fail(el, message) {
    el.setAttribute("data-drawn", "error");
    el.textContent = message;
    el.classList.add("map--error");
  }
  function draw(el) {
    if (typeof Plotly === "undefined") {
      fail(el, "The map could not be drawn: its script did not load. The rankings table has the same values.");
      return;
    }
    fetch(el.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (figure) {
        figure.data[0].geojson = el.getAttribute("data-geojson");
        figure.config.topojsonURL = el.getAttribute("data-topojson");
        return Plotly.newPlot(el, figure.data, figure.layout, figure.config).then(function () {
          el.setAttribute("data-locations", String(figure.data[0].locations.length));
          el.setAttribute("data-drawn", "true");
        });
      })
      .then(function () {
        var query = el.getAttribute("data-county-query") || "";
        el.on("plotly_click", function (event) {
          var point = event && event.points && event.points[0];
          if (point && point.location) {
            var url = "counties/" + encodeURIComponent(point.location) + query;
            if (window.top !== window.self) {
              // Framed by another site (/embed/map): the dashboard refuses frames, so open it in its own tab.
              window.open(new URL(url, document.baseURI).href, "_blank", "noopener");
            } else {
              window.location.href = url;
            }
          }
        });
      })
      .catch(function () {
        fail(el, "The map could not be drawn. The rankings table has the same values.");
      });
  }
  function start() {
    document.querySelectorAll(".js-map[data-src]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
