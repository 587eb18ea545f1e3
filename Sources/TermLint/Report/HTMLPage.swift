// Report stage: the fixed parts of the HTML report (page, style, script) and the
// Content-Security-Policy that allows exactly them.

/// The page around the HTML report's data. Nothing here comes from files: the head and tail
/// are constants, and the policy allows only this style and this script (by SHA-256), no
/// network, no other script, no plugins, no forms.
enum HTMLPage {
  static let policy =
    "default-src 'none'; script-src '\(SHA256.cspSource(script))'; "
    + "style-src '\(SHA256.cspSource(style))'; img-src 'none'; base-uri 'none'; "
    + "form-action 'none'"

  static let head =
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="\(policy)">
    <meta name="referrer" content="no-referrer">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="termlint">
    <title>termlint report</title>
    <style>\(style)</style>
    </head>
    <body>
    <header class="top"><h1>termlint report</h1><p id="subtitle"></p></header>
    <main id="report"><noscript><p class="noscript">This report is drawn by its inline script, \
    which this browser does not run. The data is in the page as JSON; \
    <code>termlint --format text</code> gives the same findings as text.</p></noscript></main>

    """

  static let tail = "<script>\(script)</script>\n</body>\n</html>\n"

  static let style = #"""

    :root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0b5cad;
    --error:#b42318;--error-bg:#fdecea;--warning:#8a5300;--warning-bg:#fff4d6;--info:#0b5cad;
    --info-bg:#e7f0fb;--mark:#ffe08a}
    *{box-sizing:border-box}
    body{margin:0;color:var(--ink);background:#fff;font:14px/1.5 system-ui,-apple-system,
    "Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Helvetica Neue",Arial,sans-serif}
    code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"DejaVu Sans Mono",Menlo,Consolas,
    monospace;font-size:12.5px}
    .top{padding:20px 32px 12px;border-bottom:1px solid var(--line);background:var(--soft)}
    .top h1{margin:0;font-size:22px;font-weight:600}
    .top p{margin:4px 0 0;color:var(--muted)}
    main{padding:8px 32px 48px;max-width:1280px}
    h2{font-size:17px;margin:28px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
    h2 .hint{font-size:13px;font-weight:400;color:var(--muted);margin-left:8px}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:10px}
    .card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fff}
    .card .n{font-size:24px;font-weight:600;display:block}
    .card .k{color:var(--muted);font-size:12.5px}
    .card.error .n{color:var(--error)}.card.warning .n{color:var(--warning)}
    .card.info .n{color:var(--info)}
    .split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px}
    @media (max-width:900px){.split{grid-template-columns:1fr}}
    table{border-collapse:collapse;width:100%;background:#fff}
    th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
    th{font-weight:600;background:var(--soft);font-size:12.5px;color:var(--muted)}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .concept-name{font-weight:600}
    .concept-id{display:block;color:var(--muted);font-size:12px}
    .verdict{display:block;color:var(--muted);font-size:12px;margin-top:4px}
    tr.group-start td{border-top:2px solid var(--line)}
    .rendering{font-weight:500}
    .tag{display:inline-block;margin-left:6px;padding:0 6px;border-radius:10px;font-size:11px;
    font-weight:600;vertical-align:1px}
    .tag.keep{background:#dcf5e3;color:#146c2e}.tag.flagged{background:var(--warning-bg);
    color:var(--warning)}
    .places a{margin-right:8px;white-space:nowrap}
    .places .file{color:var(--muted);margin-right:8px;overflow-wrap:anywhere}
    table.consistency{table-layout:fixed}
    table.consistency th:nth-child(1){width:26%}table.consistency th:nth-child(2){width:19%}
    table.consistency th:nth-child(3){width:7%}table.consistency th:nth-child(4){width:32%}
    table.consistency th:nth-child(5){width:16%}
    table.consistency td{overflow-wrap:anywhere}
    td.keep{font-weight:500;color:#146c2e}
    a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
    button.linkish{border:0;background:none;padding:0;color:var(--accent);cursor:pointer;font:inherit}
    button.linkish:hover{text-decoration:underline}
    .filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:12px;align-items:end;
    padding:10px 14px;margin:24px 0 8px;background:var(--soft);border:1px solid var(--line);
    border-radius:8px}
    .filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
    .filters select{margin-top:2px;min-width:160px;max-width:340px;padding:4px 6px;font:inherit;
    font-size:13px;color:var(--ink);border:1px solid var(--line);border-radius:6px;background:#fff}
    .filters button.reset{padding:5px 12px;font:inherit;font-size:13px;border:1px solid var(--line);
    border-radius:6px;background:#fff;cursor:pointer}
    .filters .count{margin-left:auto;font-weight:600;align-self:center}
    section.file{margin:18px 0 0}
    section.file h3{font-size:14px;margin:0 0 8px;font-family:ui-monospace,"DejaVu Sans Mono",
    monospace;word-break:break-all}
    section.file h3 .n{font-family:system-ui,sans-serif;font-weight:400;color:var(--muted);
    margin-left:8px}
    article.finding{border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;
    padding:10px 14px;margin:0 0 10px;background:#fff}
    article.finding.error{border-left-color:var(--error)}
    article.finding.warning{border-left-color:var(--warning)}
    article.finding.info{border-left-color:var(--info)}
    article.finding:target{box-shadow:0 0 0 3px #9cc3ee}
    .finding .head{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
    .sev{padding:0 7px;border-radius:10px;font-size:11.5px;font-weight:600;text-transform:uppercase}
    .sev.error{background:var(--error-bg);color:var(--error)}
    .sev.warning{background:var(--warning-bg);color:var(--warning)}
    .sev.info{background:var(--info-bg);color:var(--info)}
    .loc{color:var(--muted)}
    .rule{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:0 5px}
    .finding .message{margin:6px 0}
    pre.excerpt{margin:6px 0;padding:8px 10px;background:var(--soft);border-radius:6px;
    white-space:pre-wrap;word-break:break-word}
    pre.excerpt .ln{color:var(--muted);user-select:none;margin-right:10px}
    pre.excerpt mark{background:var(--mark);border-bottom:2px solid #d4a106;padding:0 1px}
    dl.details{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0 0}
    dl.details dt{color:var(--muted)}dl.details dd{margin:0}
    dl.details ul{margin:0;padding-left:18px}
    .fixtext{color:#146c2e;font-weight:500}
    .muted{color:var(--muted)}
    .empty{color:var(--muted);font-style:italic}
    .noscript{padding:12px;border:1px solid var(--line);background:var(--warning-bg)}
    footer{margin-top:32px;color:var(--muted);font-size:12px}
    @media print{.filters{display:none}article.finding{break-inside:avoid}}

    """#

  static let script = #"""

    "use strict";
    (function () {
      const data = JSON.parse(document.getElementById("termlint-data").textContent);
      const main = document.getElementById("report");
      function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined && text !== null) node.textContent = String(text);
        return node;
      }
      function add(parent, ...children) {
        for (const child of children) {
          parent.append(typeof child === "string" ? document.createTextNode(child) : child);
        }
        return parent;
      }
      function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
      function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
      const severities = ["error", "warning", "info"];

      // Findings in report order, each with its file and an id; sections of one file joined.
      const files = [];
      const findings = [];
      const byPlace = new Map();
      for (const piece of data.files) {
        let file = files.length ? files[files.length - 1] : null;
        if (!file || file.path !== piece.path) {
          file = { path: piece.path, findings: [], index: files.length };
          files.push(file);
        }
        for (const finding of piece.findings) {
          finding.path = file.path;
          finding.id = "finding-" + (findings.length + 1);
          file.findings.push(finding);
          findings.push(finding);
          const place = finding.path + "\u0000" + finding.offset;
          if (!byPlace.has(place)) byPlace.set(place, finding.id);
        }
      }

      // Summary.
      const s = data.summary;
      document.getElementById("subtitle").textContent =
        plural(s.files, "file") + " checked · " + plural(s.findings, "finding") + " in " +
        plural(s.files_with_findings, "file") + " · " + data.tool;
      add(main, el("h2", null, "Summary"));
      const cards = add(main, el("div", "cards")).lastChild;
      const cardList = [
        ["files", s.files, "files checked"], ["files", s.files_with_findings, "files with findings"],
        ["error", s.error, "errors"], ["warning", s.warning, "warnings"], ["info", s.info, "infos"],
        ["problems", s.problems, "could not be checked"],
        ["skipped", s.skipped_binary, "binary files skipped"]];
      for (const [kind, n, label] of cardList) {
        add(cards, add(el("div", "card " + kind), el("span", "n", n), el("span", "k", label)));
      }

      const split = add(main, el("div", "split")).lastChild;
      const ruleBox = add(split, el("div")).lastChild;
      add(ruleBox, el("h2", null, "Findings by rule"));
      const ruleCounts = new Map();
      for (const f of findings) {
        const counts = ruleCounts.get(f.rule) || { error: 0, warning: 0, info: 0, all: 0 };
        counts[f.severity] += 1;
        counts.all += 1;
        ruleCounts.set(f.rule, counts);
      }
      const rules = [...ruleCounts.keys()].sort(compare);
      const ruleTable = add(ruleBox, el("table", "by-rule")).lastChild;
      add(ruleTable, add(el("tr"), el("th", null, "Rule"), el("th", "num", "Errors"),
        el("th", "num", "Warnings"), el("th", "num", "Infos"), el("th", "num", "Total")));
      for (const rule of rules) {
        const c = ruleCounts.get(rule);
        const button = el("button", "linkish mono", rule);
        button.type = "button";
        button.addEventListener("click", () => { setFilters({ rule: rule }); scrollToFindings(); });
        add(ruleTable, add(el("tr"), add(el("td"), button), el("td", "num", c.error),
          el("td", "num", c.warning), el("td", "num", c.info), el("td", "num", c.all)));
      }
      if (!rules.length) add(ruleBox, el("p", "empty", "No findings."));

      const fileBox = add(split, el("div")).lastChild;
      add(fileBox, el("h2", null, "Files with findings"));
      const fileTable = add(fileBox, el("table", "by-file")).lastChild;
      add(fileTable, add(el("tr"), el("th", null, "File"), el("th", "num", "Findings")));
      for (const file of files) {
        const button = el("button", "linkish mono", file.path);
        button.type = "button";
        button.addEventListener("click", () => { setFilters({ file: file.path }); scrollToFindings(); });
        add(fileTable, add(el("tr"), add(el("td"), button), el("td", "num", file.findings.length)));
      }
      if (!files.length) add(fileBox, el("p", "empty", "No file has findings."));

      // The term-consistency table: every rendering of each concept, from the findings'
      // own spans and the places their notes say it is also written.
      const concepts = new Map();
      for (const f of findings) {
        if (!f.concept) continue;
        let concept = concepts.get(f.concept.key);
        if (!concept) {
          concept = { info: f.concept, term: f.term, verdicts: new Set(), renderings: new Map() };
          concepts.set(f.concept.key, concept);
        }
        if (f.concept.verdict) concept.verdicts.add(f.concept.verdict);
        for (const r of f.renderings) {
          let rendering = concept.renderings.get(r.label);
          if (!rendering) {
            rendering = { label: r.label, places: new Map(), flagged: false };
            concept.renderings.set(r.label, rendering);
          }
          const key = r.path + "\u0000" + r.offset;
          const own = byPlace.get(key);
          if (own) rendering.flagged = true;
          if (!rendering.places.has(key)) {
            rendering.places.set(key, { path: r.path, line: r.line, column: r.column,
              offset: r.offset, target: own || f.id });
          }
        }
      }
      add(main, add(el("h2", null, "Term consistency"), el("span", "hint",
        "each concept's renderings in this report: places found or named in a finding's notes")));
      const conceptKeys = [...concepts.keys()].sort((a, b) =>
        compare(concepts.get(a).info.name, concepts.get(b).info.name) || compare(a, b));
      if (!conceptKeys.length) {
        add(main, el("p", "empty", "No concept was reported."));
      } else {
        const table = add(main, el("table", "consistency")).lastChild;
        table.id = "consistency";
        add(table, add(el("tr"), el("th", null, "Concept"), el("th", null, "Rendering"),
          el("th", "num", "Places"), el("th", null, "Where"), el("th", null, "Keep")));
        for (const key of conceptKeys) {
          const concept = concepts.get(key);
          const renderings = [...concept.renderings.values()].sort((a, b) =>
            (b.places.size - a.places.size) || compare(a.label, b.label));
          renderings.forEach((rendering, index) => {
            const row = el("tr", index === 0 ? "group-start" : null);
            row.dataset.concept = key;
            row.dataset.rendering = rendering.label;
            if (index === 0) {
              const cell = el("td");
              cell.rowSpan = renderings.length;
              add(cell, el("span", "concept-name", concept.info.name));
              add(cell, el("span", "concept-id mono",
                concept.term ? concept.term.id + " · " + concept.term.glossary : "inconsistent"));
              for (const verdict of [...concept.verdicts].sort(compare)) {
                add(cell, el("span", "verdict", verdict));
              }
              add(row, cell);
            }
            const name = add(el("td"), el("span", "rendering", rendering.label));
            if (concept.info.keep === rendering.label) add(name, el("span", "tag keep", "keep"));
            else if (rendering.flagged) add(name, el("span", "tag flagged", "flagged"));
            add(row, name);
            add(row, el("td", "num count", rendering.places.size));
            const where = el("td", "places");
            let line = null;
            const places = [...rendering.places.values()].sort((a, b) =>
              compare(a.path, b.path) || a.offset - b.offset);
            for (const place of places) {
              if (!line || line.dataset.path !== place.path) {
                line = add(where, el("div")).lastChild;
                line.dataset.path = place.path;
                add(line, el("span", "file mono", place.path));
              }
              const link = el("a", null, place.line + ":" + place.column);
              link.href = "#" + place.target;
              link.addEventListener("click", () => reveal(place.target));
              add(line, link);
            }
            add(row, where);
            if (index === 0) {
              const keep = el("td", "keep", concept.info.keep || "—");
              keep.rowSpan = renderings.length;
              add(row, keep);
            }
            add(table, row);
          });
        }
      }

      // Filters.
      const filterBar = add(main, el("div", "filters")).lastChild;
      filterBar.id = "filters";
      function select(label, id, values, all) {
        const box = add(el("label"), label);
        const menu = el("select");
        menu.id = id;
        const any = el("option", null, all);
        any.value = "";
        add(menu, any);
        for (const value of values) {
          const option = el("option", null, value);
          option.value = value;
          add(menu, option);
        }
        menu.addEventListener("change", apply);
        add(filterBar, add(box, menu));
        return menu;
      }
      const ruleMenu = select("Rule", "filter-rule", rules, "All rules");
      const fileMenu = select("File", "filter-file", files.map((f) => f.path), "All files");
      const present = severities.filter((sev) => findings.some((f) => f.severity === sev));
      const severityMenu = select("Severity", "filter-severity", present, "All severities");
      const reset = el("button", "reset", "Reset filters");
      reset.type = "button";
      reset.id = "filter-reset";
      reset.addEventListener("click", () => setFilters({}));
      add(filterBar, reset);
      const count = add(filterBar, el("span", "count")).lastChild;
      count.id = "finding-count";

      // Findings by file.
      const findingsBox = add(main, el("div")).lastChild;
      findingsBox.id = "findings";
      add(findingsBox, el("h2", null, "Findings"));
      const sections = [];
      for (const file of files) {
        const section = el("section", "file");
        section.id = "file-" + (file.index + 1);
        const title = add(el("h3"), file.path);
        const n = el("span", "n", plural(file.findings.length, "finding"));
        add(section, add(title, n));
        const articles = [];
        for (const f of file.findings) {
          const article = findingView(f);
          articles.push({ finding: f, node: article });
          add(section, article);
        }
        sections.push({ file: file, node: section, n: n, articles: articles });
        add(findingsBox, section);
      }
      if (!files.length) add(findingsBox, el("p", "empty", "No findings."));

      function findingView(f) {
        const article = el("article", "finding " + f.severity);
        article.id = f.id;
        article.dataset.rule = f.rule;
        article.dataset.severity = f.severity;
        article.dataset.path = f.path;
        add(article, add(el("div", "head"), el("span", "sev " + f.severity, f.severity),
          el("span", "loc mono", f.path + ":" + f.line + ":" + f.column),
          el("code", "rule", f.rule)));
        add(article, el("p", "message", f.message));
        if (f.excerpt) {
          add(article, add(el("pre", "excerpt"), el("span", "ln", f.line), f.excerpt[0],
            el("mark", null, f.excerpt[1]), f.excerpt[2]));
        }
        const details = el("dl", "details");
        function row(label, ...content) {
          add(details, el("dt", null, label), add(el("dd"), ...content));
        }
        if (f.fix) {
          const text = f.fix.replacement ? "replace with " + f.fix.replacement
            : f.fix.edits.join("; ");
          row("Fix", el("span", "fixtext", text), el("span", "muted", " (" + f.fix.applicability + ")"));
        }
        if (f.notes.length) {
          const list = el("ul");
          for (const note of f.notes) {
            const item = add(el("li"), note.message);
            if (note.rule) add(item, " ", el("code", "rule", note.rule));
            if (note.line !== null) {
              const place = note.path + "\u0000" + note.offset;
              const label = (note.path === f.path ? "" : note.path + ":") + note.line + ":" + note.column;
              const target = byPlace.get(place);
              if (target && target !== f.id) {
                const link = el("a", "mono", label);
                link.href = "#" + target;
                link.addEventListener("click", () => reveal(target));
                add(item, " at ", link);
              } else {
                add(item, " at ", el("span", "mono", label));
              }
            }
            add(list, item);
          }
          row("Notes", list);
        }
        if (f.unit !== null) row("Unit", el("span", "mono", f.unit));
        if (f.term) {
          const term = add(el("span"), f.term.name + " ", el("span", "muted mono", f.term.id),
            el("span", "muted", " · " + f.term.glossary));
          if (f.term.reference) {
            const link = el("a", null, "reference");
            link.href = f.term.reference;
            link.rel = "noreferrer noopener";
            add(term, " · ", link);
          }
          if (f.term.preferred) add(term, el("span", "muted", " · preferred: " + f.term.preferred));
          row("Term", term);
        }
        if (details.childNodes.length) add(article, details);
        return article;
      }

      // Files that could not be checked, and binary files skipped.
      if (data.problems.length || data.skipped.length) {
        add(main, el("h2", null, "Not checked"));
        const table = add(main, el("table", "problems")).lastChild;
        add(table, add(el("tr"), el("th", null, "File"), el("th", null, "Where"),
          el("th", null, "Kind"), el("th", null, "Message")));
        for (const p of data.problems) {
          add(table, add(el("tr"), el("td", "mono", p.path || "—"),
            el("td", "mono", p.line === null ? "—" : p.line + (p.column === null ? "" : ":" + p.column)),
            el("td", null, p.kind), el("td", null, p.message)));
        }
        for (const path of data.skipped) {
          add(table, add(el("tr"), el("td", "mono", path), el("td", "mono", "—"),
            el("td", null, "skipped"), el("td", null, "binary file")));
        }
      }
      add(main, el("footer", null, "Generated by " + data.tool + ". Self-contained: no network."));

      function setFilters(values) {
        ruleMenu.value = values.rule || "";
        fileMenu.value = values.file || "";
        severityMenu.value = values.severity || "";
        apply();
      }
      function apply() {
        const rule = ruleMenu.value, path = fileMenu.value, severity = severityMenu.value;
        let shown = 0;
        for (const section of sections) {
          let inSection = 0;
          for (const { finding, node } of section.articles) {
            const visible = (!rule || finding.rule === rule) && (!path || finding.path === path) &&
              (!severity || finding.severity === severity);
            node.hidden = !visible;
            if (visible) inSection += 1;
          }
          section.node.hidden = inSection === 0;
          section.n.textContent = inSection === section.articles.length
            ? plural(inSection, "finding") : inSection + " of " + plural(section.articles.length, "finding");
          shown += inSection;
        }
        count.textContent = shown === findings.length
          ? "Showing all " + plural(findings.length, "finding")
          : "Showing " + shown + " of " + plural(findings.length, "finding");
        count.dataset.shown = String(shown);
      }
      function reveal(id) {
        const node = document.getElementById(id);
        if (node && node.hidden) setFilters({});
      }
      function scrollToFindings() { filterBar.scrollIntoView(); }
      apply();
    })();

    """#
}
