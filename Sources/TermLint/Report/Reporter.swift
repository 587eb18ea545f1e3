import GlossaryModel

/// Counts for the one-line summary and the JSON `summary` object.
public struct Summary: Equatable, Sendable {
  public var filesChecked: Int
  public var filesWithFindings: Int
  public var errors: Int
  public var warnings: Int
  public var infos: Int
  public var skippedBinary: Int
  public var problems: Int
  /// Findings counted above but left out of the report by `--max-findings`.
  public var omitted: Int

  /// No files, no findings.
  public init() {
    filesChecked = 0
    filesWithFindings = 0
    errors = 0
    warnings = 0
    infos = 0
    skippedBinary = 0
    problems = 0
    omitted = 0
  }

  /// The counts of one checked file (of one section: a file linted in sections counts once).
  public init(file: FileReport) {
    self.init()
    filesChecked = file.section == 0 ? 1 : 0
    filesWithFindings = file.diagnostics.isEmpty || file.findingsBefore ? 0 : 1
    for diagnostic in file.diagnostics {
      switch diagnostic.severity {
      case .error: errors += 1
      case .warning: warnings += 1
      case .info: infos += 1
      }
    }
  }

  public init(_ result: RunResult) {
    self.init()
    for file in result.files { add(Summary(file: file)) }
    skippedBinary = result.skippedBinary.count
    problems = result.problems.count
  }

  public mutating func add(_ other: Summary) {
    filesChecked += other.filesChecked
    filesWithFindings += other.filesWithFindings
    errors += other.errors
    warnings += other.warnings
    infos += other.infos
    skippedBinary += other.skippedBinary
    problems += other.problems
    omitted += other.omitted
  }

  public var findings: Int { errors + warnings + infos }
}

/// What a report says besides the files: the counts, the files that could not be checked
/// and the binary files skipped.
public struct RunTotals: Sendable {
  public var summary: Summary
  public var problems: [TermLintError]
  public var skippedBinary: [String]

  public init(summary: Summary, problems: [TermLintError], skippedBinary: [String]) {
    self.summary = summary
    self.problems = problems
    self.skippedBinary = skippedBinary
  }
}

/// One output format, written as a stream: a head, one piece per checked file (in path
/// order) and a tail. Pieces are pure functions of one file's report, so the worker that
/// linted a file renders its piece, in parallel with the others, and a run never holds more
/// than a few files' findings (see `ReportStream`).
public protocol Reporter: Sendable {
  /// Whether `head` needs the run's totals (JUnit's counts come first): the pieces are then
  /// held until the end.
  var headNeedsTotals: Bool { get }
  /// Whether pieces show source lines (`FileReport.excerpts`); runs for other reporters
  /// keep none.
  var needsExcerpts: Bool { get }
  /// Whether a file's piece may be rendered in parts (`FileReport.parts`): the parts'
  /// pieces, joined by `separator`, are the bytes of the whole file's piece. A run then
  /// never holds the output of a whole file of many findings.
  var piecesSplit: Bool { get }
  /// Written first; `totals` is nil unless `headNeedsTotals`.
  func head(_ totals: RunTotals?) -> String
  /// One checked file's part of the report.
  func piece(_ report: FileReport) -> String
  /// Whether the reporter renders its pieces as bytes (`pieceBytes`): a streamed run then
  /// writes them without making a String of them (which checks every byte again).
  var rendersBytes: Bool { get }
  /// `piece` as UTF-8 bytes.
  func pieceBytes(_ report: FileReport) -> [UInt8]
  /// Written between two non-empty pieces (a comma in a JSON array).
  var separator: String { get }
  /// Written last; `afterPieces` says whether a non-empty piece was written (for a
  /// separator before what the tail adds to the same array).
  func tail(_ totals: RunTotals, afterPieces: Bool) -> String
}

extension Reporter {
  public var headNeedsTotals: Bool { false }
  public var needsExcerpts: Bool { false }
  public var piecesSplit: Bool { false }
  public var rendersBytes: Bool { false }
  public func pieceBytes(_ report: FileReport) -> [UInt8] { Array(piece(report).utf8) }
  public var separator: String { "" }
  public func head(_ totals: RunTotals?) -> String { "" }

  /// The whole report of a finished run: the same bytes as streaming it file by file.
  /// With a `limit`, it shows only the findings the limit leaves and counts the others
  /// (`Summary.omitted`).
  public func render(_ result: RunResult, limit: FindingLimit = .none) -> String {
    var output = ""
    var stream = ReportStream(self) { output += $0 }
    var budget = FindingBudget(limit)
    for file in result.files {
      guard !limit.isNone else {
        stream.add(piece(file), summary: Summary(file: file))
        continue
      }
      stream.add(limited: file, budget: &budget)
    }
    stream.finish(problems: result.problems, skippedBinary: result.skippedBinary)
    return output
  }
}

/// Puts a report together from pieces given in order: the head, the pieces with separators,
/// the tail, counting as it goes. The one place the shape of a streamed report is decided,
/// for `render` and for the streaming run alike.
public struct ReportStream {
  private let reporter: any Reporter
  private let write: (String) -> Void
  private let writeBytes: (([UInt8]) -> Void)?
  private var summary = Summary()
  private var wrotePiece = false
  /// Pieces held while the head waits for the totals.
  private var held: [String] = []

  /// `writeBytes`, when given, writes the pieces added as bytes (`add(bytes:summary:)`).
  public init(
    _ reporter: any Reporter, write: @escaping (String) -> Void,
    writeBytes: (([UInt8]) -> Void)? = nil
  ) {
    self.reporter = reporter
    self.write = write
    self.writeBytes = writeBytes
    if !reporter.headNeedsTotals { write(reporter.head(nil)) }
  }

  /// One file's piece and counts.
  public mutating func add(_ piece: String, summary counts: Summary) {
    summary.add(counts)
    guard !piece.isEmpty else { return }
    let text = wrotePiece ? reporter.separator + piece : piece
    wrotePiece = true
    if reporter.headNeedsTotals { held.append(text) } else { write(text) }
  }

  /// One file's piece as bytes (`Reporter.pieceBytes`) and counts: written as they are when
  /// the stream writes bytes and needs no separator nor held pieces.
  public mutating func add(bytes piece: [UInt8], summary counts: Summary) {
    guard let writeBytes, !reporter.headNeedsTotals, reporter.separator.isEmpty else {
      add(String(decoding: piece, as: UTF8.self), summary: counts)
      return
    }
    summary.add(counts)
    guard !piece.isEmpty else { return }
    wrotePiece = true
    writeBytes(piece)
  }

  /// One file's report cut by `budget`: its counts are all its findings, the piece shows
  /// what the budget leaves (nothing for a file whose findings were all cut). `counts` are
  /// the file's counts when a worker already kept only the first `FindingLimit.bound`
  /// diagnostics of it (default: those of `report`).
  public mutating func add(
    limited report: FileReport, budget: inout FindingBudget, counts: Summary? = nil
  ) {
    var counts = counts ?? Summary(file: report)
    var shown = report
    budget.cut(&shown)
    counts.omitted = counts.findings - shown.diagnostics.count
    let allCut = shown.diagnostics.isEmpty && counts.findings > 0
    add(allCut ? "" : reporter.piece(shown), summary: counts)
  }

  /// Writes the tail (and, when it waited, the head and the held pieces); returns the
  /// totals.
  @discardableResult
  public mutating func finish(problems: [TermLintError], skippedBinary: [String]) -> RunTotals {
    var counts = summary
    counts.problems = problems.count
    counts.skippedBinary = skippedBinary.count
    let totals = RunTotals(summary: counts, problems: problems, skippedBinary: skippedBinary)
    if reporter.headNeedsTotals {
      write(reporter.head(totals))
      for piece in held { write(piece) }
      held = []
    }
    write(reporter.tail(totals, afterPieces: wrotePiece))
    return totals
  }
}

/// The output formats termlint writes.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text
  case json
  case sarif
  case github
  case junit
  case checkstyle
  case gitlab
  case html
  case jsonl

  public var summary: String {
    switch self {
    case .text: "compiler-style lines with the source line, a caret under the span and the fix"
    case .json: "one versioned JSON object: diagnostics with byte offsets, and a summary"
    case .sarif: "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, with fixes"
    case .github: "GitHub Actions workflow commands: an annotation per finding"
    case .junit: "JUnit XML for Jenkins and GitLab: a failed test case per finding"
    case .checkstyle: "Checkstyle XML for reviewdog and Jenkins' warnings plugin"
    case .gitlab: "GitLab Code Quality JSON for merge requests, with stable fingerprints"
    case .html: "one self-contained HTML page for reviewers: summary, term table, filters"
    case .jsonl: "JSON Lines: one diagnostic object per line as found, then one summary line"
    }
  }
}

/// Pluralises an English noun by count: "1 file", "2 files".
func counted(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
