/// Lints one file's text against a compiled glossary. Pure: no I/O, no printing.
public struct Linter: Sendable {
  public let glossary: CompiledGlossary
  /// The enabled rules and their severities.
  public let severities: [String: Severity]
  private let rules: [any MatchRule]

  public init(glossary: CompiledGlossary, severities: [String: Severity]) {
    self.glossary = glossary
    self.severities = severities
    self.rules = RuleRegistry.matchRules.filter { severities[type(of: $0).description.id] != nil }
  }

  /// All findings for `file`, in order of offset, then rule.
  public func lint(_ file: SourceFile) -> [Diagnostic] {
    guard !rules.isEmpty else { return [] }
    var folder = Folder()
    let folded = file.bytes.withUnsafeBufferPointer {
      folder.fold($0, range: file.textStart..<$0.count)
    }
    let glossary = self.glossary
    let matches = glossary.matches(in: folded.bytes) { entryIndex, range in
      let entry = glossary.entries[entryIndex]
      guard glossary.terms[entry.termIndex].matchCase else { return true }
      let original = file.text(folded.map.originalRange(ofFolded: range))
      return FormComparison.matchesCase(original: original, form: entry.form.text)
    }
    var findings: [(Finding, Severity)] = []
    for match in matches {
      let range = folded.map.originalRange(ofFolded: match.folded)
      let context = MatchContext(file: file, glossary: glossary, match: match, range: range)
      for rule in rules {
        guard let finding = rule.check(context),
          let severity = severities[finding.rule]
        else { continue }
        findings.append((finding, severity))
      }
    }
    return Self.diagnostics(findings, in: file)
  }

  /// Turns findings into diagnostics with line and column, sorted.
  static func diagnostics(_ findings: [(Finding, Severity)], in file: SourceFile) -> [Diagnostic] {
    let offsets = findings.flatMap { [$0.0.range.start, $0.0.range.end] }
    let positions = file.lineIndex.positions(of: offsets, in: file.bytes)
    return findings.map { finding, severity in
      Diagnostic(
        path: file.path, rule: finding.rule, severity: severity, message: finding.message,
        range: finding.range,
        start: positions[finding.range.start] ?? SourcePosition(line: 1, column: 1),
        end: positions[finding.range.end] ?? SourcePosition(line: 1, column: 1),
        matched: file.text(finding.range), fix: finding.fix, term: finding.term)
    }.sorted(by: Diagnostic.ordered)
  }
}
