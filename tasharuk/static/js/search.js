// Title autocomplete for the search box: an enhancement only; the form works without it.
(() => {
  const input = document.querySelector("[data-search-autocomplete]");
  if (!input || !window.fetch) return;
  const endpoint = input.dataset.searchAutocomplete;
  const locale = document.documentElement.lang;
  const list = document.createElement("ul");
  list.className = "search-suggestions";
  list.id = "search-suggestions";
  list.hidden = true;
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-autocomplete", "list");
  input.parentElement.appendChild(list);
  let timer = null;
  let controller = null;

  const show = (items) => {
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title; // text, never HTML
        li.appendChild(a);
        return li;
      }),
    );
    list.hidden = items.length === 0;
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { show([]); return; }
    timer = setTimeout(async () => {
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const url = `${endpoint}?${new URLSearchParams({ q, locale })}`;
        const response = await fetch(url, { signal: controller.signal });
        if (response.ok) show((await response.json()).results);
      } catch (error) {
        if (error.name !== "AbortError") show([]);
      }
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("a")?.focus();
    } else if (event.key === "Escape") show([]);
  });
  list.addEventListener("keydown", (event) => {
    const current = document.activeElement.closest("li");
    if (event.key === "ArrowDown") current?.nextElementSibling?.querySelector("a")?.focus();
    else if (event.key === "ArrowUp") (current?.previousElementSibling?.querySelector("a") || input).focus();
    else if (event.key === "Escape") { show([]); input.focus(); }
    else return;
    event.preventDefault();
  });
  document.addEventListener("click", (event) => {
    if (!list.contains(event.target) && event.target !== input) show([]);
  });
})();
