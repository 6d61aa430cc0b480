package org.scrapebench.analysis.html;

/** The page's inline style and scripts: nothing is fetched, so all of it lives here. */
final class PageAssets {
    private PageAssets() {
    }

    static final String CSS = """
            :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --head: #f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1100px; margin: 0 auto; padding: 0 16px 48px; }
            nav { max-width: 1100px; margin: 0 auto; padding: 8px 16px; border-bottom: 1px solid var(--line); }
            nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
            h1 { font-size: 1.6rem; margin: 16px 0 8px; }
            h2 { font-size: 1.3rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.1rem; margin: 24px 0 8px; }
            h4 { font-size: 1rem; margin: 16px 0 8px; overflow-wrap: anywhere; }
            p, li { overflow-wrap: anywhere; }
            code { font: 0.85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                   background: var(--head); padding: 1px 4px; border-radius: 4px; }
            .table-wrap { overflow-x: auto; margin: 8px 0 16px; -webkit-overflow-scrolling: touch; }
            table { border-collapse: collapse; font-size: 0.85rem; }
            th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: var(--head); white-space: nowrap; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            th button { all: unset; cursor: pointer; }
            th button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
            th[aria-sort="ascending"] button::after { content: " \\25B2"; }
            th[aria-sort="descending"] button::after { content: " \\25BC"; }
            figure.chart { margin: 16px 0 24px; }
            /* on a phone a chart keeps a readable size and scrolls sideways, like the tables */
            .chart-box { overflow-x: auto; }
            .chart-box svg { display: block; width: 100%; height: auto; min-width: 600px; }
            figcaption { color: var(--muted); font-size: 0.85rem; }
            .chart-missing { border: 2px dashed #D55E00; padding: 8px; color: #D55E00; }
            @media (max-width: 600px) {
              body { font-size: 14px; }
              main, nav { padding-left: 8px; padding-right: 8px; }
            }
            @media print {
              nav { display: none; }
              main { max-width: none; padding: 0; }
              .table-wrap, .chart-box { overflow: visible; }
              table { font-size: 8pt; }
              th button::after { content: none !important; }
              figure.chart, tr { break-inside: avoid; }
              h2, h3 { break-after: avoid; }
            }
            """;

    /** First thing on the page: every script error and every blocked load counts. */
    static final String ERROR_RECORDER = """
            (function () {
              var root = document.documentElement;
              function count() { root.setAttribute('data-errors', String(Number(root.getAttribute('data-errors')) + 1)); }
              window.addEventListener('error', count, true);
              window.addEventListener('unhandledrejection', count);
              document.addEventListener('securitypolicyviolation', count);
            })();
            """;

    /** Sortable tables (click a header: ascending, again: descending) and the count of rendered charts. */
    static final String SCRIPT = """
            (function () {
              // the leading number of a cell ("~0.97 [0.95, 0.98]", "<0.001", "2269.7 ± 9.4"), else its text
              function key(cell) {
                var text = cell.textContent.trim();
                var m = text.replace(/^[~<>≈]+/, '').replace(/,/g, '').match(/^[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?/i);
                return m ? { n: parseFloat(m[0]), t: text } : { n: null, t: text };
              }
              function compare(a, b) {
                if (a.n !== null && b.n !== null) return a.n - b.n;
                if (a.n !== null) return -1;
                if (b.n !== null) return 1;
                return a.t.localeCompare(b.t);
              }
              document.querySelectorAll('table.sortable').forEach(function (table) {
                var heads = table.tHead.rows[0].cells;
                Array.prototype.forEach.call(heads, function (th, column) {
                  var button = th.querySelector('button');
                  if (!button) return;
                  button.addEventListener('click', function () {
                    var descending = th.getAttribute('aria-sort') === 'ascending';
                    Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
                    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
                    var body = table.tBodies[0];
                    var rows = Array.prototype.map.call(body.rows, function (row, index) {
                      return { row: row, index: index, key: key(row.cells[column] || row.cells[0]) };
                    });
                    rows.sort(function (a, b) {
                      var c = compare(a.key, b.key);
                      return (descending ? -c : c) || a.index - b.index;
                    });
                    rows.forEach(function (r) { body.appendChild(r.row); });
                  });
                });
              });
              window.addEventListener('beforeprint', function () {
                document.querySelectorAll('details').forEach(function (d) { d.open = true; });
              });
              // a chart counts as rendered when its SVG is laid out with a size and draws something
              var rendered = 0;
              document.querySelectorAll('figure.chart').forEach(function (figure) {
                var svg = figure.querySelector('svg');
                if (!svg) return;
                var box = svg.getBoundingClientRect();
                if (box.width > 0 && box.height > 0 && svg.querySelectorAll('path, line, polyline, rect').length > 1) {
                  rendered++;
                }
              });
              document.documentElement.setAttribute('data-charts-rendered', String(rendered));
            })();
            """;
}
