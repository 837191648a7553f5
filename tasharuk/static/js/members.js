// Progressive enhancement for members' screens; everything works without it.
(function () {
  "use strict";

  // "Copy link": show the button only where the clipboard API exists.
  document.querySelectorAll("[data-share]").forEach(function (share) {
    var input = share.querySelector("[data-share-link]");
    var button = share.querySelector("[data-copy-link]");
    var copied = share.querySelector("[data-copied]");
    if (!input || !button || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        copied.hidden = false;
        setTimeout(function () { copied.hidden = true; }, 3000);
      });
    });
  });

  // Submit form: fetch the page's details in the background when the URL changes.
  var form = document.querySelector("[data-submit-form]");
  if (!form) return;
  var urlInput = form.querySelector("[name=url]");
  var status = document.querySelector("[data-fetch-status]");
  var duplicate = document.querySelector("[data-duplicate-live]");
  var similar = document.querySelector("[data-similar-live]");
  var lastUrl = "";

  function fill(name, value) {
    var field = form.querySelector("[name=" + name + "]");
    if (field && !field.value && value) field.value = value;
  }
  function link(item) {
    var a = document.createElement("a");
    a.href = item.url; a.textContent = item.title; a.target = "_blank"; a.rel = "noopener";
    return a;
  }
  function lookUp() {
    var url = urlInput.value.trim();
    if (!url || url === lastUrl) return;
    lastUrl = url;
    var language = (form.querySelector("[name=primary_language]") || {}).value || document.documentElement.lang;
    var params = new URLSearchParams({ url: url, title: (form.querySelector("[name=title_" + language + "]") || {}).value || "" });
    status.hidden = false;
    status.textContent = status.dataset.loading || "…";
    fetch(form.dataset.fetchUrl + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        status.textContent = data.error || "";
        status.hidden = !data.error;
        fill("title_" + language, data.title);
        fill("summary_" + language, data.description);
        duplicate.replaceChildren();
        duplicate.hidden = !data.duplicate;
        // A resource still in review has no public page: say so without a link.
        if (data.duplicate) duplicate.append(data.duplicate.url ? link(data.duplicate) : data.duplicate.title);
        similar.replaceChildren();
        similar.hidden = !data.similar.length;
        data.similar.forEach(function (item) {
          var p = document.createElement("p"); p.append(link(item)); similar.append(p);
        });
      })
      .catch(function () { status.hidden = true; });
  }
  urlInput.addEventListener("change", lookUp);
  if (urlInput.value) lookUp();
})();
