// Training programs, progressive enhancement only: local times for live chats, and new
// discussion posts without reloading. Everything reads and works without this script.
(function () {
  "use strict";

  // Live chats are printed in UTC; show them in the reader's own time zone and language.
  var lang = document.documentElement.lang || undefined;
  var localTimes = document.querySelectorAll("time[data-local-time]");
  localTimes.forEach(function (element) {
    var when = new Date(element.getAttribute("datetime"));
    if (isNaN(when.getTime())) return;
    element.title = element.textContent;
    element.textContent = new Intl.DateTimeFormat(lang, {
      weekday: "long", year: "numeric", month: "long", day: "numeric",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    }).format(when);
  });
  document.querySelectorAll("[data-local-time-note]").forEach(function (note) {
    if (localTimes.length) note.hidden = false;
  });

  // Discussion: ask the server for posts newer than the last one seen, every few seconds
  // while the page is visible. The server renders (and escapes) each post's HTML.
  var discussion = document.querySelector("[data-discussion]");
  if (!discussion || !window.fetch) return;
  var feedUrl = discussion.getAttribute("data-feed-url");
  var lastId = parseInt(discussion.getAttribute("data-last-id"), 10) || 0;
  var threads = discussion.querySelector("[data-threads]");
  var note = discussion.querySelector("[data-live-note]");
  if (note) note.hidden = false;
  var INTERVAL = 5000;

  function add(post) {
    if (document.getElementById("post-" + post.id)) return;
    var box = threads;
    if (post.parent) {
      var thread = document.getElementById("thread-" + post.parent);
      if (!thread) return;
      box = thread.querySelector("[data-answers]");
    }
    box.insertAdjacentHTML("beforeend", post.html);
  }

  function poll() {
    if (document.hidden) return;
    fetch(feedUrl + "?after=" + lastId, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { posts: [] }; })
      .then(function (data) {
        (data.posts || []).forEach(function (post) {
          add(post);
          lastId = Math.max(lastId, post.id);
        });
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }

  setInterval(poll, INTERVAL);
})();
