import TermLint

/// `file:` URIs and paths (RFC 8089, as editors write them: `file:///home/a/b%20c.md`).
public enum FileURI {
  /// The path of a `file:` URI (percent-decoded; an authority such as `localhost` is
  /// dropped); nil for other schemes (`untitled:`) and for URIs that do not decode to UTF-8.
  public static func path(_ uri: String) -> String? {
    let lower = uri.prefix(7).lowercased()
    guard lower == "file://" else { return nil }
    var rest = Substring(uri.dropFirst(7))
    // file://host/path: keep the path.
    if !rest.hasPrefix("/") {
      guard let slash = rest.firstIndex(of: "/") else { return nil }
      rest = rest[slash...]
    }
    // A query or fragment is not part of the path.
    if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
    var bytes: [UInt8] = []
    var utf8 = Array(rest.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    guard let path = String(validating: bytes, as: UTF8.self), !path.contains("\0") else {
      return nil
    }
    return path
  }

  /// The `file:` URI of an absolute path: every byte but ASCII letters, digits, `-._~/`
  /// percent-encoded.
  public static func uri(_ path: String) -> String {
    "file://" + CIPath.percentEncoded(path)
  }
}
