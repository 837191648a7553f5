// Progressive enhancements only; every page works without this file.
// Click-to-load viewer: the iframe sits inert in a <template> until the reader asks for it,
// so no request reaches the source site before that click.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-viewer-load]");
  if (!button) return;
  // The button is a link that reloads the page with the frame (for readers without
  // JavaScript); here the frame loads in place instead.
  event.preventDefault();
  const viewer = button.closest("[data-viewer]");
  const template = viewer.querySelector("template[data-viewer-template]");
  viewer.replaceChildren(template.content.cloneNode(true));
});

// Header menu: site.css keeps it open on wide screens through ::details-content; a browser
// without that selector gets the same by opening the <details> while the screen is wide.
const siteMenu = document.querySelector("details.site-menu");
if (siteMenu && window.CSS && !CSS.supports("selector(::details-content)")) {
  const wide = window.matchMedia("(min-width: 64rem)");
  const follow = () => { siteMenu.open = wide.matches; };
  follow();
  wide.addEventListener("change", follow);
}
