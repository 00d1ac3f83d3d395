// Draws every chart of a page with Apache ECharts (static/echarts.min.js, served from this site). Each chart is
// an element with class "echart" whose data-option names a <script type="application/json"> block holding
// its ECharts option; data-height gives its height in pixels. SVG renderer: crisp, printable, selectable.
(function () {
  "use strict";
  function drawAll() {
    if (typeof echarts === "undefined") { return; }
    var charts = [];
    document.querySelectorAll(".echart[data-option]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-option"));
      if (!source) { return; }
      var option = JSON.parse(source.textContent);
      el.style.height = (parseInt(el.getAttribute("data-height"), 10) || 320) + "px";
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      var points = (option.series || []).reduce(function (n, s) {
        return n + (s.data || []).filter(function (v) { return v !== null; }).length;
      }, 0);
      el.setAttribute("data-rendered", String(points));
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  // Labels are measured to fit: draw once the Thai typeface has loaded, not with a fallback's widths.
  function whenFontsReady() {
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(drawAll, drawAll);
    } else {
      drawAll();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenFontsReady);
  } else {
    whenFontsReady();
  }
})();
