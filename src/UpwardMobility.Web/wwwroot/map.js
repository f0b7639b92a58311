// Puts the server-drawn map (an SVG of links, one per county or city, with its name) in the page, then fetches the
// details (value, 95% interval, quality, standing: map/details.json) and shows a place's details on hover, keyboard
// focus or tap. A mouse click or Enter opens the place (the links do that themselves). On a touch screen a tap only
// selects: the place under the finger's centre (found by the page's own hit test of the shapes, since a phone's
// touch adjustment may hand the tap to a neighbour's link when counties are a few pixels across), and the panel's
// "Open …" link opens it. Nothing is fetched but the map and its details, from this app.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function fail(el, message) {
    el.setAttribute("data-drawn", "error");
    el.textContent = message;
    el.classList.add("map--error");
  }

  function label(a) {
    var parts = [a.getAttribute("data-name") || a.getAttribute("data-fips")];
    var value = a.getAttribute("data-value");
    if (!value) {
      return parts[0] + ": no value published";
    }
    parts[0] += ": " + value;
    if (a.hasAttribute("data-interval")) parts.push(a.getAttribute("data-interval"));
    parts.push("quality " + a.getAttribute("data-quality"));
    if (a.hasAttribute("data-standing")) parts.push(a.getAttribute("data-standing"));
    return parts.join(", ");
  }

  function line(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  // state: "loading" until the details arrive, "failed" when they could not be had, else "ready".
  function show(panel, a, state) {
    // The same place in the same state is already shown: keep its links (a redraw would pull "Open" from under a finger).
    var shown = (a.getAttribute("data-fips") || "") + "|" + state;
    if (panel.getAttribute("data-shown") === shown) return;
    panel.setAttribute("data-shown", shown);
    panel.replaceChildren();
    line(panel, "strong", a.getAttribute("data-name") || a.getAttribute("data-fips"), "map-details-name");
    var value = a.getAttribute("data-value");
    if (state === "loading") {
      line(panel, "span", "Loading its value…");
    } else if (state === "failed") {
      line(panel, "span", "Its value could not be loaded: the rankings table has every value of this map.");
    } else if (value) {
      line(panel, "span", value, "map-details-value");
      if (a.hasAttribute("data-interval")) line(panel, "span", a.getAttribute("data-interval"));
      var quality = a.getAttribute("data-quality");
      line(panel, "span", "Quality: " + quality + (quality === "Weak" ? ", too uncertain to act on" : ""),
        quality === "Weak" ? "map-details-weak" : "");
      var standing = a.getAttribute("data-standing");
      if (standing) line(panel, "span", standing.charAt(0).toUpperCase() + standing.slice(1));
    } else {
      line(panel, "span", "No value published");
    }
    var actions = line(panel, "span", "", "map-details-actions");
    var href = a.getAttribute("href");
    if (href) {
      var open = line(actions, "a", "Open " + (a.getAttribute("data-name") || a.getAttribute("data-fips")), "map-details-open");
      open.setAttribute("href", href);
      // Leaving the map is a whole page load, as the county links of the map are, not Blazor's enhanced navigation.
      open.setAttribute("data-enhance-nav", "false");
      if (a.hasAttribute("target")) {
        open.setAttribute("target", a.getAttribute("target"));
        open.setAttribute("rel", "noopener");
      }
    }
    // The national map: a tap away from the county's state, where its shape is drawn large enough to tap.
    var map = panel.previousElementSibling;
    var zoom = map && map.getAttribute("data-zoom-href");
    var states = zoom ? JSON.parse(map.getAttribute("data-state-names") || "{}") : {};
    var stateName = states[(a.getAttribute("data-fips") || "").slice(0, 2)];
    if (zoom && stateName) {
      var link = line(actions, "a", "Zoom to " + stateName, "map-details-zoom");
      link.setAttribute("href", zoom + a.getAttribute("data-fips").slice(0, 2) + "&select=" + a.getAttribute("data-fips"));
      // A whole page load: enhanced navigation would patch the page in without running this script, and the map would never draw.
      link.setAttribute("data-enhance-nav", "false");
    }
  }

  function wire(el, svg) {
    var panel = document.getElementById("map-details");
    var focus = svg.querySelector(".map-focus");
    var current = null;
    var pointer = "mouse";
    var state = "loading";
    // Until the details arrive a place is named by its name alone (never "no value published").
    svg.querySelectorAll("a[data-fips]").forEach(function (a) {
      a.setAttribute("aria-label", a.getAttribute("data-name") || a.getAttribute("data-fips"));
    });
    function select(a) {
      if (a === current) return;
      if (current) current.classList.remove("is-current");
      current = a;
      a.classList.add("is-current");
      var shape = a.firstElementChild;
      focus.setAttribute("d", shape && shape.tagName === "path" ? shape.getAttribute("d") : "");
      if (panel) show(panel, a, state);
    }
    function county(event) {
      var node = event.target;
      return node && node.closest ? node.closest("a[data-fips]") : null;
    }
    // Listeners on the HTML container, not the SVG: Chromium puts an SVG element with a focus listener in the tab order.
    // Where the finger touched, before any touch adjustment: the tap is the county drawn at this point.
    var touchedAt = null;
    el.addEventListener("pointerdown", function (event) {
      pointer = event.pointerType || "mouse";
      if (pointer === "touch") touchedAt = [event.clientX, event.clientY];
    });
    el.addEventListener("touchstart", function (event) {
      pointer = "touch";
      var t = event.touches && event.touches[0];
      if (t) touchedAt = [t.clientX, t.clientY];
    }, { passive: true });
    el.addEventListener("keydown", function () { pointer = "keyboard"; });
    el.addEventListener("pointerover", function (event) {
      var a = county(event);
      if (a && event.pointerType === "mouse") select(a);
    });
    el.addEventListener("focusin", function (event) {
      var a = county(event);
      // A tap focuses the link touch adjustment chose, not always the one under the finger: the click decides.
      if (a && pointer !== "touch") select(a);
    });
    // A tap selects and never opens: the panel's "Open …" link does that, so a second tap on a neighbour (or the
    // same county) cannot open the wrong place.
    el.addEventListener("click", function (event) {
      if (pointer !== "touch" || !county(event)) return;
      event.preventDefault();
      var hit = touchedAt ? document.elementFromPoint(touchedAt[0], touchedAt[1]) : null;
      var a = (hit && hit.closest && hit.closest("#" + el.id + " a[data-fips]")) || county(event);
      select(a);
    });
    // A place chosen by name (the map's search box, or the panel's zoom link): selected as the map arrives.
    var chosen = el.getAttribute("data-selected");
    var found = chosen ? svg.querySelector("a[data-fips='" + chosen + "']") : null;
    if (found) select(found);
    // The details have arrived ("ready") or could not be had ("failed"): show the current place again.
    return function settle(outcome) {
      state = outcome;
      if (current && panel) show(panel, current, state);
    };
  }

  // The panel's texts for every place with a value, merged into the links as data attributes.
  function details(el, svg, wired) {
    var src = el.getAttribute("data-details-src");
    if (!src) return;
    fetch(src, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (all) {
        svg.querySelectorAll("a[data-fips]").forEach(function (a) {
          var d = all[a.getAttribute("data-fips")];
          if (d) {
            a.setAttribute("data-value", d.value);
            if (d.interval) a.setAttribute("data-interval", d.interval);
            a.setAttribute("data-quality", d.quality);
            if (d.standing) a.setAttribute("data-standing", d.standing);
          }
          a.setAttribute("aria-label", label(a));
        });
        wired("ready");
        el.setAttribute("data-detailed", "true");
      })
      .catch(function () {
        wired("failed");
        el.setAttribute("data-detailed", "error");
      });
  }

  function draw(el) {
    fetch(el.getAttribute("data-src"), { headers: { Accept: "image/svg+xml" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (text) {
        // The page's own parser builds the map in place (an XML parse and then a copy into the page cost a
        // phone about a third more); the SVG is this app's, every text in it escaped by the server.
        el.innerHTML = text;
        var svg = el.firstElementChild;
        if (!svg || svg.namespaceURI !== SVG || svg.localName !== "svg") throw new Error("not an SVG");
        if (window.top !== window.self) {
          // Framed by another site (/embed/map): the dashboard refuses frames, so counties open in their own tab.
          svg.querySelectorAll("a[href]").forEach(function (a) {
            a.setAttribute("target", "_blank");
            a.setAttribute("rel", "noopener");
          });
        }
        var wired = wire(el, svg);
        el.setAttribute("data-locations", svg.getAttribute("data-with-value") || "0");
        el.setAttribute("data-drawn", "true");
        // For the page benchmark (docs/performance.md): when the shapes were in the page.
        if (window.performance && performance.mark) performance.mark("map-drawn");
        details(el, svg, wired);
      })
      .catch(function () {
        fail(el, "The map could not be drawn. The rankings table has the same values.");
      });
  }

  // On a phone the view's form folds away (open on wide screens and without script), so the map is on the first screen.
  function fold() {
    if (!window.matchMedia || !window.matchMedia("(max-width: 600px)").matches) return;
    document.querySelectorAll("details.map-options[open]").forEach(function (d) { d.open = false; });
  }

  function start() {
    document.querySelectorAll(".js-map[data-src]:not([data-drawn])").forEach(draw);
  }
  // Now, before the first paint where possible: the form is above this script in the page.
  fold();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
