// Rules stage: `missing-term` — the source names a concept the target does not render.

import GlossaryModel

/// A bilingual segment whose source contains a concept's source form and whose target has
/// neither the preferred nor an accepted rendering of it: the target is wrong however the
/// machine translation rendered it. On a listed variant or a numeral or look-alike rendering
/// of the concept, the finding sits there (and merges with that rule's finding); otherwise
/// it covers the whole target.
public struct MissingTermRule: SegmentRule {
  public static let description = RuleDescription(
    id: "missing-term",
    summary: "A bilingual segment's source names a concept whose preferred English is missing "
      + "from the target.",
    rationale: """
      In XLIFF, PO, TMX and other bilingual files the source says which concept a sentence \
      is about. If the source contains 八八战略 and the target contains neither “Double-Eight \
      Strategy” nor an accepted form, the target is wrong whatever it says instead — a listed \
      variant or a rendering nobody has seen. Chinese is matched without spaces after folding \
      width, quotation marks and brackets, with Traditional characters read as Simplified. \
      Concepts without an authoritative English rendering are not checked.
      """,
    defaultSeverity: .warning, fixable: false,
    flagExamples: [
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a">
      <body>
      <trans-unit id="1"><source>坚持八八战略</source><target>adhere to the ⟦Eight-Eight Strategy⟧</target></trans-unit>
      <trans-unit id="2"><source>深入实施八八战略</source><target>⟦implement the strategy in depth⟧</target></trans-unit>
      </body></file></xliff>
      """
    ],
    passExamples: [
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a">
      <body>
      <trans-unit id="1"><source>坚持八八戰略</source><target>adhere to the Double-Eight Strategy</target></trans-unit>
      <trans-unit id="2"><source>新年好</source><target>Happy New Year</target></trans-unit>
      </body></file></xliff>
      """
    ], exampleFormat: .xliff)

  public init() {}

  public func check(_ context: SegmentContext) -> [Finding] {
    guard let source = context.segment.source, !context.segment.range.isEmpty,
      !UntranslatedRule.isUntranslated(context)
    else { return [] }
    let glossary = context.glossary
    var findings: [Finding] = []
    for (termIndex, form) in context.sources.value.concepts(in: source.text) {
      let term = glossary.terms[termIndex]
      guard let preferred = term.preferred else { continue }
      let ofConcept = context.matches.filter { glossary.entries[$0.entry].termIndex == termIndex }
      if ofConcept.contains(where: { glossary.entries[$0.entry].kind != .variant }) { continue }
      var expected = ([preferred] + term.accepted.prefix(2)).map { quoted($0.text) }
      if term.accepted.count > 2 { expected.append("another accepted form") }
      let sourceNote = Note(message: "the source says \(form)", range: source.range)
      if let rendering = ofConcept.first {
        let text = context.document.view.text(rendering.range)
        findings.append(
          Finding(
            rule: Self.description.id,
            range: context.document.originalRange(rendering.range),
            message: "the source says \(form) and the target renders it \(quoted(text)), "
              + "not \(expected.joined(separator: " or "))",
            fix: nil, term: TermSummary(term), notes: [sourceNote],
            noteMessage: "the source says \(form): expected \(quoted(preferred.text))"))
      } else {
        findings.append(
          Finding(
            rule: Self.description.id, range: context.segment.originalRange,
            message: "the source says \(form) but the target has no "
              + expected.joined(separator: " or "),
            fix: nil, term: TermSummary(term), notes: [sourceNote]))
      }
    }
    return findings.map {
      var finding = $0
      finding.unit = context.segment.unit
      return finding
    }
  }
}
