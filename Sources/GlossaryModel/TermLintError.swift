/// A problem that stops termlint from doing what was asked: bad configuration, a
/// malformed glossary, a file that cannot be read. It says what and where.
public struct TermLintError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case configuration
    case glossary
    case io
    /// A file its format reader cannot read (malformed XML, an unterminated PO string).
    case format
    case usage
  }

  public var kind: Kind
  public var message: String
  /// Where the problem is; for YAML, the line and column of the offending node.
  public var location: SourceLocation?
  /// For files that are not text: the path alone (no line or column applies).
  public var path: String?

  public init(
    _ kind: Kind, _ message: String, at location: SourceLocation? = nil, path: String? = nil
  ) {
    self.kind = kind
    self.message = message
    self.location = location
    self.path = path ?? location?.path
  }

  public var description: String {
    if let location { return "\(location): \(message)" }
    if let path { return "\(path): \(message)" }
    return message
  }
}
