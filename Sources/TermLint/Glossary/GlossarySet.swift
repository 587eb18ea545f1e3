import GlossaryModel

/// Loads the glossaries a run uses, in precedence order: the bundled dictionaries (unless
/// left out), then those named in `.lint.yml`, then those given with `--glossary`. A later
/// term with the same id replaces an earlier one, so a project can set its house style.
public enum GlossarySet {
  /// The bundled dictionaries, loaded and checked when termlint was built (see
  /// `GlossaryCodec`): start-up parses no YAML.
  public static func bundled() throws(TermLintError) -> [Glossary] {
    guard let glossaries = GlossaryCodec.decode(BundledDictionaries.encoded) else {
      throw TermLintError(.glossary, "the bundled dictionaries are damaged; rebuild termlint")
    }
    return glossaries
  }

  /// Reads a glossary file.
  public static func load(path: String) throws(TermLintError) -> Glossary {
    let bytes: [UInt8]
    do {
      bytes = try FileReader.contents(of: path)
    } catch {
      throw TermLintError(.glossary, "cannot read glossary: \(error.message)", path: path)
    }
    return try load(path: path, bytes: bytes)
  }

  /// Reads a glossary from the bytes of the file at `path`.
  public static func load(path: String, bytes: [UInt8]) throws(TermLintError) -> Glossary {
    switch SourceFile.validate(bytes, from: 0) {
    case .binary?:
      throw TermLintError(.glossary, "the glossary is a binary file, not YAML", path: path)
    case .invalidUTF8(let offset)?:
      throw TermLintError(
        .glossary, "the glossary is not valid UTF-8 (byte offset \(offset))", path: path)
    case nil:
      break
    }
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return try GlossaryLoader.load(yaml: text, path: path)
  }

  /// The glossaries compiled: through `cache` when given (see `GlossaryCache`), else
  /// loaded and compiled now.
  public static func compiled(builtin: Bool, paths: [String], cache: GlossaryCache?)
    throws(TermLintError) -> CompiledGlossary
  {
    if let cache { return try cache.compiled(builtin: builtin, paths: paths).0 }
    return CompiledGlossary(glossaries: try load(builtin: builtin, paths: paths))
  }

  public static func load(builtin: Bool, paths: [String]) throws(TermLintError) -> [Glossary] {
    var result = builtin ? try bundled() : []
    for path in paths { result.append(try load(path: path)) }
    return result
  }
}
