/* archkb decision guide: turns the JSON the home page embeds (computed from the KB facts) into a
 * form; each answer rules out the architectures whose facts contradict it, with the reasons.
 * Runs on every page view, including material's instant navigation (document$). Text from the
 * JSON is set with textContent only, never as HTML. A short count ("2 of 4 fit: ...") sits above the
 * questions, stays in view while they are answered, and is the only part read aloud on a change
 * (a status region); the full result list below it is not re-announced on every arrow key. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function architectureLinks() {
    var links = {};
    document.querySelectorAll("a[data-archkb-arch]").forEach(function (a) {
      if (!links[a.dataset.archkbArch]) links[a.dataset.archkbArch] = a.getAttribute("href");
    });
    return links;
  }

  function chosenAnswers(form, data) {
    var chosen = [];
    data.questions.forEach(function (q) {
      var field = form.elements["archkb-q-" + q.id];
      var value = field ? field.value : "any";
      q.answers.forEach(function (a) {
        if (a.id === value) chosen.push({ question: q, answer: a });
      });
    });
    return chosen;
  }

  function archItem(arch, href, verdicts, state) {
    var li = el("li", "archkb-guide__arch archkb-guide__arch--" + state);
    li.setAttribute("data-archkb-" + state, arch.id);
    var name = el(href ? "a" : "strong", "archkb-guide__name", arch.name);
    if (href) name.setAttribute("href", href);
    li.appendChild(name);
    var reasons = el("ul", "archkb-guide__reasons");
    verdicts.forEach(function (v) {
      if (!v.reason) return;
      var mark = !v.fits ? "✗ " : v.unknown ? "? " : v.conditional ? "⚠ " : "✓ ";
      var item = el("li", "archkb-guide__reason", mark + v.reason);
      if (v.condition) item.appendChild(el("div", "archkb-guide__condition", "Condition: " + v.condition));
      reasons.appendChild(item);
    });
    if (reasons.childNodes.length) li.appendChild(reasons);
    return li;
  }

  function listOf(className, items) {
    var list = el("ul", className);
    items.forEach(function (li) { list.appendChild(li); });
    return list;
  }

  /* "2 of 4 fit: A, B." (and how many the sources leave open): the short text read aloud on a change. */
  function countText(data, chosen, fits, open) {
    var total = data.architectures.length;
    var left = open ? " " + open + " left open by the sources." : "";
    if (!chosen.length) return "All " + total + " fit. Answer a question to narrow them down.";
    if (!fits.length) return "None of the " + total + " fits every answer." + left;
    return fits.length + " of " + total + " fit: " + fits.map(function (a) { return a.name; }).join(", ") + "." + left;
  }

  // Unknown stays unknown: an architecture whose facts do not decide an answer (not stated, or
  // only inferred) is neither kept nor ruled out, but listed as left open by the sources.
  function render(out, count, data, chosen, links) {
    var fits = [];
    var fitting = [];
    var open = [];
    var ruledOut = [];
    data.architectures.forEach(function (arch) {
      var verdicts = chosen.map(function (c) { return c.answer.verdicts[arch.id]; });
      var failed = verdicts.filter(function (v) { return !v.fits; });
      var unknown = verdicts.filter(function (v) { return v.unknown; });
      if (failed.length) ruledOut.push(archItem(arch, links[arch.id], failed, "out"));
      else if (unknown.length) open.push(archItem(arch, links[arch.id], verdicts, "open"));
      else {
        fits.push(archItem(arch, links[arch.id], verdicts, "fits"));
        fitting.push(arch);
      }
    });
    count.textContent = countText(data, chosen, fitting, open.length);
    out.replaceChildren();
    var summary;
    if (!chosen.length) summary = "All " + data.architectures.length + " architectures are still in. Answer a question to narrow them down.";
    else if (!fits.length && !open.length) summary = "No single architecture fits every answer. Relax an answer, or combine architectures.";
    else if (!fits.length) summary = "No architecture fits on what the sources state; the ones below are left open.";
    else summary = fits.length === 1 ? "One architecture fits your answers:" : fits.length + " architectures fit your answers:";
    out.appendChild(el("p", "archkb-guide__summary", summary));
    if (fits.length) out.appendChild(listOf("archkb-guide__fits", fits));
    if (open.length && chosen.length) {
      out.appendChild(el("p", "archkb-guide__summary", "Left open (the sources do not say):"));
      out.appendChild(listOf("archkb-guide__open", open));
    }
    if (ruledOut.length && chosen.length) {
      out.appendChild(el("p", "archkb-guide__summary", "Ruled out:"));
      out.appendChild(listOf("archkb-guide__out", ruledOut));
    }
  }

  function buildForm(data) {
    var form = el("form", "archkb-guide__form");
    form.setAttribute("aria-label", "Decision guide");
    data.questions.forEach(function (q) {
      var set = el("fieldset", "archkb-guide__question");
      set.appendChild(el("legend", null, q.text));
      if (q.hint) set.appendChild(el("div", "archkb-guide__hint", q.hint));
      [{ id: "any", label: "Doesn't matter" }].concat(q.answers).forEach(function (a) {
        var label = el("label", "archkb-guide__answer");
        var input = el("input");
        input.type = "radio";
        input.name = "archkb-q-" + q.id;
        input.value = a.id;
        input.checked = a.id === "any";
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + a.label));
        set.appendChild(label);
      });
      form.appendChild(set);
    });
    var reset = el("button", "md-button", "Start over");
    reset.type = "reset";
    form.appendChild(reset);
    return form;
  }

  function init() {
    var root = document.getElementById("archkb-guide");
    var source = document.getElementById("archkb-guide-data");
    if (!root || !source || root.getAttribute("data-ready")) return;
    var data = JSON.parse(source.textContent);
    var links = architectureLinks();
    var form = buildForm(data);
    var out = el("div", "archkb-guide__result");
    out.id = "archkb-guide-result";
    var bar = el("div", "archkb-guide__bar");
    var count = el("p", "archkb-guide__count");
    count.setAttribute("role", "status");
    var jump = el("a", "archkb-guide__jump", "Why, architecture by architecture");
    jump.setAttribute("href", "#archkb-guide-result");
    bar.appendChild(count);
    bar.appendChild(jump);
    form.insertBefore(bar, form.firstChild);
    var update = function () { render(out, count, data, chosenAnswers(form, data), links); };
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    root.appendChild(form);
    root.appendChild(out);
    root.hidden = false;
    root.setAttribute("data-ready", "1");
    update();
  }

  // Material's document$ emits on every instant navigation, but not for a page opened from disk
  // (file://), so start on DOMContentLoaded as well; init() runs once per page either way.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
