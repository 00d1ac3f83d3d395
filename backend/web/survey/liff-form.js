// Inside LINE's LIFF browser: put LINE's ID token into the form so the service can check that the answers
// come from the LINE user the survey was sent to. Elsewhere the form works without it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-liff-id]");
  if (!form || !window.liff) { return; }
  var field = form.querySelector("input[name=id_token]");
  window.liff.init({ liffId: form.getAttribute("data-liff-id") }).then(function () {
    if (window.liff.isLoggedIn()) { field.value = window.liff.getIDToken() || ""; }
  }).catch(function () { /* not opened as the LIFF app: the form is sent without a token */ });
})();
