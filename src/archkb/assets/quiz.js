/* archkb quiz: one question at a time from the bank embedded in the page.
 *
 * No framework and no network: the bank is read from <script type="application/json"
 * id="archkb-quiz-bank">. Every piece of text is inserted with textContent, never as HTML.
 * Progress is kept in localStorage in the format `archkb quiz` writes (learning.js: FSRS by dates
 * with ts-fsrs, the scheduler's constants from the bank); a question's progress starts over when its
 * version changes. Starts through Material's document$ so it survives
 * instant navigation, and on DOMContentLoaded (Material does not emit for pages opened from disk).
 */
(function () {
  "use strict";

  var L = window.archkbLearning; /* FSRS, progress format 2, mastery: learning.js */
  var P = window.archkbPanels; /* mastery panel, progress files, right/wrong marks, missed list: panels.js */
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  /* How the level of a question reads once it is answered (archkb.quiz.terminal.LEVEL_NAMES). */
  var LEVEL_NAMES = { recall: "recall", application: "applying the facts", analysis: "analysis", misconception: "a common misconception" };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }

  /* ---- choosing and grading ---------------------------------------------------------- */

  function random(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(items, rand) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var tmp = copy[i];
      copy[i] = copy[j];
      copy[j] = tmp;
    }
    return copy;
  }

  /* 32-bit FNV-1a of a string's UTF-8 bytes; archkb.quiz.question.fnv1a computes the same. */
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h;
  }

  /* The order a round with this seed shows the choices in (archkb.quiz.question.choice_order: the
     same seed gives the same order here and in the terminal). True/false keeps True, False; an
     ordering question never shows its right order. */
  function choiceOrder(q, seed) {
    var n = q.choices.length;
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    if (q.kind === "truefalse") return order;
    var rand = random(fnv1a(String(seed) + ":" + q.id));
    for (var k = n - 1; k > 0; k--) {
      var j = Math.floor(rand() * (k + 1));
      var tmp = order[k];
      order[k] = order[j];
      order[j] = tmp;
    }
    if (q.kind === "ordering" && q.answer.every(function (c, place) { return order.indexOf(c) === place; })) {
      order = order.slice(1).concat(order.slice(0, 1));
    }
    return order;
  }

  /* A copy of q with its choices in that order, the answer and feedback following them. */
  function shuffled(q, seed) {
    var order = choiceOrder(q, seed);
    var copy = {};
    Object.keys(q).forEach(function (key) { copy[key] = q[key]; });
    copy.order = order;
    copy.choices = order.map(function (i) { return q.choices[i]; });
    copy.feedback = order.map(function (i) { return q.feedback[i] || ""; });
    copy.answer = q.answer.map(function (i) { return order.indexOf(i); });
    if (q.kind === "multiple") copy.answer.sort(function (a, b) { return a - b; });
    return copy;
  }

  function choose(bank, options, progress, sched, at) {
    var pool = bank.questions.filter(function (q) {
      return !options.topic || q.topic === options.topic || q.architectures.indexOf(options.topic) >= 0;
    });
    var rand = random(options.seed);
    var count = Math.min(options.count || pool.length, pool.length);
    if (options.mode !== "review") {
      return shuffle(pool, rand).slice(0, count).map(function (q) {
        return { question: shuffled(q, options.seed), reason: "" };
      });
    }
    var keyed = shuffle(pool, rand).map(function (q, i) {
      var d = L.dueKey(q, progress, at, sched);
      return { q: q, key: [d[0], d[1], i], reason: d[2] };
    });
    keyed.sort(function (x, y) {
      for (var k = 0; k < 3; k++) if (x.key[k] !== y.key[k]) return x.key[k] - y.key[k];
      return 0;
    });
    return keyed.slice(0, count).map(function (item) {
      return { question: shuffled(item.q, options.seed), reason: item.reason };
    });
  }

  function isCorrect(q, given) {
    if (!given) return false;
    var g = given.slice();
    if (q.kind === "multiple") {
      g = g.filter(function (v, i) { return g.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    }
    return g.length === q.answer.length && g.every(function (v, i) { return v === q.answer[i]; });
  }

  function spelled(q, answer) {
    if (!answer) return "(no answer)";
    if (q.kind === "matching") {
      return answer.map(function (c, k) {
        return (k + 1) + ". " + q.prompts[k] + " \u2192 " + q.choices[c];
      }).join("; ");
    }
    return answer.map(function (c) {
      return LETTERS[c] + ") " + q.choices[c];
    }).join(q.kind === "ordering" ? " \u2192 " : "; ");
  }

  /* ---- the quiz ---------------------------------------------------------------------- */

  function Quiz(root, bank) {
    this.root = root;
    this.bank = bank;
    this.sched = L.scheduler(bank.scheduler);
    this.labels = {};
    var self = this;
    bank.topics.concat(bank.architectures).forEach(function (t) {
      self.labels[t.id] = t.label;
    });
  }

  Quiz.prototype.screen = function (title) {
    this.root.textContent = "";
    var heading = el("h2", { tabindex: "-1", "class": "archkb-quiz__title" }, title);
    this.root.appendChild(heading);
    return heading;
  };

  Quiz.prototype.focus = function (node) {
    if (node && node.focus) node.focus();
  };

  /* Verdicts and scores go into one status region that exists from the start (a region inserted with
     its text already inside is often not read). Focus moves first and the text follows a moment
     later, so the announcement is queued after the newly focused control instead of cut off by it. */
  Quiz.prototype.announce = function (text) {
    var live = this.live;
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 150);
  };

  Quiz.prototype.field = function (labelText, control) {
    var id = "archkb-quiz-" + control.getAttribute("name");
    control.id = id;
    return add(el("p", { "class": "archkb-quiz__field" }), el("label", { "for": id }, labelText), control);
  };

  Quiz.prototype.start = function (initial) {
    var self = this;
    var progress = L.load();
    var heading = this.screen("Start a quiz");
    var answered = this.bank.questions.filter(function (q) { var r = progress.questions[q.id]; return r && r.version === q.version && L.answers(r) > 0; }).length;
    var summary = el("p", { "class": "archkb-quiz__summary", "data-answered": String(answered) },
      this.bank.questions.length + " questions in the bank. " +
      (answered ? "You have answered " + answered + " of them in this browser." : "You have not answered any yet in this browser."));
    var form = el("form", { "class": "archkb-quiz__start" });
    var topic = el("select", { name: "topic" });
    add(topic, el("option", { value: "" }, "All topics"));
    this.bank.topics.concat(this.bank.architectures).forEach(function (t) {
      add(topic, el("option", { value: t.id }, t.label));
    });
    var count = el("select", { name: "count" });
    [5, 10, 20].forEach(function (n) { add(count, el("option", { value: String(n) }, String(n))); });
    add(count, el("option", { value: "0" }, "All"));
    count.value = "10";
    var modes = el("fieldset", { "class": "archkb-quiz__modes" });
    add(modes, el("legend", {}, "Mode"));
    [["practice", "Practice: feedback after each answer"], ["exam", "Exam: one answer sheet at the end"],
      ["review", "Review: what is due first (spaced repetition by dates), then new questions"]].forEach(function (m, i) {
      var input = el("input", { type: "radio", name: "mode", value: m[0] });
      if (i === 0) input.checked = true;
      add(modes, add(el("label", { "class": "archkb-quiz__option" }), input, el("span", {}, " " + m[1])));
    });
    var exam = el("fieldset", { "class": "archkb-quiz__exam" });
    add(exam, el("legend", {}, "Exam settings (exam mode)"));
    var limit = el("select", { name: "time-limit" });
    [["0", "None"], ["10", "10 minutes"], ["20", "20 minutes"], ["30", "30 minutes"], ["60", "60 minutes"]].forEach(function (o) {
      add(limit, el("option", { value: o[0] }, o[1]));
    });
    var passMark = el("input", { type: "number", name: "pass-mark", min: "0", max: "100", step: "1", value: "70", inputmode: "numeric" });
    var paper = el("input", { type: "number", name: "seed", min: "1", step: "1", inputmode: "numeric", placeholder: "a new one" });
    add(exam, this.field("Time limit", limit), this.field("Pass mark (%)", passMark), this.field("Paper (seed): the same seed gives the same questions", paper));
    var status = el("p", { "class": "archkb-quiz__status", role: "status" });
    var reset = el("button", { type: "button", "class": "md-button archkb-quiz__reset" }, "Reset progress");
    reset.addEventListener("click", function () {
      try { window.localStorage.removeItem(L.STORE); } catch (err) { /* nothing stored */ }
      status.textContent = "Progress reset.";
      self.refresh();
    });
    add(form, this.field("Topic", topic), this.field("Questions", count), modes, exam,
      add(el("p", {}), el("button", { type: "submit", "class": "md-button md-button--primary archkb-quiz__go" }, "Start"), document.createTextNode(" "), reset));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var mode = form.querySelector("input[name=mode]:checked").value;
      var seed = /^[1-9][0-9]{0,9}$/.test(paper.value) ? Number(paper.value) : 1 + Math.floor(Math.random() * 999999);
      var mark = /^[0-9]{1,3}$/.test(passMark.value) && Number(passMark.value) <= 100 ? Number(passMark.value) : null;
      self.begin({ topic: topic.value, count: Number(count.value), mode: mode, seed: seed,
        timeLimit: mode === "exam" && Number(limit.value) ? Number(limit.value) : null, passMark: mode === "exam" ? mark : null });
    });
    add(this.root, summary, form, status, P.progressButtons(status, function () { self.refresh(); }), P.masteryPanel(this.bank, progress, this.sched, new Date()));
    if (!initial) this.focus(heading); /* on page load, focus stays where the reader's browser put it */
  };

  /* The start screen again after progress was loaded, keeping the status line's message. */
  Quiz.prototype.refresh = function () {
    var status = this.root.querySelector(".archkb-quiz__status").textContent;
    this.start();
    this.root.querySelector(".archkb-quiz__status").textContent = status;
  };

  Quiz.prototype.begin = function (options, picks) {
    this.progress = L.load();
    this.options = options;
    this.picks = picks || choose(this.bank, options, this.progress, this.sched, new Date());
    this.given = [];
    this.started = new Date();
    this.deadline = options.timeLimit ? this.started.getTime() + options.timeLimit * 60000 : null;
    this.ended = "finished";
    this.ask(0);
  };

  Quiz.prototype.ask = function (k) {
    var self = this;
    var pick = this.picks[k];
    var q = pick.question;
    var heading = this.screen("Question " + (k + 1) + " of " + this.picks.length);
    var section = el("section", { "class": "archkb-quiz__question", "data-question-id": q.id, "data-kind": q.kind, "data-order": (q.order || []).join(",") });
    if (pick.reason) add(section, el("p", { "class": "archkb-quiz__reason" }, "Back for review: " + pick.reason));
    if (this.deadline) add(section, el("p", { "class": "archkb-quiz__timer" }, "Time left: about " + Math.max(0, Math.ceil((this.deadline - Date.now()) / 60000)) + " min"));
    var textId = "archkb-quiz-text-" + k;
    add(section, el("p", { "class": "archkb-quiz__text", id: textId }, q.text));
    var form = el("form", { "class": "archkb-quiz__answer", "aria-labelledby": textId });
    var read = this.controls(form, q);
    var message = el("p", { "class": "archkb-quiz__message", role: "alert" });
    var submit = el("button", { type: "submit", "class": "md-button md-button--primary archkb-quiz__submit" }, this.options.mode !== "exam" ? "Check answer" : "Next");
    add(form, message, add(el("p", {}), submit));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.getAttribute("data-done")) return;
      var given = read();
      if (typeof given === "string") {
        message.textContent = given;
        return;
      }
      message.textContent = "";
      form.setAttribute("data-done", "1");
      if (self.deadline && Date.now() > self.deadline) {
        self.ended = "time"; /* an answer after the time limit is not counted */
        self.finish();
        return;
      }
      self.given[k] = given;
      if (self.options.mode !== "exam") {
        Array.prototype.forEach.call(form.elements, function (c) { c.disabled = true; });
        submit.parentNode.remove(); /* the check button goes once used */
        self.grade(q, isCorrect(q, given));
        P.markChoices(form, q, given);
        self.feedback(section, q, given, k);
      } else {
        self.next(k);
      }
    });
    add(this.root, add(section, form));
    this.focus(heading);
  };

  Quiz.prototype.controls = function (form, q) {
    var box = el("div", { "class": "archkb-quiz__choices" });
    add(form, box);
    if (q.kind === "ordering" || q.kind === "matching") return this.selects(box, q);
    var type = q.kind === "multiple" ? "checkbox" : "radio";
    if (q.kind === "multiple") add(box, el("p", { "class": "archkb-quiz__hint" }, "Choose all that apply."));
    q.choices.forEach(function (choice, i) {
      var input = el("input", { type: type, name: "answer", value: String(i) });
      add(box, add(el("label", { "class": "archkb-quiz__option" }), input, el("span", {}, " " + LETTERS[i] + ") " + choice)));
    });
    return function () {
      var picked = Array.prototype.filter.call(form.querySelectorAll("input[name=answer]"), function (c) { return c.checked; })
        .map(function (c) { return Number(c.value); });
      if (!picked.length) return q.kind === "multiple" ? "Choose at least one answer." : "Choose an answer.";
      return picked;
    };
  };

  Quiz.prototype.selects = function (box, q) {
    var prefix = (this.slotPrefix || "archkb-quiz-") + "slot-";
    var ordering = q.kind === "ordering";
    var rows = ordering ? q.choices : q.prompts;
    add(box, el("p", { "class": "archkb-quiz__hint" }, ordering ? "Give each item its place, first to last." : "Pick the match for each item."));
    var selects = rows.map(function (text, r) {
      var select = el("select", { name: "slot-" + r, id: prefix + r });
      add(select, el("option", { value: "" }, "\u2014"));
      (ordering ? rows : q.choices).forEach(function (choice, i) {
        /* places are 1-based in both value and label, so the two never disagree */
        add(select, ordering ? el("option", { value: String(i + 1) }, String(i + 1)) : el("option", { value: String(i) }, LETTERS[i] + ") " + choice));
      });
      add(box, add(el("p", { "class": "archkb-quiz__row" }), el("label", { "for": prefix + r }, (ordering ? LETTERS[r] + ") " : (r + 1) + ". ") + text + " "), select));
      return select;
    });
    return function () {
      var values = selects.map(function (s) { return s.value === "" ? null : Number(s.value) - (ordering ? 1 : 0); });
      if (values.indexOf(null) >= 0) return ordering ? "Give every item a place." : "Pick a match for every item.";
      if (!ordering) return values;
      var order = [];
      for (var place = 0; place < values.length; place++) {
        var at = values.indexOf(place);
        if (at < 0 || values.lastIndexOf(place) !== at) return "Use each place exactly once.";
        order.push(at);
      }
      return order;
    };
  };

  Quiz.prototype.explain = function (parent, q) {
    add(parent, el("p", { "class": "archkb-quiz__why" }, "Why: " + q.explanation));
    var link = el("a", { href: this.link(q), "class": "archkb-quiz__more" }, "Read more on the page that teaches this");
    add(parent, add(el("p", {}), link));
    if (q.sources.length) {
      var list = el("ul", { "class": "archkb-quiz__sources" });
      q.sources.forEach(function (s) {
        var item = el("li", {}, s.title);
        if (s.url && /^https?:\/\//i.test(s.url)) {
          item.textContent = "";
          add(item, el("a", { href: s.url, rel: "noopener" }, s.title));
        }
        add(list, item);
      });
      add(parent, el("p", { "class": "archkb-quiz__sources-title" }, "Sources:"), list);
    }
  };

  /* A site built without use_directory_urls serves this page as quiz.html; with them, as quiz/ (or quiz/index.html). */
  Quiz.prototype.link = function (q) {
    var path = window.location.pathname;
    var fileStyle = /\.html$/.test(path) && !/(^|\/)index\.html$/.test(path);
    var links = (fileStyle ? this.bank.file_links : this.bank.links) || {};
    return links[q.id] || "#";
  };

  Quiz.prototype.feedback = function (section, q, given, k) {
    var self = this;
    var ok = isCorrect(q, given);
    var box = el("div", { "class": "archkb-quiz__feedback archkb-quiz__feedback--" + (ok ? "right" : "wrong"), tabindex: "-1", "data-correct": ok ? "true" : "false" });
    var said = ok ? "Correct." : "Not quite. The answer is: " + spelled(q, q.answer);
    var verdict = add(el("p", { "class": "archkb-quiz__verdict" }), el("span", { "aria-hidden": "true", "class": "archkb-quiz__icon" }, ok ? "\u2713 " : "\u2717 "),
      document.createTextNode(said));
    add(box, verdict);
    this.whyWrong(box, q, given);
    this.explain(box, q);
    /* What the question is about, only now that it is answered: before, a tag can give the key away. */
    add(box, el("p", { "class": "archkb-quiz__tags" }, "About: " + this.tags(q)));
    if (k < 0) { /* a Check yourself question: no next one */
      add(section, box);
      this.focus(box);
      return;
    }
    var next = el("button", { type: "button", "class": "md-button md-button--primary archkb-quiz__next" }, k + 1 < this.picks.length ? "Next question" : "See your score");
    next.addEventListener("click", function () { self.next(k); });
    add(section, add(box, add(el("p", {}), next)));
    this.focus(next);
    this.announce(said + " Why: " + q.explanation);
  };

  Quiz.prototype.tags = function (q) {
    var self = this;
    var archs = q.architectures.length <= 2 ? q.architectures.map(function (a) { return self.labels[a] || a; }) : [];
    return [this.labels[q.topic] || q.topic].concat(archs, [LEVEL_NAMES[q.level] || q.level]).join(" \u00b7 ");
  };

  /* Why each wrong choice the learner picked is wrong, and where it would be right. */
  Quiz.prototype.whyWrong = function (parent, q, given) {
    if (q.kind === "ordering" || q.kind === "matching" || !given) return;
    var list = el("ul", { "class": "archkb-quiz__choice-feedback" });
    given.slice().sort(function (a, b) { return a - b; }).forEach(function (i) {
      if (q.feedback[i] && q.feedback[i] !== q.explanation) add(list, el("li", {}, LETTERS[i] + ") " + q.feedback[i])); /* "Why:" says it */
    });
    if (list.childNodes.length) add(parent, list);
  };

  /* The questions of a Check yourself block, each answered on its own with feedback (and counted in the progress). */
  Quiz.prototype.checkBlock = function () {
    var self = this;
    var base = this.slotPrefix;
    this.progress = L.load();
    this.options = { mode: "practice" };
    var list = el("ol", { "class": "archkb-check__questions" });
    this.bank.questions.forEach(function (q, k) {
      var item = el("li", { "class": "archkb-quiz__question", "data-question-id": q.id, "data-kind": q.kind });
      var textId = base + k + "-text";
      add(item, el("p", { "class": "archkb-quiz__text", id: textId }, q.text));
      var form = el("form", { "class": "archkb-quiz__answer", "aria-labelledby": textId });
      self.slotPrefix = base + k + "-"; /* ids unique on the page: archkb-check-BLOCK-QUESTION-slot-ROW */
      var read = self.controls(form, q);
      var message = el("p", { "class": "archkb-quiz__message", role: "alert" });
      var submit = el("button", { type: "submit", "class": "md-button md-button--primary archkb-quiz__submit" }, "Check answer");
      add(form, message, add(el("p", {}), submit));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (form.getAttribute("data-done")) return;
        var given = read();
        if (typeof given === "string") { message.textContent = given; return; }
        message.textContent = "";
        form.setAttribute("data-done", "1");
        Array.prototype.forEach.call(form.elements, function (c) { c.disabled = true; });
        submit.parentNode.remove();
        self.progress = L.load(); /* another tab or block may have answered since */
        self.grade(q, isCorrect(q, given));
        P.markChoices(form, q, given);
        self.feedback(item, q, given, -1);
      });
      add(list, add(item, form));
    });
    add(this.root, list);
  };

  /* One answer into the progress: FSRS Good when right, Again when wrong, saved at once. */
  Quiz.prototype.grade = function (q, ok) {
    L.answer(this.progress, this.sched, q, ok, new Date());
    L.save(this.progress);
  };

  Quiz.prototype.next = function (k) {
    if (k + 1 < this.picks.length) this.ask(k + 1);
    else this.finish();
  };

  Quiz.prototype.finish = function () {
    var self = this;
    if (this.options.mode === "exam") {
      this.picks.forEach(function (pick, k) { if (self.given[k]) self.grade(pick.question, isCorrect(pick.question, self.given[k])); });
    }
    var heading = this.screen("Your score");
    var right = 0;
    var topics = {};
    this.picks.forEach(function (pick, k) {
      var q = pick.question;
      var ok = isCorrect(q, self.given[k]);
      right += ok ? 1 : 0;
      var row = topics[q.topic] = topics[q.topic] || { answered: 0, correct: 0 };
      row.answered += 1;
      row.correct += ok ? 1 : 0;
    });
    var total = this.picks.length;
    var ending = this.ended === "time" ? "Time is up: answers after the limit are not counted. " : "";
    var score = ending + right + " of " + total + " right (" + (total ? Math.round(100 * right / total) : 0) + "%).";
    add(this.root, el("p", { "class": "archkb-quiz__score", "data-correct": String(right), "data-answered": String(total) }, score));
    var passed = this.options.passMark === null || this.options.passMark === undefined ? null : total > 0 && 100 * right >= this.options.passMark * total;
    if (passed !== null) {
      add(this.root, el("p", { "class": "archkb-quiz__pass", "data-passed": String(passed) }, "Pass mark " + this.options.passMark + "%: " + (passed ? "passed." : "not passed.")));
      score += " Pass mark " + this.options.passMark + "%: " + (passed ? "passed." : "not passed.");
    }
    add(this.root, el("p", { "class": "archkb-quiz__seed" }, "Paper (seed) " + this.options.seed + ": start again with this seed for the same questions."));
    var table = el("table", { "class": "archkb-quiz__topics" });
    add(table, el("caption", {}, "By topic"));
    add(table, add(el("tr", {}), el("th", { scope: "col" }, "Topic"), el("th", { scope: "col" }, "Right")));
    Object.keys(topics).sort().forEach(function (t) {
      add(table, add(el("tr", { "data-topic": t }), el("td", {}, self.labels[t] || t), el("td", {}, topics[t].correct + " of " + topics[t].answered)));
    });
    add(this.root, table);
    var buttons = el("p", {});
    if (this.options.mode === "exam") {
      this.sheet();
      var results = el("button", { type: "button", "class": "md-button archkb-quiz__results" }, "Download results (JSON)");
      var data = this.results(right, passed);
      results.addEventListener("click", function () { P.download("archkb-results-" + data.seed + ".json", JSON.stringify(data, null, 2) + "\n"); });
      add(buttons, results, document.createTextNode(" "));
    } else {
      var missed = this.picks.filter(function (pick, k) { return !isCorrect(pick.question, self.given[k]); });
      add(this.root, P.missedList(missed, spelled));
      if (missed.length) {
        var retry = el("button", { type: "button", "class": "md-button md-button--primary archkb-quiz__retry" }, "Retry the " + missed.length + " you missed");
        retry.addEventListener("click", function () {
          self.begin({ topic: self.options.topic, count: missed.length, mode: "practice", seed: self.options.seed }, missed.map(function (p) { return { question: p.question, reason: "" }; }));
        });
        add(buttons, retry, document.createTextNode(" "));
      }
    }
    var again = el("button", { type: "button", "class": "md-button archkb-quiz__again" }, "New quiz");
    again.addEventListener("click", function () { self.start(); });
    add(this.root, add(buttons, again));
    this.focus(heading);
    this.announce("Your score: " + score);
  };

  /* The round's results in the form `archkb quiz --results FILE` writes, for a trainer to collect. */
  Quiz.prototype.results = function (right, passed) {
    var self = this;
    var byTopic = {};
    var questions = this.picks.map(function (pick, k) {
      var q = pick.question;
      var given = self.given[k] || null;
      var row = byTopic[q.topic] = byTopic[q.topic] || { label: self.labels[q.topic] || q.topic, answered: 0, correct: 0 };
      if (given) { row.answered += 1; row.correct += isCorrect(q, given) ? 1 : 0; }
      return { id: q.id, version: q.version, kind: q.kind, topic: q.topic, text: q.text, given: given, expected: q.answer,
        correct: given ? isCorrect(q, given) : null, reason: pick.reason || null };
    });
    var answered = this.given.filter(Boolean).length;
    return {
      archkb_quiz_result: 1, generator: "archkb quiz page (" + (this.bank.generator || "archkb") + ")", seed: this.options.seed, mode: this.options.mode,
      review: false, started: L.stamp(this.started), finished: L.stamp(new Date()), time_limit_minutes: this.options.timeLimit || null,
      pass_mark_percent: this.options.passMark === undefined ? null : this.options.passMark, passed: passed, ended: this.ended,
      complete: this.ended === "finished" && answered === this.picks.length, asked: this.picks.length, answered: answered, correct: right,
      by_topic: byTopic, progress_file: null, questions: questions
    };
  };

  Quiz.prototype.sheet = function () {
    var self = this;
    add(this.root, el("h3", {}, "Answer sheet"));
    var list = el("ol", { "class": "archkb-quiz__sheet" });
    this.picks.forEach(function (pick, k) {
      var q = pick.question;
      var ok = isCorrect(q, self.given[k]);
      var item = el("li", { "data-question-id": q.id, "data-correct": ok ? "true" : "false" });
      add(item, el("p", { "class": "archkb-quiz__text" }, q.text));
      add(item, el("p", {}, (ok ? "Right. " : "Wrong. ") + "Your answer: " + spelled(q, self.given[k])));
      if (!ok) add(item, el("p", {}, "The answer: " + spelled(q, q.answer)));
      if (!ok) self.whyWrong(item, q, self.given[k]);
      self.explain(item, q);
      add(list, item);
    });
    add(this.root, list);
  };

  /* ---- start-up ---------------------------------------------------------------------- */

  function init() {
    initChecks();
    var root = document.getElementById("archkb-quiz");
    var data = document.getElementById("archkb-quiz-bank");
    if (!root || !data || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "true");
    var bank;
    try {
      bank = JSON.parse(data.textContent);
    } catch (err) {
      root.textContent = "The quiz could not be loaded: its question bank is damaged.";
      return;
    }
    var quiz = new Quiz(root, readBank(bank));
    quiz.live = el("p", { "class": "archkb-quiz__live", role: "status" });
    root.parentNode.insertBefore(quiz.live, root.nextSibling);
    quiz.start(true);
  }

  /* "Check yourself" on architecture pages: the questions come from check-yourself.js (generated). */
  function initChecks() {
    var data = window.archkbCheckYourself;
    Array.prototype.forEach.call(document.querySelectorAll(".archkb-check"), function (root, n) {
      var arch = data && data.architectures[root.getAttribute("data-architecture")];
      if (!arch || root.getAttribute("data-ready") || !arch.questions.length) return;
      root.setAttribute("data-ready", "true");
      var bank = readBank({ questions: arch.questions, topics: data.topics, architectures: [{ id: root.getAttribute("data-architecture"), label: arch.label }],
        links: arch.links, file_links: arch.file_links, scheduler: data.scheduler });
      var quiz = new Quiz(root, bank);
      quiz.slotPrefix = "archkb-check-" + n + "-";
      quiz.checkBlock();
    });
  }

  /* Bank format 2 stores each choice as {text, feedback}; the quiz works on the texts and keeps the
     feedback parallel to them (q.feedback[i] says why choice i is wrong, "" for a right one). */
  function readBank(bank) {
    bank.questions.forEach(function (q) {
      q.feedback = q.choices.map(function (c) { return c.feedback || ""; });
      q.choices = q.choices.map(function (c) { return c.text; });
    });
    return bank;
  }

  /* Material's document$ emits on every instant navigation, but not for a page opened from disk
     (file://), so start on DOMContentLoaded too; init() runs once per page either way. */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
