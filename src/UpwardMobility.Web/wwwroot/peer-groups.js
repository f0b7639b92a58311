// Peer groups for visitors who are not signed in: named sets of counties kept in this browser's localStorage,
// listed with links to the pages that use them. Signed-in users get the same panel from the server instead.
(function () {
  "use strict";
  var KEY = "upward-mobility.peer-groups";
  var MAX_COUNTIES = 50;

  function load() {
    try {
      var groups = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(groups) ? groups.filter(function (g) { return g && typeof g.name === "string" && Array.isArray(g.fips); }) : [];
    } catch (e) {
      return [];
    }
  }

  function store(groups) {
    window.localStorage.setItem(KEY, JSON.stringify(groups));
  }

  function link(spec, fips) {
    var list = spec.max > 0 ? fips.slice(0, spec.max) : fips;
    var query = list.map(function (f) { return spec.param + "=" + encodeURIComponent(f); }).join("&");
    return spec.base + (spec.base.indexOf("?") >= 0 ? "&" : "?") + query;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function render(root, message) {
    var links = JSON.parse(root.getAttribute("data-links") || "[]");
    var current = (root.getAttribute("data-fips") || "").split(" ").filter(Boolean);
    var groups = load();
    root.textContent = "";
    if (message) {
      root.appendChild(el("p", { "class": "notice", role: "status" }, message));
    }
    if (groups.length === 0) {
      root.appendChild(el("p", { "class": "peer-groups__empty" }, "You have no saved peer groups yet."));
    } else {
      var list = el("ul", { "class": "peer-groups__list" });
      groups.forEach(function (group, index) {
        var item = el("li", { "data-peer-group": group.name });
        item.appendChild(el("strong", {}, group.name));
        item.appendChild(document.createTextNode(" (" + group.fips.length + (group.fips.length === 1 ? " county" : " counties") + "): "));
        links.forEach(function (spec) {
          item.appendChild(el("a", { href: link(spec, group.fips), "data-enhance-nav": "false" }, spec.label));
          item.appendChild(document.createTextNode(" · "));
        });
        var remove = el("button", { type: "button", "class": "link-button", "aria-label": "Delete the peer group " + group.name }, "Delete");
        remove.addEventListener("click", function () {
          var all = load();
          all.splice(index, 1);
          store(all);
          render(root, "Deleted “" + group.name + "”.");
        });
        item.appendChild(remove);
        list.appendChild(item);
      });
      root.appendChild(list);
    }
    if (current.length > 0) {
      var form = el("form", { "class": "view-form", "aria-label": "Save these counties as a peer group" });
      var field = el("div", { "class": "view-form__field view-form__field--wide" });
      field.appendChild(el("label", { "for": "peer-group-name" }, "Save these " + current.length + (current.length === 1 ? " county" : " counties") + " as"));
      var input = el("input", { id: "peer-group-name", name: "name", type: "text", maxlength: "80", required: "required", placeholder: "e.g. Mid-size river counties" });
      field.appendChild(input);
      form.appendChild(field);
      var actions = el("div", { "class": "view-form__actions" });
      actions.appendChild(el("button", { type: "submit", "class": "button" }, "Save peer group"));
      form.appendChild(actions);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var name = input.value.trim();
        if (!name) {
          return;
        }
        // The same limit as groups kept in an account: say so rather than keep part of the list.
        if (current.length > MAX_COUNTIES) {
          render(root, "A peer group holds at most " + MAX_COUNTIES + " counties; these are " + current.length + ". Narrow the list first.");
          return;
        }
        var all = load().filter(function (g) { return g.name !== name; });
        all.push({ name: name, fips: current.slice() });
        all.sort(function (a, b) { return a.name.localeCompare(b.name); });
        store(all);
        render(root, "Saved “" + name + "”.");
      });
      root.appendChild(form);
    }
  }

  function start() {
    document.querySelectorAll(".js-peer-groups").forEach(function (root) { render(root, ""); });
  }
  // Blazor's enhanced navigation swaps page content without reloading: render the panel of each new page too.
  if (window.Blazor && typeof window.Blazor.addEventListener === "function") {
    window.Blazor.addEventListener("enhancedload", start);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
