import GlossaryModel

/// What a rule is, for `termlint rules`, configuration checks and documentation.
public struct RuleDescription: Sendable {
  /// Stable, kebab-case; used in reports and `.lint.yml`.
  public var id: String
  /// One sentence: what it finds.
  public var summary: String
  /// Why it matters and what the fix does.
  public var rationale: String
  public var defaultSeverity: Severity
  public var fixable: Bool
  /// Text the rule must flag and text it must pass, with the bundled dictionaries; the
  /// test suite runs every one.
  public var flagExamples: [String]
  public var passExamples: [String]
  /// The format the examples are written in (bilingual rules need a bilingual file).
  public var exampleFormat: FileFormat = .text
  /// Whether the rule runs when `.lint.yml` does not name it (opt-in rules: false).
  public var enabledByDefault = true
}

/// How a glossary match was found.
public enum MatchSource: Sendable, Equatable {
  /// The text has a form as listed (after folding).
  case listed
  /// The text has a form once numbers are read as numbers; `ambiguous` when the text's
  /// number was read digit by digit or the key belongs to several concepts.
  case numeral(ambiguous: Bool)
  /// The text has a form spelled with look-alike letters.
  case confusable
}

/// What a rule sees of one match.
public struct MatchContext {
  public let file: SourceFile
  public let glossary: CompiledGlossary
  public let match: Match
  /// The original byte range of the match.
  public let range: TextRange
  /// How the match was found: only `numeral-variant` and `confusable` look at the others.
  public var source: MatchSource = .listed
  /// What rules made for earlier matches of the same file (messages), if the linter keeps it.
  public var cache: RuleCache?

  public var entry: FormEntry { glossary.entries[match.entry] }
  /// The match's concept, read in place.
  public var term: SharedTerm { glossary.terms.shared(glossary.entries.termIndex(match.entry)) }
  /// The term as findings report it, shared by every finding of the term.
  public var termSummary: TermSummary { glossary.summary(of: entry.termIndex) }
  public var matchedText: String { file.text(range) }
}

/// Messages and replacements rules made for earlier matches of one file, by rule, form
/// entry and matched text: a file with one variant throughout builds its message once and
/// its findings share the strings. Used by one thread at a time (one per file linted);
/// holds at most `capacity` entries.
public final class RuleCache: @unchecked Sendable {
  public struct Key: Hashable {
    public var rule: Int
    public var entry: Int
    public var text: String
    public var flag: Bool

    public init(rule: Int, entry: Int, text: String, flag: Bool) {
      self.rule = rule
      self.entry = entry
      self.text = text
      self.flag = flag
    }

    // By the text's bytes: `String`'s == and hash hold for canonically equivalent texts, and
    // a message made for "café" in NFC quotes the wrong bytes for "café" in NFD.
    public static func == (a: Key, b: Key) -> Bool {
      a.rule == b.rule && a.entry == b.entry && a.flag == b.flag
        && a.text.hasSameBytes(as: b.text)
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(rule)
      hasher.combine(entry)
      hasher.combine(flag)
      text.hashBytes(into: &hasher)
    }
  }

  static let capacity = 4096
  private var made: [Key: (String, String?)] = [:]

  public init() {}

  public subscript(key: Key) -> (String, String?)? {
    get { made[key] }
    set {
      guard made.count < Self.capacity || made[key] != nil else { return }
      made[key] = newValue
    }
  }
}

/// A rule's raw verdict; the engine adds path, severity and positions.
public struct Finding: Sendable {
  public var rule: String
  public var range: TextRange
  public var message: String
  public var fix: Fix?
  public var term: TermSummary?
  /// Related places and what other rules said here (see `FindingMerge`).
  public var notes: [Note] = []
  /// What this finding says when it is folded into another rule's finding at the same
  /// place, if shorter than `message`, and the related places it then adds (a finding of
  /// its own lists them in its message).
  public var noteMessage: String?
  public var relatedNotes: [Note] = []
  /// The unit of a bilingual file the finding is in (XLIFF unit id, PO msgid, TMX tu).
  public var unit: String?
}

/// A rule that judges glossary matches.
public protocol MatchRule: Sendable {
  static var description: RuleDescription { get }
  func check(_ context: MatchContext) -> Finding?
}

/// What a segment rule sees of one segment of a document (a target with its source, a
/// prose block).
public struct SegmentContext {
  public let document: Document
  public let segment: Segment
  public let glossary: CompiledGlossary
  /// The glossary matches inside the segment: range in the view, form entry.
  public let matches: [(range: TextRange, entry: Int)]
  let sources: LazySourceMatcher

  /// The segment's text as checked (decoded).
  public var text: String {
    let bytes = document.view.bytes[segment.range]
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// A rule that judges whole segments of files in a format with a reader. Its findings are
/// in the original file's coordinates (a finding may point at an empty target).
public protocol SegmentRule: Sendable {
  static var description: RuleDescription { get }
  func check(_ context: SegmentContext) -> [Finding]
}

/// What a text rule sees of a document: the view (the text as checked: no markup, code,
/// notes or source text) and the paragraphs in it to judge, each a byte range of
/// `document.view.bytes`.
///
/// For plain text a paragraph is a block between blank lines, or a line when the block's
/// lines are paragraphs of their own (a line over `TextContext.longLine` characters: text
/// that is not hard-wrapped). For a document with segments, each segment in the target
/// language is judged, split at blank lines inside it.
public struct TextContext {
  public let document: Document
  public let paragraphs: [Range<Int>]
  /// The language the text should be in (`.lint.yml` `target_language`).
  public let targetLanguage: String

  /// A line longer than this many characters means the text is not hard-wrapped.
  public static let longLine = 120

  public init(document: Document, targetLanguage: String = "en") {
    self.document = document
    self.targetLanguage = targetLanguage
    paragraphs = Paragraphs.of(document, targetLanguage: targetLanguage)
  }

  public var view: SourceFile { document.view }
  public var bytes: [UInt8] { document.view.bytes }
  /// Whether the text should be English.
  public var targetIsEnglish: Bool { Document.isLanguage("en", targetLanguage) }
}

/// A rule that reads prose, paragraph by paragraph (plain text) or segment by segment. It
/// sees only the view, so it never judges markup, code, notes or source text. Its findings
/// are in the view's coordinates; the linter maps them to the original file.
public protocol TextRule: Sendable {
  static var description: RuleDescription { get }
  func check(_ context: TextContext) -> [Finding]
}

/// Every rule termlint knows, in the order they are listed.
public enum RuleRegistry {
  public static let matchRules: [any MatchRule] = [
    VariantRule(), FormRule(), NumeralVariantRule(), ConfusableRule(), TypographyRule(),
  ]

  public static let segmentRules: [any SegmentRule] = [MissingTermRule(), UntranslatedRule()]

  /// Rules that read the text itself. `untranslated` is a segment rule too: it is listed
  /// once.
  public static let textRules: [any TextRule] = [
    RepeatedWordRule(), UnpairedRule(), UntranslatedRule(),
  ]

  public static let all: [RuleDescription] = {
    let listed =
      matchRules.map { type(of: $0).description }
      + segmentRules.map { type(of: $0).description } + [
        ReorderedRule.description, InconsistentRule.description, UnusedSuppression.description,
      ]
    let ids = Set(listed.map(\.id))
    return listed + textRules.map { type(of: $0).description }.filter { !ids.contains($0.id) }
  }()

  public static func description(id: String) -> RuleDescription? {
    all.first { $0.id == id }
  }
}

/// Shows text in a message on one line: line breaks and tabs become spaces.
func quoted(_ text: String) -> String {
  // Printable ASCII (most matches): no line breaks to fold, and only ASCII quotes.
  if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.last, utf8.count > 1,
      first == UInt8(ascii: "\"") || first == UInt8(ascii: "'"),
      last == UInt8(ascii: "\"") || last == UInt8(ascii: "'")
    {
      return text
    }
    return "“" + text + "”"
  }
  var result = ""
  var lastWasSpace = false
  for character in text {
    if character.isNewline || character == "\t" {
      if !lastWasSpace { result.append(" ") }
      lastWasSpace = true
    } else {
      result.append(character)
      lastWasSpace = character == " "
    }
  }
  // Text that carries its own quotation marks is shown as it is.
  let opening: Set<Character> = ["“", "\"", "‘", "'", "「", "『", "«"]
  let closing: Set<Character> = ["”", "\"", "’", "'", "」", "』", "»"]
  if let first = result.first, let last = result.last, result.count > 1, opening.contains(first),
    closing.contains(last)
  {
    return result
  }
  return "“\(result)”"
}
