// Admin pages: live audience count and message preview, progress polling, confirmations.
// Plain JavaScript served from the package (no inline scripts: the CSP forbids them).
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function post(url, form) {
    return fetch(url, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf }
    }).then(function (r) { return r.text(); });
  }

  function showKind(form) {
    var checked = form.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : "text";
    form.querySelectorAll("[data-kind]").forEach(function (el) {
      el.hidden = el.getAttribute("data-kind") !== kind;
    });
  }

  document.querySelectorAll("form[data-live]").forEach(function (form) {
    var timer = null;
    function refresh() {
      showKind(form);
      document.querySelectorAll("[data-live-target]").forEach(function (target) {
        post(target.getAttribute("data-live-target"), form).then(function (html) { target.innerHTML = html; });
      });
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
    form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(refresh, 50); });
    refresh();
  });

  function poll(el) {
    var url = el.getAttribute("data-poll");
    setTimeout(function () {
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.firstElementChild;
        if (!fresh) { return; }
        el.replaceWith(fresh);
        if (fresh.hasAttribute("data-poll")) { poll(fresh); }
      });
    }, 1000);
  }
  document.querySelectorAll("[data-poll]").forEach(poll);

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
