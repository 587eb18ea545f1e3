import GlossaryModel

/// How serious a finding is. Ordered: info < warning < error.
public enum Severity: String, Sendable, Comparable, CaseIterable {
  case info
  case warning
  case error

  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One replacement of original bytes.
public struct Edit: Hashable, Sendable {
  public var range: TextRange
  public var replacement: String

  public init(range: TextRange, replacement: String) {
    self.range = range
    self.replacement = replacement
  }
}

/// A fix is data: edits on the original bytes and how safe it is to apply them unseen.
public struct Fix: Hashable, Sendable {
  public typealias Applicability = FixApplicability

  public var edits: [Edit]
  public var applicability: Applicability

  public init(edits: [Edit], applicability: Applicability) {
    self.edits = edits
    self.applicability = applicability
  }
}

/// What a finding says about the concept it concerns, for reports. A class: the findings
/// of one term share one summary (`CompiledGlossary.summary(of:)`, made on the term's first
/// finding), so a finding carries a reference, not seven strings.
public final class TermSummary: Hashable, Sendable {
  public let id: String
  public let source: String?
  public let preferred: String?
  public let accepted: [String]
  public let note: String?
  public let reference: String?
  public let glossary: String

  public init(
    id: String, source: String?, preferred: String?, accepted: [String], note: String?,
    reference: String?, glossary: String
  ) {
    self.id = id
    self.source = source
    self.preferred = preferred
    self.accepted = accepted
    self.note = note
    self.reference = reference
    self.glossary = glossary
  }

  public convenience init(_ term: Term) {
    self.init(
      id: term.id, source: term.source, preferred: term.preferred?.text,
      accepted: term.accepted.map(\.text), note: term.note, reference: term.reference,
      glossary: term.glossaryName)
  }

  public static func == (a: TermSummary, b: TermSummary) -> Bool {
    a === b
      || (a.id == b.id && a.source == b.source && a.preferred == b.preferred
        && a.accepted == b.accepted && a.note == b.note && a.reference == b.reference
        && a.glossary == b.glossary)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(source)
    hasher.combine(preferred)
    hasher.combine(accepted)
    hasher.combine(note)
    hasher.combine(reference)
    hasher.combine(glossary)
  }
}

/// Something a finding adds: another rule's verdict on the same span, or a related place.
public struct Note: Hashable, Sendable {
  public var message: String
  /// The rule that said it, when it is another rule's finding folded into this one.
  public var rule: String?
  /// The related place, if any: its file (nil: the finding's own file), span and position.
  public var path: String?
  public var range: TextRange?
  public var start: SourcePosition?

  public init(
    message: String, rule: String? = nil, path: String? = nil, range: TextRange? = nil,
    start: SourcePosition? = nil
  ) {
    self.message = message
    self.rule = rule
    self.path = path
    self.range = range
    self.start = start
  }
}

/// A finding: a rule's verdict on a span of one file.
public struct Diagnostic: Hashable, Sendable {
  public var path: String
  public var rule: String
  public var severity: Severity
  public var message: String
  /// The span in original UTF-8 bytes.
  public var range: TextRange
  /// 1-based line and column (Unicode scalars) of the span's first character.
  public var start: SourcePosition
  /// 1-based line and column just after the span's last character (exclusive).
  public var end: SourcePosition
  /// The original text of the span.
  public var matched: String
  public var fix: Fix?
  public var term: TermSummary?
  /// What other rules found at the same place, and related places (other renderings of
  /// the concept): one finding per place, the rest folded in here.
  public var notes: [Note] = []
  /// The unit of a bilingual file it is in: XLIFF unit id, PO msgctxt/msgid, TMX tuid.
  public var unit: String?

  public init(
    path: String, rule: String, severity: Severity, message: String, range: TextRange,
    start: SourcePosition, end: SourcePosition, matched: String, fix: Fix? = nil,
    term: TermSummary? = nil, notes: [Note] = [], unit: String? = nil
  ) {
    self.path = path
    self.rule = rule
    self.severity = severity
    self.message = message
    self.range = range
    self.start = start
    self.end = end
    self.matched = matched
    self.fix = fix
    self.term = term
    self.notes = notes
    self.unit = unit
  }

  /// Whether `rule` found this: the diagnostic's own rule, or one folded into its notes.
  public func reports(rule id: String) -> Bool {
    rule == id || notes.contains { $0.rule == id }
  }

  /// The suggested text, when the fix is a single edit of the whole span.
  public var replacement: String? {
    guard let fix, fix.edits.count == 1, fix.edits[0].range == range else { return nil }
    return fix.edits[0].replacement
  }

  /// The deterministic order of reports: path, then offset, then rule.
  public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
    if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
    if a.range != b.range { return a.range < b.range }
    if a.rule != b.rule { return a.rule < b.rule }
    return a.message < b.message
  }
}
