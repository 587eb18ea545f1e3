/// The base protocol's framing: `Content-Length: N\r\n` (other headers ignored), a blank
/// line, then N bytes of JSON.
///
/// Bytes arrive in any pieces (a message split over reads, several messages in one read);
/// `append` them and take `next()` until it returns nil. A bad header block is reported as
/// `.badHeader` and dropped; since the length of what follows it is unknown, reading
/// resumes at the next `Content-Length` header. A body longer than `maxContentLength` is
/// reported and skipped without being held, so memory stays bounded whatever the peer
/// sends.
public struct MessageFramer: Sendable {
  public enum Event: Equatable, Sendable {
    case message([UInt8])
    case badHeader(String)
  }

  /// A header block longer than this (no blank line yet) is not a header.
  public static let maxHeaderBytes = 8 * 1024
  public let maxContentLength: Int

  private var buffer: [UInt8] = []
  private var start = 0
  /// The length of the body being read, once its header is read.
  private var bodyLength: Int?
  /// Bytes of an oversized body still to drop.
  private var skipping = 0
  /// After a bad header: drop bytes up to the next `Content-Length`.
  private var resynchronizing = false

  public init(maxContentLength: Int = 64 * 1024 * 1024) {
    self.maxContentLength = maxContentLength
  }

  /// Bytes held, waiting for the rest of a message.
  public var pending: Int { buffer.count - start }

  public mutating func append(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
  }

  public mutating func next() -> Event? {
    defer { compact() }
    if skipping > 0 {
      let dropped = min(skipping, buffer.count - start)
      start += dropped
      skipping -= dropped
      if skipping > 0 { return nil }
    }
    if resynchronizing {
      guard let found = Self.find(Self.marker, in: buffer, from: start) else {
        // Keep what may be the start of the marker.
        start = max(start, buffer.count - (Self.marker.count - 1))
        return nil
      }
      start = found
      resynchronizing = false
    }
    if bodyLength == nil {
      guard let end = headerEnd() else {
        if buffer.count - start > Self.maxHeaderBytes {
          start += 1
          resynchronizing = true
          return .badHeader("no blank line within \(Self.maxHeaderBytes) bytes of header")
        }
        return nil
      }
      let header = buffer[start..<end]
      start = end + 4
      switch Self.contentLength(of: header) {
      case .success(let length):
        guard length <= maxContentLength else {
          skipping = length
          return .badHeader(
            "Content-Length \(length) is over the limit of \(maxContentLength) bytes; skipped")
        }
        bodyLength = length
      case .failure(let problem):
        resynchronizing = true
        return .badHeader(problem.message)
      }
    }
    guard let length = bodyLength, buffer.count - start >= length else { return nil }
    let body = Array(buffer[start..<start + length])
    start += length
    bodyLength = nil
    return .message(body)
  }

  /// The offset of the `\r\n\r\n` that ends the header at `start`.
  private func headerEnd() -> Int? {
    var index = start
    let limit = buffer.count - 3
    while index < limit {
      if buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D
        && buffer[index + 3] == 0x0A
      {
        return index
      }
      index += 1
    }
    return nil
  }

  static let marker = Array("Content-Length".utf8)

  /// The first place of `needle` in `haystack` at or after `from`, ASCII case ignored.
  static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
    guard haystack.count - from >= needle.count else { return nil }
    for index in from...(haystack.count - needle.count) {
      var matched = true
      for (k, byte) in needle.enumerated() where lower(haystack[index + k]) != lower(byte) {
        matched = false
        break
      }
      if matched { return index }
    }
    return nil
  }

  private static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
  }

  struct HeaderProblem: Error { var message: String }

  static func contentLength(of header: ArraySlice<UInt8>) -> Result<Int, HeaderProblem> {
    guard let text = String(validating: header, as: UTF8.self) else {
      return .failure(HeaderProblem(message: "the header is not UTF-8"))
    }
    var length: Int?
    for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
      guard let colon = line.firstIndex(of: ":") else {
        return .failure(HeaderProblem(message: "header line without ':': \(line.prefix(80))"))
      }
      let name = line[..<colon].trimmingSpaces.lowercased()
      let value = line[line.index(after: colon)...].trimmingSpaces
      if name == "content-length" {
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
          value.count <= 12, let number = Int(value)
        else {
          return .failure(HeaderProblem(message: "bad Content-Length '\(value.prefix(40))'"))
        }
        length = number
      }
    }
    guard let length else { return .failure(HeaderProblem(message: "no Content-Length header")) }
    return .success(length)
  }

  private mutating func compact() {
    if start == buffer.count {
      buffer.removeAll(keepingCapacity: buffer.count < 1 << 20)
      start = 0
    } else if start > 64 * 1024 && start * 2 > buffer.count {
      buffer.removeFirst(start)
      start = 0
    }
  }

  /// A framed message: the header and the body.
  public static func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
