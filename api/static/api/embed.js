// The embed builder's live preview: rebuild the widget URL, the preview and the code on change.
(function () {
    "use strict";
    var form = document.querySelector(".embed-form");
    if (!form) return;
    var preview = document.querySelector(".embed-preview");
    var code = document.querySelector(".embed-code");
    var copy = document.querySelector(".embed-copy");

    function value(name) {
        var field = form.querySelector('[name="' + name + '"]:checked') || form.elements[name];
        return field ? field.value : "";
    }

    function update() {
        var language = value("language");
        var params = new URLSearchParams();
        var source = value("source");
        if (source === "category") params.set("category", value("category"));
        if (source === "collection" && value("collection")) params.set("collection", value("collection"));
        if (source === "search" && value("q").trim()) params.set("q", value("q").trim());
        var count = Math.min(20, Math.max(1, parseInt(value("count"), 10) || 5));
        params.set("count", String(count));
        params.set("theme", value("theme"));
        var url = form.dataset["widgetBase" + language.charAt(0).toUpperCase() + language.slice(1)] + "?" + params.toString();
        var height = String(96 + 72 * count);
        if (preview.src !== url) preview.src = url;
        preview.height = height;
        var template = code.value;
        code.value = template
            .replace(/src="[^"]*"/, 'src="' + url + '"')
            .replace(/height="\d+"/, 'height="' + height + '"');
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    if (copy) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
            code.select();
            var done = function () { copy.textContent = copy.dataset.copied; };
            if (navigator.clipboard) navigator.clipboard.writeText(code.value).then(done, done);
            else { document.execCommand("copy"); done(); }
        });
    }
}());
