/// Lints one file's text against a compiled glossary. Pure: no I/O, no printing.
public struct Linter: Sendable {
  public let glossary: CompiledGlossary
  public let configuration: Configuration
  /// Severities of the enabled rules when no override applies.
  public let severities: [String: Severity]
  /// Folded keys of `configuration.allow`.
  private let allowed: Set<String>

  public init(glossary: CompiledGlossary, configuration: Configuration) {
    self.glossary = glossary
    self.configuration = configuration
    severities = configuration.severities
    var folder = Folder()
    allowed = Set(configuration.allow.map { GlossaryChecker.foldedKey($0, &folder) })
  }

  /// A linter with exactly these rules enabled, at these severities.
  public init(glossary: CompiledGlossary, severities: [String: Severity]) {
    var configuration = Configuration(root: ".")
    for rule in RuleRegistry.all {
      configuration.rules[rule.id] = severities[rule.id].map { .severity($0) } ?? .off
    }
    self.init(glossary: glossary, configuration: configuration)
  }

  /// The enabled rules and severities for a file, with the configuration's overrides.
  public func severities(for path: String) -> [String: Severity] {
    guard !configuration.overrides.isEmpty else { return severities }
    return configuration.severities(forRelative: configuration.relativePath(path))
  }

  /// All findings for `file`, in order of offset, then rule.
  public func lint(_ file: SourceFile) -> [Diagnostic] {
    let severities = severities(for: file.path)
    let rules = RuleRegistry.matchRules.filter { severities[type(of: $0).description.id] != nil }
    var folder = Folder()
    let folded = file.bytes.withUnsafeBufferPointer {
      folder.fold($0, range: file.textStart..<$0.count)
    }
    let glossary = self.glossary
    let matches =
      rules.isEmpty
      ? []
      : glossary.matches(in: folded.bytes) { entryIndex, range in
        let entry = glossary.entries[entryIndex]
        guard glossary.terms[entry.termIndex].matchCase else { return true }
        let original = file.text(folded.map.originalRange(ofFolded: range))
        return FormComparison.matchesCase(original: original, form: entry.form.text)
      }
    var suppressions = Suppressions(file)
    var findings: [(Finding, Severity)] = []
    for match in matches {
      if !allowed.isEmpty && allowed.contains(Self.key(folded.bytes[match.folded])) { continue }
      let range = folded.map.originalRange(ofFolded: match.folded)
      let context = MatchContext(file: file, glossary: glossary, match: match, range: range)
      for rule in rules {
        guard let finding = rule.check(context), let severity = severities[finding.rule] else {
          continue
        }
        if !suppressions.isEmpty {
          let line = file.lineIndex.lineNumber(containing: finding.range.start) + 1
          if suppressions.suppresses(rule: finding.rule, line: line) { continue }
        }
        findings.append((finding, severity))
      }
    }
    if let severity = severities[UnusedSuppression.description.id], !suppressions.isEmpty {
      let unused = suppressions.unused(
        knownRules: Set(RuleRegistry.all.map(\.id)), enabledRules: Set(severities.keys))
      findings += unused.map { ($0, severity) }
    }
    return Self.diagnostics(findings, in: file)
  }

  /// The folded key of a folded span: its tokens joined by single spaces.
  static func key(_ folded: ArraySlice<UInt8>) -> String {
    let bytes = Array(folded)
    return Tokenizer.tokens(of: bytes).map {
      String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)
    }.joined(separator: " ")
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
