// Pipeline: what linting one file gives (FileReport) and a whole run (RunResult).

import GlossaryModel

/// The outcome of linting one file.
public struct FileReport: Sendable {
  public var path: String
  public var diagnostics: [Diagnostic]
  /// The file's text, kept when there are findings (reporters show source lines).
  /// The source excerpt of each finding, keyed by the byte offset where it starts, for
  /// reporters that show the source line.
  public var excerpts: [Int: SourceExcerpt]
  /// For a file linted in sections (see `Sectioning`): which section this is, whether an
  /// earlier one had findings, and whether it is the last. A whole file is section 0 and
  /// the last.
  public var section = 0
  public var findingsBefore = false
  public var isLastSection = true

  public init(path: String, diagnostics: [Diagnostic], excerpts: [Int: SourceExcerpt] = [:]) {
    self.path = path
    self.diagnostics = diagnostics
    self.excerpts = excerpts
  }

  /// A file with no findings at all: the last section, with none before it.
  public var isClean: Bool { diagnostics.isEmpty && !findingsBefore && isLastSection }

  /// The report with every offset moved by `base` (a section's place in its file).
  func shifted(by base: Int) -> FileReport {
    guard base != 0 else { return self }
    func move(_ range: TextRange) -> TextRange {
      TextRange(start: range.start + base, end: range.end + base)
    }
    var report = self
    report.diagnostics = diagnostics.map { diagnostic in
      var moved = diagnostic
      moved.range = move(diagnostic.range)
      if var fix = diagnostic.fix {
        fix.edits = fix.edits.map { Edit(range: move($0.range), replacement: $0.replacement) }
        moved.fix = fix
      }
      return moved
    }
    report.excerpts = Dictionary(
      uniqueKeysWithValues: excerpts.map { key, excerpt in
        var moved = excerpt
        moved.start += base
        return (key + base, moved)
      })
    return report
  }

  /// The report cut into parts of at most `size` diagnostics (at least one), flagged as
  /// sections of the file (see `part`).
  public func parts(of size: Int) -> [FileReport] {
    partRanges(of: size).map(part)
  }

  /// The ranges of `diagnostics` that `parts(of:)` cuts.
  func partRanges(of size: Int) -> [Range<Int>] {
    let size = max(size, 1)
    guard diagnostics.count > size else { return [0..<diagnostics.count] }
    return stride(from: 0, to: diagnostics.count, by: size).map {
      $0..<min($0 + size, diagnostics.count)
    }
  }

  /// The diagnostics in `range` as a section of the file: only the first part counts as the
  /// file checked, each later one has findings before it, and only the one that ends the
  /// diagnostics is the file's last. It keeps the excerpts.
  func part(_ range: Range<Int>) -> FileReport {
    guard range.count != diagnostics.count else { return self }
    var part = FileReport(path: path, diagnostics: Array(diagnostics[range]), excerpts: excerpts)
    part.section = range.lowerBound == 0 ? section : max(section, 1)
    part.findingsBefore = findingsBefore || range.lowerBound > 0
    part.isLastSection = isLastSection && range.upperBound == diagnostics.count
    return part
  }

  /// A report with the excerpts of `diagnostics` taken from `source`.
  public init(path: String, diagnostics: [Diagnostic], source: SourceFile?) {
    var excerpts: [Int: SourceExcerpt] = [:]
    if let source {
      for diagnostic in diagnostics where excerpts[diagnostic.range.start] == nil {
        excerpts[diagnostic.range.start] = SourceExcerpt(
          file: source, range: diagnostic.range, line: diagnostic.start.line)
      }
    }
    self.init(path: path, diagnostics: diagnostics, excerpts: excerpts)
  }
}

/// The outcome of a whole run, deterministic whatever the number of threads.
public struct RunResult: Sendable {
  /// Files linted as text, sorted by path.
  public var files: [FileReport] = []
  /// Errors: missing paths, unreadable files, invalid UTF-8. Sorted by path.
  public var problems: [TermLintError] = []
  /// Files skipped because they are binary.
  public var skippedBinary: [String] = []
  /// Things said once that are not errors (directory loops).
  public var notes: [String] = []

  public var diagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }

  public init() {}
}
