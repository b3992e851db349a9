// Small behaviours of every course page: theme switch, phone menu, live
// search box, "read" markers for chapters, and (for authors) reload on change.
// Plain JavaScript on purpose: pages must work even when the playground
// bundle (TypeScript, built with npm) is absent.
(function () {
  "use strict";
  var root = document.documentElement;
  var lang = root.getAttribute("lang") || "en";

  function store(key, value) {
    try { if (value === undefined) { return localStorage.getItem(key); } localStorage.setItem(key, value); } catch (e) { return null; }
    return null;
  }

  // Theme switch.
  var themeButton = document.querySelector(".theme-toggle");
  if (themeButton) {
    themeButton.addEventListener("click", function () {
      var next = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      store("realtime-lab-theme", next);
    });
  }

  // Phone menu.
  var menuButton = document.querySelector(".menu-toggle");
  if (menuButton) {
    menuButton.addEventListener("click", function () {
      var open = document.body.classList.toggle("menu-open");
      menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Chapters read: a chapter counts as read once its end has been seen.
  var readKey = "realtime-lab-read";
  var read = {};
  try { read = JSON.parse(store(readKey) || "{}") || {}; } catch (e) { read = {}; }
  function markRead() {
    document.querySelectorAll("[data-chapter]").forEach(function (element) {
      if (read[element.getAttribute("data-chapter")]) { element.classList.add("is-read"); }
    });
  }
  var lesson = document.querySelector("article.lesson[data-chapter]");
  var pager = document.querySelector(".pager");
  if (lesson && pager && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries, observer) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        read[lesson.getAttribute("data-chapter")] = true;
        store(readKey, JSON.stringify(read));
        markRead();
        observer.disconnect();
      }
    }).observe(pager);
  }
  markRead();

  // Quiz scores on the home page, from what the quizzes stored (see
  // playground/src/quiz.ts): "quiz 4/7" on each chapter card answered.
  var quizzes = {};
  try { quizzes = JSON.parse(store("realtime-lab-quiz") || "{}") || {}; } catch (e) { quizzes = {}; }
  document.querySelectorAll(".chapter-card[data-chapter] .quiz-score-badge").forEach(function (badge) {
    var record = quizzes[badge.closest("[data-chapter]").getAttribute("data-chapter")];
    var answers = record && record.answers ? Object.keys(record.answers) : [];
    if (!answers.length) { return; }
    var right = answers.filter(function (id) { return record.answers[id] && record.answers[id].right; }).length;
    badge.textContent = badge.getAttribute("data-label") + " " + right + "/" + record.total;
    badge.hidden = false;
  });

  // Table of contents: highlight the section being read.
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".toc a"));
  if (tocLinks.length && "IntersectionObserver" in window) {
    var byId = {};
    tocLinks.forEach(function (link) { byId[decodeURIComponent(link.hash.slice(1))] = link; });
    var spy = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && byId[entry.target.id]) {
          tocLinks.forEach(function (link) { link.classList.remove("active"); });
          byId[entry.target.id].classList.add("active");
        }
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    document.querySelectorAll(".lesson h2[id], .lesson h3[id]").forEach(function (heading) { spy.observe(heading); });
  }

  // Live search box: results as you type, from /api/search.
  var input = document.querySelector(".search-input");
  var results = document.querySelector(".search-results");
  var timer = null;
  var latest = 0;
  function showResults(hits, query) {
    results.textContent = "";
    if (!query) { results.hidden = true; return; }
    if (!hits.length) {
      var empty = document.createElement("p");
      empty.className = "search-empty";
      empty.textContent = results.dataset.empty;
      results.appendChild(empty);
    }
    hits.slice(0, 8).forEach(function (hit) {
      var link = document.createElement("a");
      link.href = "/" + lang + "/" + hit.chapter_slug + "#" + hit.anchor;
      var heading = document.createElement("strong");
      heading.textContent = hit.heading;
      var chapter = document.createElement("span");
      chapter.className = "hit-chapter";
      chapter.textContent = hit.chapter_title;
      var snippet = document.createElement("span");
      snippet.className = "hit-snippet";
      snippet.textContent = hit.snippet;
      link.append(heading, chapter, snippet);
      results.appendChild(link);
    });
    results.hidden = false;
  }
  if (input && results && window.fetch) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      timer = setTimeout(function () {
        var ticket = ++latest;
        if (!query) { showResults([], ""); return; }
        fetch("/api/search?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(query))
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (body) { if (ticket === latest) { showResults(body.results || [], query); } })
          .catch(function () { /* the form still submits to the search page */ });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { results.hidden = true; input.blur(); }
    });
    document.addEventListener("click", function (event) {
      if (!results.contains(event.target) && event.target !== input) { results.hidden = true; }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "/" && document.activeElement !== input && !/input|textarea|select/i.test(document.activeElement.tagName)) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  // Authoring mode: the server says when lessons changed.
  if (document.querySelector('meta[name="realtime-lab-authoring"]') && window.EventSource) {
    new EventSource("/__reload").addEventListener("message", function () { location.reload(); });
  }
})();
