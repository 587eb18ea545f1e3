// Report stage: `--max-findings`: how many findings a report shows, per file and for the
// run.

/// How many findings a report shows: at most `run` in all and `perFile` for each file
/// (nil: no limit). Findings past a limit are counted (`Summary.omitted`) and still decide
/// the exit status; the report shows the first ones in report order (path, then offset).
public struct FindingLimit: Equatable, Sendable {
  public var run: Int?
  public var perFile: Int?

  public init(run: Int? = nil, perFile: Int? = nil) {
    self.run = run
    self.perFile = perFile
  }

  public static let none = FindingLimit()

  public var isNone: Bool { run == nil && perFile == nil }

  /// The most findings one file (or one part of it) can show.
  public var bound: Int { min(run ?? Int.max, perFile ?? Int.max) }

  /// What the report says about the findings left out.
  public func describe(omitted: Int) -> String {
    var limits: [String] = []
    if let run { limits.append("--max-findings \(run)") }
    if let perFile { limits.append("--max-findings-per-file \(perFile)") }
    return "\(counted(omitted, "finding")) not shown (\(limits.joined(separator: ", ")))"
  }
}

/// Applies a `FindingLimit` to the reports of a run given in report order (the sections
/// and parts of one file one after another), keeping count.
public struct FindingBudget: Sendable {
  public let limit: FindingLimit
  private var shown = 0
  private var path: String?
  private var shownInFile = 0

  public init(_ limit: FindingLimit) { self.limit = limit }

  /// Cuts `report` to what the limits leave; returns how many diagnostics it dropped.
  @discardableResult
  public mutating func cut(_ report: inout FileReport) -> Int {
    if report.path != path {
      path = report.path
      shownInFile = 0
    }
    var room = report.diagnostics.count
    if let run = limit.run { room = min(room, max(run - shown, 0)) }
    if let perFile = limit.perFile { room = min(room, max(perFile - shownInFile, 0)) }
    let dropped = report.diagnostics.count - room
    if dropped > 0 { report.diagnostics.removeLast(dropped) }
    shown += room
    shownInFile += room
    return dropped
  }
}
