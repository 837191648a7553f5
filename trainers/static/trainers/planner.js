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

  items().forEach(function (item) {
    item.setAttribute("draggable", "true");
    item.addEventListener("dragstart", function (event) {
      dragged = item;
      item.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.getAttribute("data-item"));
    });
    item.addEventListener("dragend", function () { item.classList.remove("is-dragging"); });
    item.addEventListener("dragover", function (event) {
      if (!dragged || dragged === item) return;
      event.preventDefault();
      var box = item.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? item.nextSibling : item);
    });
    item.addEventListener("drop", function (event) {
      event.preventDefault();
      var order = items().map(function (el) { return el.getAttribute("data-item"); });
      fetch(list.getAttribute("data-reorder"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        body: JSON.stringify(order)
      }).then(function (response) {
        // Start and end times follow from the order: reload to show the new ones.
        if (response.ok) window.location.reload();
      });
    });
  });
})();
