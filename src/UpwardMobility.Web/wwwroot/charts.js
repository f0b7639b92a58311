// Draws the Plotly figures the server wrote into the page (data-figure JSON) with the plotly.js the app serves.
// Axis titles are wrapped to the space the chart has (a vertical title to the plot's height, a horizontal one to its
// width), long legend names wrapped to the chart's width, and one-a-year ticks thinned to what fits, again when the
// window is resized, so long measure names are never cut off and year labels never pile up on a phone. On a narrow
// chart the value axis's title is a line of text above the plot instead: a vertical title there has too little
// height for a long measure name.
(function () {
  "use strict";
  // Average width of a character of the charts' 13 px system font, and the margin kept around a title.
  var CHAR_PX = 7;
  // Charts narrower than this put the value axis's title above the plot.
  var NARROW_PX = 560;

  // Lines of at most max characters, broken at spaces or after a hyphen ("Employment-to-" / "population ratio").
  function wrap(text, max) {
    if (typeof text !== "string" || text.length <= max) {
      return text;
    }
    var lines = [];
    var line = "";
    text.split(" ").forEach(function (word) {
      word.split(/(?<=-)/).forEach(function (piece, j) {
        var joint = j === 0 && line ? " " : "";
        if (line && (line + joint + piece).length > max) {
          lines.push(line);
          line = piece;
        } else {
          line += joint + piece;
        }
      });
    });
    if (line) {
      lines.push(line);
    }
    return lines.join("<br>");
  }

  // Plotly's text is HTML-escaped by the server; the caption above a narrow chart shows it as plain text.
  function plain(text) {
    return new DOMParser().parseFromString(text, "text/html").documentElement.textContent || "";
  }

  // The value axis's title as a line above a narrow chart (created once, hidden on a wide chart).
  function caption(el, text) {
    var node = el.previousElementSibling;
    if (!node || !node.classList.contains("chart-axis-title")) {
      node = document.createElement("p");
      node.className = "chart-axis-title";
      node.setAttribute("aria-hidden", "true");
      el.parentNode.insertBefore(node, el);
    }
    node.textContent = text === null ? "" : plain(text);
    node.hidden = text === null;
  }

  function titles(figure) {
    var layout = figure.layout || {};
    var original = { names: (figure.data || []).map(function (trace) { return trace.name; }) };
    original.yearTicks = !!(layout.xaxis && layout.xaxis.dtick === 1);
    ["xaxis", "yaxis"].forEach(function (axis) {
      var title = layout[axis] && layout[axis].title;
      if (title && typeof title.text === "string") {
        original[axis] = title.text;
      }
    });
    return original;
  }

  // The span of a chart's numeric x values (years), for the tick spacing.
  function xSpan(data) {
    var min = Infinity;
    var max = -Infinity;
    (data || []).forEach(function (trace) {
      (trace.x || []).forEach(function (x) {
        if (typeof x === "number") {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      });
    });
    return max >= min ? max - min : 0;
  }

  // Legend names no wider than the chart: a horizontal legend wraps between entries, never inside one.
  function names(el, data, original) {
    var width = el.clientWidth || 600;
    var max = Math.max(16, Math.floor((width - 50) / CHAR_PX));
    return original.names.map(function (name, i) {
      return data[i] && data[i].showlegend !== false ? wrap(name, max) : name;
    });
  }

  // The title texts, year ticks and legend size that fit a chart of this size.
  function fitted(el, layout, original, span) {
    var width = el.clientWidth || 600;
    var height = layout.height || el.clientHeight || 320;
    var margin = layout.margin || {};
    var across = Math.max(12, Math.floor((width - (margin.l || 60) - (margin.r || 20)) / CHAR_PX));

    // A vertical title runs along the plot, which legends and tick labels make shorter than the chart.
    var along = Math.max(12, Math.floor((height * 0.6) / CHAR_PX));
    el._titleFit = { original: original, across: across, along: along };
    var update = {};
    if (original.xaxis !== undefined) {
      update["xaxis.title.text"] = wrap(original.xaxis, across);
    }
    if (original.yaxis !== undefined) {
      var narrow = width < NARROW_PX;
      update["yaxis.title.text"] = narrow ? "" : wrap(original.yaxis, along);
      caption(el, narrow ? original.yaxis : null);
    }
    // One tick a year (dtick 1) does not fit a phone: about 45 px a year label.
    if (original.yearTicks) {
      var fit = Math.max(2, Math.floor((width - (margin.l || 60) - (margin.r || 20)) / 45));
      update["xaxis.dtick"] = Math.max(1, Math.ceil((span + 1) / fit));
    }
    return update;
  }

  function apply(layout, update) {
    Object.keys(update).forEach(function (path) {
      var parts = path.split(".");
      if (parts[1] === "dtick") {
        layout[parts[0]].dtick = update[path];

      } else {
        layout[parts[0]].title.text = update[path];
      }
    });
  }

  function box(el, selector) {
    var node = el.querySelector(selector);
    if (!node) {
      return null;
    }
    var r = node.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? r : null;
  }

  // After drawing, measure: the x-axis title must clear its tick labels, both must stay above the legend at the foot
  // of the figure (Plotly keeps room for the legend or for the axis, not always both) and inside the chart, and the
  // y-axis title inside its left edge. Whatever collides moves by the overlap, then the chart is measured again.
  function settle(el, tries) {
    if (!el._fullLayout || tries > 5) {
      el.setAttribute("data-settled", "true");
      return;
    }
    var frame = el.getBoundingClientRect();
    var size = el._fullLayout._size;
    var legend = box(el, ".legend");
    var ticks = box(el, ".xaxislayer-above");
    var xtitle = box(el, ".g-xtitle");
    var ytitle = box(el, ".g-ytitle");
    var update = {};
    if (xtitle && ticks && xtitle.top < ticks.bottom + 2) {
      var standoff = (el._fullLayout.xaxis.title && el._fullLayout.xaxis.title.standoff) || 0;
      update["xaxis.title.standoff"] = standoff + (ticks.bottom - xtitle.top) + 4;
    }
    // The corner: a first x label centred on the y axis can sit on the last y label; move the x labels down.
    var xLabels = Array.prototype.slice.call(el.querySelectorAll(".xaxislayer-above .xtick text"));
    var yLabels = Array.prototype.slice.call(el.querySelectorAll(".yaxislayer-above .ytick text"));
    var drop = 0;
    xLabels.forEach(function (x) {
      var a = x.getBoundingClientRect();
      yLabels.forEach(function (y) {
        var b = y.getBoundingClientRect();
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) {
          drop = Math.max(drop, b.bottom - a.top + 2);
        }
      });
    });
    if (drop > 0) {
      // Plotly takes whole pixels only (a fraction falls back to 0).
      update["xaxis.ticklabelstandoff"] = ((el._fullLayout.xaxis && el._fullLayout.xaxis.ticklabelstandoff) || 0) + Math.ceil(drop);
    }
    var floor = legend && legend.top > frame.top + size.t ? legend.top - 4 : frame.bottom - 2;
    var lowest = Math.max(xtitle ? xtitle.bottom : 0, ticks ? ticks.bottom : 0);
    if (lowest > floor) {
      update["margin.b"] = size.b + (lowest - floor) + 6;
    }
    // A title centred over a plot pushed right by long tick labels can run past the edge: wrap it shorter.
    var fit = el._titleFit;
    // The title is centred on the plot: it may be as wide as twice the room on the narrower side of that centre.
    if (xtitle && fit && fit.original.xaxis !== undefined && fit.across > 12 && (xtitle.left < frame.left || xtitle.right > frame.right)) {
      var centre = frame.left + size.l + size.w / 2;
      var room = 2 * Math.min(centre - frame.left, frame.right - centre) - 8;
      var longest = Math.max.apply(null, wrap(fit.original.xaxis, fit.across).split("<br>").map(function (l) { return l.length; }));
      var perChar = xtitle.width / Math.max(1, longest);
      fit.across = Math.max(12, Math.min(fit.across - 4, Math.floor(room / perChar)));
      update["xaxis.title.text"] = wrap(fit.original.xaxis, fit.across);
    }
    if (ytitle && fit && fit.original.yaxis !== undefined && fit.along > 12 && (ytitle.top < frame.top || ytitle.bottom > floor)) {
      fit.along = Math.max(12, fit.along - 8);
      update["yaxis.title.text"] = wrap(fit.original.yaxis, fit.along);
    }
    if (ytitle && ytitle.left < frame.left + 1) {
      update["margin.l"] = size.l + (frame.left - ytitle.left) + 4;
    }
    if (Object.keys(update).length > 0) {
      el.removeAttribute("data-settled");
      Plotly.relayout(el, update).then(function () {
        settle(el, tries + 1);
      });
    } else {
      // Tests wait for this before measuring.
      el.setAttribute("data-settled", "true");
    }
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
      var span = xSpan(figure.data);
      apply(figure.layout, fitted(el, figure.layout, original, span));
      names(el, figure.data, original).forEach(function (name, i) {
        if (name !== undefined) figure.data[i].name = name;
      });
      el.setAttribute("data-drawn", "true");
      Plotly.newPlot(el, figure.data, figure.layout, figure.config).then(function () {
        // For the page benchmark (docs/performance.md): when this chart was drawn.
        if (window.performance && performance.mark) performance.mark("chart-drawn");
        settle(el, 0);
      });
      drawn.push({ el: el, layout: figure.layout, data: figure.data, original: original, span: span, width: el.clientWidth });
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
        var wrapped = names(chart.el, chart.data, chart.original);
        var named = wrapped.map(function (name, i) { return name === undefined ? -1 : i; }).filter(function (i) { return i >= 0; });
        Plotly.restyle(chart.el, { name: named.map(function (i) { return wrapped[i]; }) }, named)
          .then(function () { return Plotly.relayout(chart.el, fitted(chart.el, chart.layout, chart.original, chart.span)); })
          .then(function () { settle(chart.el, 0); });
      });
    }, 250);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
