// Small behaviours of every course page: theme switch, phone menu, live
// search box (with arrow keys), "read" markers for chapters, copy buttons on
// code, a language switch that keeps the section being read, and (for
// authors) reload on change.
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

  // Language switch: the server lists each language's heading ids in order
  // (data-anchors; both languages have the same headings in the same order),
  // so the section being read, by its index, gives the other language's id.
  var switchLinks = Array.prototype.slice.call(document.querySelectorAll(".lang-switch a[data-anchors]"));
  var current = document.querySelector(".lang-switch a[aria-current][data-anchors]");
  var ownAnchors = current ? current.getAttribute("data-anchors").split(" ") : [];
  function keepSection(id) {
    var index = ownAnchors.indexOf(id);
    switchLinks.forEach(function (link) {
      var anchors = link.getAttribute("data-anchors").split(" ");
      var base = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", index > 0 && anchors[index] ? base + "#" + anchors[index] : base);
    });
  }
  function keepHashSection() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = location.hash.slice(1); }
    if (id) { keepSection(id); }
  }
  if (switchLinks.length && ownAnchors.length) {
    keepHashSection();
    window.addEventListener("hashchange", keepHashSection);
  }

  // The lessons are written for the default address; served from another
  // one (another port, a cluster instance), they name this server instead.
  var DEFAULT_HOST = "127.0.0.1:3000";
  var article = document.querySelector("article.lesson");
  if (article && location.host && location.host !== DEFAULT_HOST && document.createTreeWalker) {
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.nodeValue.indexOf(DEFAULT_HOST) !== -1) {
        node.nodeValue = node.nodeValue.split(DEFAULT_HOST).join(location.host);
      }
    }
  }

  // Copy buttons on code blocks. The block moves into a wrapper so the
  // button stays in its corner while the code scrolls sideways.
  var copyLabel = document.body.getAttribute("data-copy-label") || "Copy";
  var copiedLabel = document.body.getAttribute("data-copied-label") || "Copied";
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http on another host: the older way, through a selection.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  document.querySelectorAll("pre.code").forEach(function (pre) {
    if (pre.parentNode.classList && pre.parentNode.classList.contains("code-block")) { return; }
    var wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.parentNode.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = copyLabel;
    var reset = null;
    button.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      copyText(code.textContent.replace(/\n$/, "")).then(function () {
        button.textContent = copiedLabel;
        button.classList.add("copied");
        clearTimeout(reset);
        reset = setTimeout(function () { button.textContent = copyLabel; button.classList.remove("copied"); }, 2000);
      }).catch(function () { /* nothing copied: the label stays "Copy" */ });
    });
    wrapper.appendChild(button);
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
          keepSection(entry.target.id);
        }
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    document.querySelectorAll(".lesson h2[id], .lesson h3[id]").forEach(function (heading) { spy.observe(heading); });
  }

  // Live search box: results as you type, from /api/search, the query's
  // words marked (built with text nodes, never HTML). Arrow keys move
  // through the results, Enter follows the chosen one, Escape closes.
  var input = document.querySelector(".search-input");
  var results = document.querySelector(".search-results");
  var timer = null;
  var latest = 0;
  var active = -1;
  function marked(parts, fallback) {
    var fragment = document.createDocumentFragment();
    (parts || [{ text: fallback, marked: false }]).forEach(function (part) {
      if (part.marked) {
        var mark = document.createElement("mark");
        mark.textContent = part.text;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(part.text));
      }
    });
    return fragment;
  }
  function options() { return Array.prototype.slice.call(results.querySelectorAll("a")); }
  function setOpen(open) {
    results.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { choose(-1); }
  }
  function choose(index) {
    var links = options();
    active = index;
    links.forEach(function (link, at) { link.setAttribute("aria-selected", at === index ? "true" : "false"); });
    if (index >= 0 && links[index]) {
      input.setAttribute("aria-activedescendant", links[index].id);
      links[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function showResults(hits, query) {
    results.textContent = "";
    active = -1;
    if (!query) { setOpen(false); return; }
    if (!hits.length) {
      var empty = document.createElement("p");
      empty.className = "search-empty";
      empty.textContent = results.dataset.empty;
      results.appendChild(empty);
    }
    hits.slice(0, 8).forEach(function (hit, index) {
      var link = document.createElement("a");
      link.href = "/" + lang + "/" + hit.chapter_slug + "#" + hit.anchor;
      link.id = "search-hit-" + index;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      var heading = document.createElement("strong");
      heading.appendChild(marked(hit.heading_parts, hit.heading));
      var chapter = document.createElement("span");
      chapter.className = "hit-chapter";
      chapter.textContent = hit.chapter_title;
      var snippet = document.createElement("span");
      snippet.className = "hit-snippet";
      snippet.appendChild(marked(hit.snippet_parts, hit.snippet));
      link.append(heading, chapter, snippet);
      results.appendChild(link);
    });
    setOpen(true);
  }
  if (input && results && window.fetch) {
    // A phone's search box is narrow: a shorter placeholder fits it.
    var longPlaceholder = input.getAttribute("placeholder");
    var shortPlaceholder = input.getAttribute("data-short-placeholder");
    if (shortPlaceholder && window.matchMedia) {
      var narrow = window.matchMedia("(max-width: 480px)");
      var fitPlaceholder = function () { input.setAttribute("placeholder", narrow.matches ? shortPlaceholder : longPlaceholder); };
      fitPlaceholder();
      if (narrow.addEventListener) { narrow.addEventListener("change", fitPlaceholder); }
    }
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
      var links = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!links.length) { return; }
        event.preventDefault();
        if (results.hidden) { setOpen(true); }
        var step = event.key === "ArrowDown" ? 1 : -1;
        // From the box, Down goes to the first result and Up to the last;
        // past either end the choice returns to the box.
        var next = active + step;
        if (active === -1 && step === -1) { next = links.length - 1; }
        choose(next >= links.length || next < -1 ? -1 : next);
      } else if (event.key === "Enter" && active >= 0 && links[active] && !results.hidden) {
        event.preventDefault();
        location.assign(links[active].href);
        setOpen(false);
      } else if (event.key === "Escape") {
        if (!results.hidden) {
          event.preventDefault();
          setOpen(false);
        } else {
          input.blur();
        }
      }
    });
    results.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { setOpen(false); input.focus(); }
    });
    input.addEventListener("focus", function () {
      if (input.value.trim() && results.childNodes.length) { setOpen(true); }
    });
    document.addEventListener("click", function (event) {
      if (!results.contains(event.target) && event.target !== input) { setOpen(false); }
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
