/// Compiler-style output: `path:line:column: severity: message [rule]`, the source line
/// (a window of it when long), a caret under the span, and the suggested fix; then a
/// one-line summary.
public struct TextReporter: Reporter {
  public var color: Bool
  public var showSummary: Bool

  public var needsExcerpts: Bool { true }

  public init(color: Bool, showSummary: Bool = true) {
    self.color = color
    self.showSummary = showSummary
  }

  /// Widest source excerpt shown, in terminal columns; longer lines show a window.
  static let maxExcerptWidth = 100
  static let context = 36

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  public var piecesSplit: Bool { true }

  public func piece(_ report: FileReport) -> String {
    var out = ""
    for diagnostic in report.diagnostics {
      out += render(diagnostic, excerpt: report.excerpts[diagnostic.range.start])
    }
    return out
  }

  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    showSummary ? summaryLine(totals.summary) + "\n" : ""
  }

  func severityLabel(_ severity: Severity) -> String {
    switch severity {
    case .error: paint("error", "1;31")
    case .warning: paint("warning", "1;33")
    case .info: paint("info", "1;36")
    }
  }

  func render(_ diagnostic: Diagnostic, excerpt: SourceExcerpt?) -> String {
    // Paths and messages carry text from files: nothing in them reaches the terminal raw.
    let path = TerminalText.safe(diagnostic.path)
    var out = paint("\(path):\(diagnostic.start.line):\(diagnostic.start.column):", "1")
    out += " \(severityLabel(diagnostic.severity)): \(TerminalText.safe(diagnostic.message)) "
    out += paint("[\(diagnostic.rule)]", "2") + "\n"
    let gutter = String(diagnostic.start.line).count + 1
    let pad = String(repeating: " ", count: gutter)
    if let excerpt {
      let (line, carets) = Self.excerpt(diagnostic, in: excerpt)
      out += "\(pad)\(paint("|", "34"))\n"
      out += paint("\(diagnostic.start.line) |", "34") + " \(line)\n"
      out += "\(pad)\(paint("|", "34")) \(paint(carets, "1;32"))\n"
    }
    if let unit = diagnostic.unit {
      out += "\(pad)\(paint("=", "34")) unit: \(TerminalText.safe(unit))\n"
    }
    for note in diagnostic.notes {
      var text = TerminalText.safe(note.message)
      if let rule = note.rule { text += " " + paint("[\(rule)]", "2") }
      if let start = note.start {
        text +=
          " at " + (note.path.map { "\(TerminalText.safe($0)):" } ?? "")
          + "\(start.line):\(start.column)"
      }
      out += "\(pad)\(paint("=", "34")) note: \(text)\n"
    }
    if let replacement = diagnostic.replacement {
      let shown = TerminalText.safe(quoted(replacement))
      out += "\(pad)\(paint("=", "34")) fix: replace with \(paint(shown, "32"))\n"
    }
    if let term = diagnostic.term {
      out += "\(pad)\(paint("=", "34")) see: termlint explain \(term.id)\n"
    }
    return out
  }

  func summaryLine(_ summary: Summary) -> String {
    var parts: [String] = []
    if summary.errors > 0 { parts.append(counted(summary.errors, "error")) }
    if summary.warnings > 0 { parts.append(counted(summary.warnings, "warning")) }
    if summary.infos > 0 { parts.append(counted(summary.infos, "info")) }
    var line: String
    if parts.isEmpty {
      line = "No findings in \(counted(summary.filesChecked, "file"))"
    } else {
      line =
        parts.joined(separator: ", ")
        + " in \(summary.filesWithFindings) of \(counted(summary.filesChecked, "file"))"
    }
    if summary.skippedBinary > 0 {
      line += "; \(counted(summary.skippedBinary, "binary file")) skipped"
    }
    if summary.problems > 0 {
      line += "; \(counted(summary.problems, "file")) could not be checked"
    }
    if summary.omitted > 0 {
      line += "; \(counted(summary.omitted, "finding")) not shown (--max-findings)"
    }
    return line + "."
  }

  /// The span's first line as shown (a window around the span when the line is long) and
  /// the caret line under it. Tabs show as a space and control characters as `?`, so the
  /// carets line up; wide characters count two columns.
  static func excerpt(_ diagnostic: Diagnostic, in excerpt: SourceExcerpt) -> (String, String) {
    let lineEnd = excerpt.start + excerpt.text.utf8.count
    let spanStart = max(diagnostic.range.start, excerpt.start)
    let spanEnd = min(max(diagnostic.range.end, spanStart), lineEnd)
    // Characters of the line: (byte offset, shown text, width).
    var cells: [(offset: Int, text: String, width: Int)] = []
    let text = excerpt.text
    var offset = excerpt.start
    for scalar in text.unicodeScalars {
      let shown: String
      let width: Int
      if scalar == "\t" || scalar == "\u{0B}" || scalar == "\u{0C}" {
        shown = " "
        width = 1
      } else if TerminalText.isUnsafe(scalar) {
        // Controls and bidirectional overrides from the file are shown, not obeyed.
        shown = "?"
        width = 1
      } else {
        shown = String(scalar)
        width = ICU.displayWidth(scalar)
      }
      cells.append((offset, shown, width))
      offset += String(scalar).utf8.count
    }
    let first = cells.firstIndex { $0.offset >= spanStart } ?? cells.count
    let last = cells.firstIndex { $0.offset >= spanEnd } ?? cells.count
    let totalWidth = cells.reduce(0) { $0 + $1.width }
    var low = 0
    var high = cells.count
    if totalWidth > maxExcerptWidth || excerpt.clippedBefore || excerpt.clippedAfter {
      low = first
      var width = 0
      while low > 0 && width + cells[low - 1].width <= context {
        low -= 1
        width += cells[low].width
      }
      high = last
      width = 0
      while high < cells.count && width + cells[high].width <= context {
        width += cells[high].width
        high += 1
      }
    }
    let moreBefore = low > 0 || excerpt.clippedBefore
    var line = moreBefore ? "…" : ""
    var carets = moreBefore ? " " : ""
    for index in low..<high {
      line += cells[index].text
      let mark = index >= first && index < last ? "^" : " "
      carets += String(repeating: mark, count: cells[index].width)
    }
    if high < cells.count || excerpt.clippedAfter { line += "…" }
    if first == last { carets += "^" }
    while carets.hasSuffix(" ") { carets.removeLast() }
    return (line, carets)
  }
}
