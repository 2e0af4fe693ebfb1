/* chronicle serve: reload the page after each rebuild; show content errors over the page.
   Injected only into pages served by `chronicle serve`, never into a built site. */
(function () {
  "use strict";
  var first = null;
  var box = null;

  function hide() {
    if (box && box.parentNode) { box.parentNode.removeChild(box); }
    box = null;
  }

  function style(el, rules) {
    for (var key in rules) { if (Object.prototype.hasOwnProperty.call(rules, key)) { el.style[key] = rules[key]; } }
  }

  function show(data) {
    hide();
    box = document.createElement("div");
    box.id = "chronicle-live-overlay";
    box.setAttribute("role", "alert");
    style(box, {position: "fixed", left: "0", right: "0", top: "0", maxHeight: "80vh", overflow: "auto",
                zIndex: "2147483647", background: "#2b0d0d", color: "#fff", padding: "1em 1.25em",
                font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
                boxShadow: "0 4px 24px rgba(0,0,0,.5)", borderBottom: "4px solid #e5484d"});
    var title = document.createElement("strong");
    title.textContent = data.message || "The content has errors.";
    var note = document.createElement("p");
    note.textContent = "The page below is the last good build. Fix the files and save: this page reloads by itself.";
    style(note, {margin: ".25em 0 .75em", opacity: ".8"});
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    style(close, {float: "right", background: "none", border: "0", color: "#fff", fontSize: "20px", cursor: "pointer"});
    close.addEventListener("click", hide);
    var list = document.createElement("pre");
    style(list, {margin: "0", whiteSpace: "pre-wrap", color: "#ffd7d7"});
    list.textContent = (data.diagnostics || []).map(function (d) { return d.text; }).join("\n");
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(note);
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  if (!window.EventSource) { return; }
  var source = new EventSource("/__chronicle/events");
  source.addEventListener("hello", function (event) {
    var data = JSON.parse(event.data);
    if (first === null) {
      first = data.build;
    } else if (data.build !== first && !data.problem) {
      location.reload();  /* rebuilt (or restarted) while we were disconnected */
      return;
    }
    if (data.problem) { show(data.problem); } else { hide(); }
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("build-error", function (event) { show(JSON.parse(event.data)); });
  window.addEventListener("beforeunload", function () { source.close(); });
})();
