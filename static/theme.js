// Applies the saved or preferred colour theme before the page paints, so a
// dark-theme reader never sees a white flash.
(function () {
  var saved = null;
  try { saved = localStorage.getItem("realtime-lab-theme"); } catch (e) { /* storage may be off */ }
  var dark = saved ? saved === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");
})();
