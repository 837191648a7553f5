// Drag to reorder an agenda's items: an enhancement of the "Move earlier/later" buttons,
// which keep working without it (and from the keyboard). The new order is posted as JSON.
(function () {
  "use strict";
  var list = document.querySelector("[data-reorder]");
  if (!list || !window.fetch) return;
  var help = document.querySelector("[data-drag-help]");
  if (help) help.hidden = false;
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var dragged = null;

  function items() { return Array.prototype.slice.call(list.querySelectorAll("[data-item]")); }

  function order() { return items().map(function (el) { return el.getAttribute("data-item"); }); }

  function save(newOrder) {
    fetch(list.getAttribute("data-reorder"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: JSON.stringify(newOrder)
    }).then(function (response) {
      // Start and end times follow from the order: reload to show the new ones.
      if (response.ok) window.location.reload();
    });
  }

  var before = null;
  items().forEach(function (item) {
    item.setAttribute("draggable", "true");
    item.addEventListener("dragstart", function (event) {
      dragged = item;
      before = order().join(",");
      item.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.getAttribute("data-item"));
    });
    item.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();  // lets the drop happen anywhere on the list
      if (dragged === item) return;
      var box = item.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? item.nextSibling : item);
    });
    item.addEventListener("drop", function (event) { event.preventDefault(); });
    // dragend fires whether or not the drop landed on an item: save the order if it changed.
    item.addEventListener("dragend", function () {
      item.classList.remove("is-dragging");
      dragged = null;
      var now = order();
      if (now.join(",") !== before) save(now);
    });
  });
})();
