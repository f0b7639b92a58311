// Draws the Plotly figures the server wrote into the page (data-figure JSON) with the plotly.js the app serves.
// Axis titles are wrapped to the space the chart has (a vertical title to the plot's height, a horizontal one to its
// width), again when the window is resized, so long measure names are never cut off on a phone.
(function () {
  "use strict";
  // Average width of a character of the charts' 13 px system font, and the margin kept around a title.
  var CHAR_PX = 7;

  function wrap(text, max) {
    if (typeof text !== "string" || text.length <= max) {
      return text;
    }
    var lines = [];
    var line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > max) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines.join("<br>");
  }

  function titles(figure) {
    var layout = figure.layout || {};
    var original = {};
    ["xaxis", "yaxis"].forEach(function (axis) {
      var title = layout[axis] && layout[axis].title;
      if (title && typeof title.text === "string") {
        original[axis] = title.text;
      }
    });
    return original;
  }

  // The title texts that fit a chart of this size.
  function fitted(el, layout, original) {
    var width = el.clientWidth || 600;
    var height = layout.height || el.clientHeight || 320;
    var margin = layout.margin || {};
    var across = Math.max(12, Math.floor((width - (margin.l || 60) - (margin.r || 20)) / CHAR_PX));
    // A vertical title runs along the plot, which legends and tick labels make shorter than the chart.
    var along = Math.max(12, Math.floor((height * 0.6) / CHAR_PX));
    var update = {};
    if (original.xaxis !== undefined) {
      update["xaxis.title.text"] = wrap(original.xaxis, across);
    }
    if (original.yaxis !== undefined) {
      update["yaxis.title.text"] = wrap(original.yaxis, along);
    }
    return update;
  }

  function apply(layout, update) {
    Object.keys(update).forEach(function (path) {
      var axis = path.split(".")[0];
      layout[axis].title.text = update[path];
    });
  }

  var drawn = [];

  function draw() {
    if (typeof Plotly === "undefined") {
      return;
    }
    document.querySelectorAll(".js-chart[data-figure]").forEach(function (el) {
      if (el.getAttribute("data-drawn") === "true") {
        return;
      }
      var figure = JSON.parse(el.getAttribute("data-figure"));
      var original = titles(figure);
      apply(figure.layout, fitted(el, figure.layout, original));
      el.setAttribute("data-drawn", "true");
      Plotly.newPlot(el, figure.data, figure.layout, figure.config);
      drawn.push({ el: el, layout: figure.layout, original: original, width: el.clientWidth });
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      drawn.forEach(function (chart) {
        if (!document.body.contains(chart.el) || chart.el.clientWidth === chart.width) {
          return;
        }
        chart.width = chart.el.clientWidth;
        Plotly.relayout(chart.el, fitted(chart.el, chart.layout, chart.original));
      });
    }, 250);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
