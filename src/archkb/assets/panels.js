/* archkb quiz panels: the mastery panel, the progress file buttons, right/wrong marks on the choices,
 * the list of missed questions and the exam results download. Built for quiz.js (window.archkbPanels);
 * every text goes in with textContent. Needs learning.js first.
 */
(function () {
  "use strict";

  var L = window.archkbLearning;
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var RIGHT = "\u2713"; /* check mark */
  var WRONG = "\u2717"; /* ballot x */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }

  function percent(value) {
    return value === null ? "not yet" : Math.round(100 * value) + "%";
  }

  /* A mark after a choice: an icon (hidden from screen readers) and the words that say it. */
  function mark(ok, words) {
    var span = el("span", { "class": "archkb-quiz__mark archkb-quiz__mark--" + (ok ? "right" : "wrong"), "data-mark": ok ? "right" : "wrong" });
    add(span, el("span", { "aria-hidden": "true" }, ok ? RIGHT : WRONG), document.createTextNode(" " + words));
    return span;
  }

  /* Mark every choice (or every row of an ordering or matching question) right or wrong. */
  function markChoices(form, q, given) {
    if (q.kind === "ordering" || q.kind === "matching") {
      form.querySelectorAll(".archkb-quiz__row").forEach(function (row, r) {
        var ok, words;
        if (q.kind === "ordering") {
          var place = q.answer.indexOf(r) + 1;
          ok = given.indexOf(r) + 1 === place;
          words = ok ? "right place" : "wrong place: it goes " + place;
        } else {
          ok = given[r] === q.answer[r];
          words = ok ? "right match" : "wrong match: it is " + LETTERS[q.answer[r]] + ") " + q.choices[q.answer[r]];
        }
        row.setAttribute("data-mark", ok ? "right" : "wrong");
        add(row, document.createTextNode(" "), mark(ok, words));
      });
      return;
    }
    form.querySelectorAll(".archkb-quiz__option").forEach(function (label) {
      var input = label.querySelector("input[name=answer]");
      if (!input) return;
      var i = Number(input.value);
      var right = q.answer.indexOf(i) >= 0;
      var chosen = given.indexOf(i) >= 0;
      var words = right ? (chosen ? "right, your choice" : "right answer, not your choice") : (chosen ? "wrong, your choice" : "wrong");
      label.setAttribute("data-mark", right ? "right" : "wrong");
      add(label, document.createTextNode(" "), mark(right, words));
    });
  }

  function table(caption, rows) {
    var t = el("table", { "class": "archkb-quiz__mastery-table" });
    add(t, el("caption", {}, caption));
    add(t, add(el("tr", {}), el("th", { scope: "col" }, caption.replace(/^By /, "").replace(/^./, function (c) { return c.toUpperCase(); })),
      el("th", { scope: "col" }, "Answered"), el("th", { scope: "col" }, "Right"), el("th", { scope: "col" }, "Recall")));
    rows.forEach(function (r) {
      add(t, add(el("tr", { "data-key": r.key, "data-recall": r.recall === null ? "" : r.recall.toFixed(4) }),
        el("th", { scope: "row" }, r.label), el("td", {}, r.answered + " of " + r.questions),
        el("td", {}, r.answers ? r.right + " of " + r.answers : "-"), el("td", {}, percent(r.recall))));
    });
    return t;
  }

  /* The learner's mastery (as `archkb quiz --stats`) and what is due (as `--due`). */
  function masteryPanel(bank, progress, sched, now) {
    var m = L.mastery(bank, progress, now, sched);
    var due = L.due(bank, progress, now);
    var dueNow = due.reduce(function (a, r) { return a + r.due_now; }, 0);
    var fresh = due.reduce(function (a, r) { return a + r["new"]; }, 0);
    var next = due.map(function (r) { return r.next_day; }).filter(Boolean).sort()[0];
    var panel = el("section", { "class": "archkb-quiz__mastery", "aria-labelledby": "archkb-quiz-mastery-title", "data-due-now": String(dueNow) });
    add(panel, el("h3", { id: "archkb-quiz-mastery-title" }, "Your mastery"));
    add(panel, el("p", { "class": "archkb-quiz__due" }, "Due now: " + dueNow + ". Never answered: " + fresh + "." + (next ? " Next due: " + next + "." : "")));
    add(panel, el("p", { "class": "archkb-quiz__hint" },
      "Recall is FSRS's estimate that you would answer right tomorrow, averaged over the questions you answered; a question you have not answered has none."));
    return add(panel, table("By topic", m.topics), table("By architecture", m.architectures));
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  /* "Download progress" (the terminal's format) and "Load progress" (merged: newer review wins). */
  function progressButtons(status, onLoaded) {
    var box = el("p", { "class": "archkb-quiz__files" });
    var save = el("button", { type: "button", "class": "md-button archkb-quiz__download" }, "Download progress");
    save.addEventListener("click", function () {
      download("archkb-progress.json", L.dumps(L.load()));
      status.textContent = "Progress downloaded as archkb-progress.json: use it with archkb quiz --progress FILE, or load it in another browser.";
    });
    var input = el("input", { type: "file", accept: ".json,application/json", "class": "archkb-quiz__upload", id: "archkb-quiz-upload" });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var theirs = L.parse(JSON.parse(text));
        var merged = L.merge(L.load(), theirs);
        if (!L.save(merged.progress)) throw new Error("this browser would not store it");
        status.textContent = "Loaded " + file.name + ": " + merged.taken + " of " + Object.keys(theirs.questions).length +
          " question records taken from it (the newer review of each question wins).";
        onLoaded();
      }).catch(function (err) {
        status.textContent = "Not loaded: " + file.name + " is not a progress file this page can read (" + err.message + "). Your progress is unchanged.";
      });
      input.value = "";
    });
    return add(box, save, document.createTextNode(" "), add(el("label", { "for": "archkb-quiz-upload", "class": "archkb-quiz__upload-label" }, "Load progress: "), input));
  }

  /* The questions answered wrong, each with the right answer. */
  function missedList(missed, spelled) {
    var box = el("section", { "class": "archkb-quiz__missed", "aria-labelledby": "archkb-quiz-missed-title" });
    add(box, el("h3", { id: "archkb-quiz-missed-title" }, missed.length ? "You missed " + missed.length : "You missed none"));
    if (!missed.length) return box;
    var list = el("ol", {});
    missed.forEach(function (m) {
      var item = el("li", { "data-question-id": m.question.id });
      add(item, el("p", { "class": "archkb-quiz__text" }, m.question.text), el("p", {}, "The answer: " + spelled(m.question, m.question.answer)));
      add(list, item);
    });
    return add(box, list);
  }

  window.archkbPanels = { el: el, add: add, markChoices: markChoices, masteryPanel: masteryPanel, progressButtons: progressButtons, missedList: missedList, download: download };
})();
