// Sharing and phone layout, on every page (enhanced navigation does not run the scripts of pages it patches in):
// "Copy link" copies the page's address; the county page's pillars fold one at a time on phones and all open to print.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 40rem)");

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".js-copy-link") : null;
    if (!link) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    var status = link.parentElement.querySelector(".copy-link__status");
    copyText(window.location.href).then(function () {
      if (status) {
        status.textContent = "Link copied.";
      }
    }, function () {
      if (status) {
        status.textContent = "Could not copy: press and hold (or right-click) the link to copy it.";
      }
    });
  }, true);

  // The embed snippets: focusing the code selects it, ready to copy.
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("embed-snippet__code")) {
      event.target.select();
    }
  });

  function folds() {
    return Array.prototype.slice.call(document.querySelectorAll("details[data-fold]"));
  }

  function ownerOf(fold) {
    return fold.closest("[data-fold-owner]") || fold;
  }

  function target(hash) {
    hash = hash === undefined ? location.hash : hash;
    if (!hash) {
      return null;
    }
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) {
      return null;
    }
  }

  // Phones: one pillar open at a time (the one the address points to, else the first); wide screens: all open.
  function arrange() {
    var list = folds();
    if (list.length === 0) {
      return;
    }
    if (!phone.matches) {
      list.forEach(function (fold) {
        fold.removeAttribute("name");
        fold.open = true;
      });
      return;
    }
    var wanted = target();
    var keep = list.filter(function (fold) { return wanted && ownerOf(fold).contains(wanted); })[0] || list[0];
    list.forEach(function (fold) {
      fold.setAttribute("name", fold.getAttribute("data-fold"));
      fold.open = fold === keep;
    });
  }

  function openTarget(hash) {
    var wanted = target(typeof hash === "string" ? hash : undefined);
    if (!wanted) {
      return;
    }
    folds().forEach(function (fold) {
      if (ownerOf(fold).contains(wanted)) {
        fold.open = true;
        wanted.scrollIntoView();
      }
    });
  }

  // Browsers without exclusive <details name>: close the others by hand.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!phone.matches || !opened.hasAttribute || !opened.hasAttribute("data-fold") || !opened.open) {
      return;
    }
    folds().forEach(function (fold) {
      if (fold !== opened && fold.getAttribute("data-fold") === opened.getAttribute("data-fold")) {
        fold.open = false;
      }
    });
    var owner = ownerOf(opened);
    if (owner.getBoundingClientRect().top < 0) {
      owner.scrollIntoView();
    }
  }, true);

  // Paper gets every pillar.
  var before = null;
  window.addEventListener("beforeprint", function () {
    before = folds().map(function (fold) { return fold.open; });
    folds().forEach(function (fold) {
      fold.removeAttribute("name");
      fold.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    if (before) {
      arrange();
      before = null;
    }
  });

  window.addEventListener("hashchange", function () {
    openTarget();
  });
  // Enhanced navigation moves to a #fragment of the same page with pushState, which fires no hashchange.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    if (!link || link.pathname !== location.pathname || link.search !== location.search) {
      return;
    }
    var hash = link.hash;
    setTimeout(function () {
      openTarget(hash);
    }, 0);
  });
  if (phone.addEventListener) {
    phone.addEventListener("change", arrange);
  }
  if (window.Blazor && window.Blazor.addEventListener) {
    window.Blazor.addEventListener("enhancedload", arrange);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", arrange);
  } else {
    arrange();
  }
})();
