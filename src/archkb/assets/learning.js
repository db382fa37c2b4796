/* archkb learning: FSRS scheduling (ts-fsrs, vendored), progress format 2, merging, mastery and due.
 *
 * The same progress JSON as `archkb quiz` writes (archkb_progress: 2): per question id its FSRS card,
 * its review log and the question version. The scheduler's constants come from the bank JSON
 * (bank.scheduler, written by archkb.quiz.schedule); every review is dated 00:00 UTC of its day and
 * the interval is FSRS's for the new stability in whole days, as the Python `fsrs` package does, so
 * the same history gives the same due dates in the terminal and here. Needs ts-fsrs' UMD build
 * (global FSRS) loaded first. Exposed as window.archkbLearning for quiz.js and the tests.
 */
(function () {
  "use strict";

  var FORMAT = 2;
  var STORE = "archkb-progress";
  var DAY = 86400000;

  function scheduler(config) {
    var F = window.FSRS;
    var params = F.generatorParameters({
      w: config.parameters,
      request_retention: config.desired_retention,
      maximum_interval: config.maximum_interval,
      enable_fuzz: !!config.fuzz,
      enable_short_term: true, /* same-day reviews use FSRS's short-term stability, as the fsrs package does */
      learning_steps: config.learning_steps,
      relearning_steps: config.relearning_steps
    });
    return { f: F.fsrs(params), F: F, config: config };
  }

  function stamp(date) {
    return new Date(date.getTime()).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function parseStamp(text) {
    if (typeof text !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text)) return null;
    var d = new Date(text);
    return isNaN(d.getTime()) ? null : d;
  }

  function reviewDay(date) {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  }

  function dayText(date) {
    return stamp(date).slice(0, 10);
  }

  function tsCard(s, card) {
    if (!card) return s.F.createEmptyCard(new Date(0));
    return {
      due: parseStamp(card.due), stability: card.stability, difficulty: card.difficulty, elapsed_days: 0,
      scheduled_days: 0, learning_steps: 0, reps: 1, lapses: 0, state: card.state,
      last_review: card.last_review ? parseStamp(card.last_review) : undefined
    };
  }

  /* The card after an answer at `at`: rated Good (right) or Again (wrong), dated 00:00 UTC of its day. */
  function review(s, card, correct, at) {
    var day = reviewDay(at);
    var rating = correct ? s.config.ratings.right : s.config.ratings.wrong;
    var next = s.f.next(tsCard(s, card), day, rating).card;
    /* ts-fsrs also keeps Good at least a day past Hard; the fsrs package does not: use FSRS's interval */
    var days = s.f.next_interval(next.stability, 0);
    return {
      state: next.state, stability: next.stability, difficulty: next.difficulty,
      due: stamp(new Date(day.getTime() + days * DAY)), last_review: stamp(day)
    };
  }

  function retrievability(s, card, at) {
    return s.f.get_retrievability(tsCard(s, card), at, false);
  }

  /* ---- the progress data ---------------------------------------------------------------- */

  function empty() {
    return { archkb_progress: FORMAT, questions: {} };
  }

  function validCard(c) {
    return c && typeof c === "object" && [1, 2, 3].indexOf(c.state) >= 0 && typeof c.stability === "number" && c.stability > 0 &&
      typeof c.difficulty === "number" && c.difficulty > 0 && parseStamp(c.due) && (c.last_review == null || parseStamp(c.last_review));
  }

  /* Progress from parsed JSON, or an Error saying what is wrong with it (format 1 files: use the terminal). */
  function parse(data) {
    if (!data || typeof data !== "object" || !("archkb_progress" in data)) throw new Error("it is not an archkb progress file");
    if (data.archkb_progress === 1) throw new Error("it has format 1 (Leitner boxes): run any archkb quiz command on it once to migrate it");
    if (data.archkb_progress !== FORMAT) throw new Error("it has format " + JSON.stringify(data.archkb_progress) + "; this page reads format " + FORMAT);
    var questions = data.questions;
    if (!questions || typeof questions !== "object" || Array.isArray(questions)) throw new Error("`questions` is not an object");
    Object.keys(questions).forEach(function (id) {
      var r = questions[id];
      if (!r || typeof r.version !== "string") throw new Error("question " + id + " has no version");
      if (r.card != null && !validCard(r.card)) throw new Error("question " + id + " has an invalid card");
      if (!Array.isArray(r.log || [])) throw new Error("question " + id + " has an invalid review log");
      (r.log || []).forEach(function (e) {
        if (!e || !parseStamp(e.at) || [1, 3].indexOf(e.rating) < 0) throw new Error("question " + id + " has an invalid review log");
      });
      r.log = r.log || [];
      r.card = r.card || null;
    });
    return data;
  }

  function load() {
    try {
      var text = window.localStorage.getItem(STORE);
      return text ? parse(JSON.parse(text)) : empty();
    } catch (err) {
      return empty(); /* unreadable or damaged: start empty (the stored text stays until the next answer) */
    }
  }

  function save(progress) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(progress));
      return true;
    } catch (err) {
      return false;
    }
  }

  /* The progress file's text, as `archkb quiz` writes it (keys sorted, one-space indent). */
  function dumps(progress) {
    function sorted(value) {
      if (Array.isArray(value)) return value.map(sorted);
      if (value && typeof value === "object") {
        var out = {};
        Object.keys(value).sort().forEach(function (k) { out[k] = sorted(value[k]); });
        return out;
      }
      return value;
    }
    return JSON.stringify(sorted(progress), null, 1) + "\n";
  }

  function record(progress, q) {
    var rec = progress.questions[q.id];
    if (!rec || rec.version !== q.version) rec = progress.questions[q.id] = { version: q.version, card: null, log: [] };
    return rec;
  }

  function current(progress, q) {
    var rec = progress.questions[q.id];
    return rec && rec.version === q.version && answers(rec) ? rec : null;
  }

  function answer(progress, s, q, correct, at) {
    var rec = record(progress, q);
    rec.card = review(s, rec.card, correct, at);
    rec.log.push({ at: stamp(at), rating: correct ? s.config.ratings.right : s.config.ratings.wrong });
    return rec;
  }

  function answers(rec) {
    return rec.log.length + ((rec.carried && rec.carried.seen) || 0);
  }

  function right(rec, s) {
    return rec.log.filter(function (e) { return e.rating === s.config.ratings.right; }).length + ((rec.carried && rec.carried.right) || 0);
  }

  function lastRight(rec, s) {
    if (rec.log.length) return rec.log[rec.log.length - 1].rating === s.config.ratings.right;
    return rec.carried && rec.carried.seen ? !!rec.carried.last_right : null;
  }

  function lastAt(rec) {
    var times = [];
    if (rec.log.length) times.push(parseStamp(rec.log[rec.log.length - 1].at).getTime());
    if (rec.card && rec.card.last_review) times.push(parseStamp(rec.card.last_review).getTime());
    return times.length ? Math.max.apply(null, times) : null;
  }

  /* Both in one: per question the record with the newer review (ours on a tie); how many came from theirs. */
  function merge(ours, theirs) {
    var merged = empty();
    var taken = 0;
    Object.keys(ours.questions).forEach(function (id) { merged.questions[id] = ours.questions[id]; });
    Object.keys(theirs.questions).forEach(function (id) {
      var mine = merged.questions[id];
      var t = lastAt(theirs.questions[id]);
      if (!mine || (t !== null && (lastAt(mine) === null || t > lastAt(mine)))) {
        merged.questions[id] = theirs.questions[id];
        taken += 1;
      }
    });
    return { progress: merged, taken: taken };
  }

  /* ---- review order, mastery and due --------------------------------------------------- */

  /* [priority, due time, reason]: due now (longest overdue first), then never answered, then by due date. */
  function dueKey(q, progress, at, s) {
    var rec = progress.questions[q.id];
    if (!rec || rec.version !== q.version || !rec.card) {
      return [1, 0, rec && rec.version !== q.version ? "new version: the facts it tests changed since you last answered it" : "new: you have not answered it yet"];
    }
    var due = parseStamp(rec.card.due);
    var last = rec.log.length ? "on " + dayText(new Date(lastAt(rec))) : "before progress was dated";
    var how = lastRight(rec, s) === false ? "you missed it" : "you answered it right";
    if (due.getTime() <= at.getTime()) return [0, due.getTime(), "due since " + dayText(due) + ": " + how + " " + last];
    return [2, due.getTime(), "not due until " + dayText(due) + " (" + how + " " + last + "); the soonest of the rest"];
  }

  function groups(bank, key) {
    var members = {};
    bank.questions.forEach(function (q) {
      (key === "topic" ? [q.topic] : q.architectures).forEach(function (g) { (members[g] = members[g] || []).push(q); });
    });
    return members;
  }

  /* Rows by topic and by architecture: questions, answered, answers, right, recall (mean retrievability or null). */
  function mastery(bank, progress, at, s) {
    function rows(list, members) {
      return list.filter(function (g) { return members[g.id]; }).map(function (g) {
        var row = { key: g.id, label: g.label, questions: 0, answered: 0, answers: 0, right: 0, recall: null };
        var recalls = [];
        members[g.id].forEach(function (q) {
          row.questions += 1;
          var rec = current(progress, q);
          if (!rec) return;
          row.answered += 1;
          row.answers += answers(rec);
          row.right += right(rec, s);
          if (rec.card) recalls.push(retrievability(s, rec.card, new Date(at.getTime() + DAY))); /* tomorrow, as archkb.quiz.mastery */
        });
        if (recalls.length) row.recall = recalls.reduce(function (a, b) { return a + b; }, 0) / recalls.length;
        return row;
      });
    }
    return { topics: rows(bank.topics, groups(bank, "topic")), architectures: rows(bank.architectures, groups(bank, "arch")) };
  }

  /* Per topic: due now, never answered, and the next day something falls due. */
  function due(bank, progress, at) {
    var members = groups(bank, "topic");
    return bank.topics.filter(function (t) { return members[t.id]; }).map(function (t) {
      var row = { key: t.id, label: t.label, due_now: 0, "new": 0, next_day: null, next_count: 0 };
      members[t.id].forEach(function (q) {
        var rec = current(progress, q);
        if (!rec || !rec.card) { row["new"] += 1; return; }
        var when = parseStamp(rec.card.due);
        if (when.getTime() <= at.getTime()) { row.due_now += 1; return; }
        var day = dayText(when);
        if (row.next_day === null || day < row.next_day) { row.next_day = day; row.next_count = 0; }
        if (day === row.next_day) row.next_count += 1;
      });
      return row;
    });
  }

  window.archkbLearning = {
    FORMAT: FORMAT, STORE: STORE, scheduler: scheduler, stamp: stamp, parseStamp: parseStamp, reviewDay: reviewDay, dayText: dayText,
    review: review, retrievability: retrievability, empty: empty, parse: parse, load: load, save: save, dumps: dumps,
    record: record, answer: answer, answers: answers, right: right, lastAt: lastAt, merge: merge, dueKey: dueKey,
    mastery: mastery, due: due
  };
})();
