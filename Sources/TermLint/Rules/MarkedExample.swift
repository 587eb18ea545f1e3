// Rules stage: rule examples as data.
//
// A rule's flag examples mark where each finding must start and end: `⟦88th Strategy⟧`, or
// `⟦88th Strategy→Double-Eight Strategy⟧` to state the fix's replacement too. One test runs
// every rule's examples; `termlint rules --markdown` shows them without the markers.

/// A rule example with its markers taken out.
public struct MarkedExample: Sendable, Equatable {
  /// A marked span: the bytes of `text` a finding must cover, and its fix's replacement
  /// when the example states one.
  public struct Span: Sendable, Equatable {
    public var range: TextRange
    public var fix: String?
  }

  public static let open: Character = "⟦"
  public static let close: Character = "⟧"
  public static let arrow: Character = "→"

  /// The example as text to lint.
  public var text: String
  public var spans: [Span]

  /// Takes the markers out of `marked`. Unbalanced markers are left in the text, so a test
  /// of the example fails rather than passes quietly.
  public init(_ marked: String) {
    var text = ""
    var spans: [Span] = []
    var openAt: Int?
    var fix: String?
    for character in marked {
      switch character {
      case Self.open where openAt == nil:
        openAt = text.utf8.count
      case Self.arrow where openAt != nil && fix == nil:
        fix = ""
      case Self.close where openAt != nil:
        spans.append(Span(range: TextRange(start: openAt!, end: text.utf8.count), fix: fix))
        openAt = nil
        fix = nil
      default:
        if fix != nil { fix!.append(character) } else { text.append(character) }
      }
    }
    self.text = text
    self.spans = spans
  }

  /// The example without markers, with `⟦…⟧` spans kept for readers: the text as written.
  public static func plain(_ marked: String) -> String { MarkedExample(marked).text }
}
