import TermLint

/// termlint's findings in LSP terms: diagnostics, code actions and hover text. Pure
/// functions of a document, its diagnostics and the position encoding.
public enum LSPMapping {
  public static let source = "termlint"
  public static let fixAllKind = "source.fixAll.termlint"

  /// error/warning/info → 1/2/3.
  public static func severity(_ severity: Severity) -> Int {
    switch severity {
    case .error: 1
    case .warning: 2
    case .info: 3
    }
  }

  /// A fix's edits as LSP text edits, in order.
  static func textEdits(_ fix: Fix, in document: TextDocument, encoding: PositionEncoding)
    -> [JSONValue]
  {
    fix.edits.sorted { $0.range < $1.range }.map { edit in
      [
        "range": document.range(of: edit.range.start, edit.range.end, encoding: encoding).json,
        "newText": .string(edit.replacement),
      ]
    }
  }

  /// The LSP diagnostic of a finding. `data` holds what a code action needs without the
  /// server's state: the rule, the concept, the fix's applicability and its edits.
  public static func diagnostic(
    _ diagnostic: Diagnostic, in document: TextDocument, encoding: PositionEncoding
  ) -> JSONValue {
    var data: [String: JSONValue] = ["rule": .string(diagnostic.rule)]
    if let term = diagnostic.term { data["concept"] = .string(term.id) }
    if let fix = diagnostic.fix {
      data["fix"] = [
        "applicability": .string(fix.applicability.rawValue),
        "edits": .array(textEdits(fix, in: document, encoding: encoding)),
      ]
    }
    return [
      "range": document.range(of: diagnostic.range.start, diagnostic.range.end, encoding: encoding)
        .json,
      "severity": .int(severity(diagnostic.severity)),
      "code": .string(diagnostic.rule),
      "source": .string(source),
      "message": .string(diagnostic.message),
      "data": .object(data),
    ]
  }

  /// The title of a finding's quick fix.
  public static func title(_ diagnostic: Diagnostic) -> String {
    let action =
      diagnostic.replacement.map { "Replace with “\($0)”" } ?? "Apply the \(diagnostic.rule) fix"
    switch diagnostic.fix?.applicability {
    case .unsafe?: return action + " (unsafe fix: check the sentence)"
    case .displayOnly?: return action + " (suggestion only)"
    default: return action
    }
  }

  /// How a code action's edit is written: `documentChanges` (versioned, so a client
  /// refuses it for a changed buffer) when the client supports it, else `changes`.
  public static func workspaceEdit(
    _ edits: [JSONValue], in document: TextDocument, versioned: Bool
  ) -> JSONValue {
    if versioned {
      return [
        "documentChanges": [
          [
            "textDocument": ["uri": .string(document.uri), "version": .int(document.version)],
            "edits": .array(edits),
          ]
        ]
      ]
    }
    return ["changes": .object([document.uri: .array(edits)])]
  }

  /// Whether an action of `kind` is wanted when the client asks `only` these kinds
  /// (a kind includes its sub-kinds: `source.fixAll` includes `source.fixAll.termlint`).
  public static func wanted(_ kind: String, only: [String]?) -> Bool {
    guard let only else { return true }
    return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
  }

  /// The code actions for byte range `range` of `document`: a quick fix for every
  /// finding with a fix that touches the range (safe fixes preferred; unsafe ones say so
  /// in their title), then the file's fix-all action when it has safe fixes.
  public static func codeActions(
    for range: TextRange, in document: TextDocument, diagnostics: [Diagnostic],
    encoding: PositionEncoding, only: [String]?, versioned: Bool, fixAll: [UInt8]?
  ) -> [JSONValue] {
    var actions: [JSONValue] = []
    if wanted("quickfix", only: only) {
      for diagnostic in diagnostics {
        guard let fix = diagnostic.fix, !fix.edits.isEmpty,
          diagnostic.range.start <= range.end, diagnostic.range.end >= range.start
        else { continue }
        let edits = textEdits(fix, in: document, encoding: encoding)
        actions.append(
          [
            "title": .string(title(diagnostic)),
            "kind": "quickfix",
            "diagnostics": [Self.diagnostic(diagnostic, in: document, encoding: encoding)],
            "isPreferred": .bool(fix.applicability == .safe),
            "edit": workspaceEdit(edits, in: document, versioned: versioned),
          ])
      }
    }
    if wanted(fixAllKind, only: only), let fixed = fixAll, fixed != document.bytes {
      let edit = replacement(from: document.bytes, to: fixed)
      let textEdit: JSONValue = [
        "range": document.range(of: edit.range.start, edit.range.end, encoding: encoding).json,
        "newText": .string(edit.replacement),
      ]
      actions.append(
        [
          "title": "Fix all termlint safe fixes in this file",
          "kind": .string(fixAllKind),
          "edit": workspaceEdit([textEdit], in: document, versioned: versioned),
        ])
    }
    return actions
  }

  /// One edit that turns `old` into `new`: the bytes between their common start and
  /// common end, both cut at character boundaries.
  public static func replacement(from old: [UInt8], to new: [UInt8]) -> Edit {
    var prefix = 0
    let limit = min(old.count, new.count)
    while prefix < limit && old[prefix] == new[prefix] { prefix += 1 }
    // Back to the start of a character.
    while prefix > 0 && prefix < old.count && old[prefix] & 0xC0 == 0x80 { prefix -= 1 }
    var suffix = 0
    while suffix < limit - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
      suffix += 1
    }
    // Forward to a character's start (a continuation byte cannot start the common end).
    while suffix > 0 && old[old.count - suffix] & 0xC0 == 0x80 { suffix -= 1 }
    let replaced = new[prefix..<new.count - suffix]
    return Edit(
      range: TextRange(start: prefix, end: old.count - suffix),
      replacement: String(decoding: replaced, as: UTF8.self))
  }

  /// The hover text for findings at a place: each finding's rule, severity, message and
  /// fix, then the `termlint explain` text of each concept they concern (a finding with no
  /// concept gets its rule's summary).
  public static func hover(
    _ diagnostics: [Diagnostic], glossary: CompiledGlossary, markdown: Bool
  ) -> String {
    var findings: [String] = []
    var explanations: [String] = []
    var explained: Set<String> = []
    for diagnostic in diagnostics {
      let rule = diagnostic.rule
      let severity = diagnostic.severity.rawValue
      var part =
        markdown
        ? "**termlint** `\(rule)` (\(severity)): " + escapeMarkdown(diagnostic.message)
        : "termlint [\(rule)] (\(severity)): \(diagnostic.message)"
      if let replacement = diagnostic.replacement {
        let fix = "Fix: replace with “\(markdown ? escapeMarkdown(replacement) : replacement)”"
        part += (markdown ? "\n\n" : "\n") + fix
      }
      findings.append(part)
      if let id = diagnostic.term?.id {
        guard explained.insert(id).inserted, let term = glossary.term(id: id) else { continue }
        let text = Explainer.describe(term)
        var explanation = markdown ? fenced(text) : text
        // The reference as a link (the fenced text cannot hold one).
        if markdown, let reference = term.reference, reference.hasPrefix("http"),
          !reference.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        {
          explanation += "\nReference: <\(reference)>"
        }
        explanations.append(explanation)
      } else if let rule = RuleRegistry.description(id: diagnostic.rule),
        explained.insert("rule:" + rule.id).inserted
      {
        explanations.append(markdown ? escapeMarkdown(rule.summary) : rule.summary)
      }
    }
    return (findings + explanations).joined(separator: "\n\n")
  }

  /// Text in a fenced code block whose fence no run of backticks inside can close.
  static func fenced(_ text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    let body = text.hasSuffix("\n") ? text : text + "\n"
    return fence + "text\n" + body + fence
  }

  static func escapeMarkdown(_ text: String) -> String {
    var out = ""
    for character in text {
      if "\\`*_{}[]<>()#+!|~".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}
