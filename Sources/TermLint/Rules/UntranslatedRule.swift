// Rules stage: `untranslated` — a target left empty or in the source language.

import GlossaryModel

/// A bilingual segment whose target is empty, or is its source again: nothing was
/// translated.
public struct UntranslatedRule: SegmentRule {
  public static let description = RuleDescription(
    id: "untranslated",
    summary: "A bilingual segment's target is empty or the same as its source.",
    rationale: """
      An empty target or a copy of the source is a segment the machine translation or the \
      translator skipped. termlint reports it so that it is not delivered as if it were done \
      (info: a CAT tool may fill targets later).
      """,
    defaultSeverity: .info, fixable: false,
    flagExamples: [
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a">
      <body>
      <trans-unit id="1"><source>八八战略</source><target>⟦八八战略⟧</target></trans-unit>
      </body></file></xliff>
      """
    ],
    passExamples: [
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a">
      <body>
      <trans-unit id="1"><source>八八战略</source><target>the Double-Eight Strategy</target></trans-unit>
      </body></file></xliff>
      """
    ], exampleFormat: .xliff)

  public init() {}

  /// Whether the segment's target is empty or equal to its source (spacing ignored).
  static func isUntranslated(_ context: SegmentContext) -> Bool {
    guard let source = context.segment.source else { return false }
    if context.segment.range.isEmpty { return true }
    func squeezed(_ text: String) -> String {
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let target = squeezed(context.text)
    return target.isEmpty || target == squeezed(source.text)
  }

  public func check(_ context: SegmentContext) -> [Finding] {
    guard let source = context.segment.source, !source.text.allSatisfy(\.isWhitespace),
      Self.isUntranslated(context)
    else { return [] }
    let empty = context.segment.range.isEmpty || context.text.allSatisfy(\.isWhitespace)
    let unit = context.segment.unit.map { " (\($0))" } ?? ""
    return [
      Finding(
        rule: Self.description.id, range: context.segment.originalRange,
        message: empty
          ? "the target of this segment\(unit) is empty"
          : "the target of this segment\(unit) is the source text, untranslated",
        fix: nil, term: nil,
        notes: [Note(message: "source: \(quoted(source.text))", range: source.range)],
        unit: context.segment.unit)
    ]
  }
}
