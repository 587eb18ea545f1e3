// Report stage: JSON written straight into bytes, for the reporters that write a line or
// an object per finding (JSON, JSON Lines): no string per value, the same bytes as
// `JSONWriter`.

/// Appends compact JSON values to a byte buffer, escaping as `JSONWriter.escape` does.
enum JSONBytes {
  /// Whether two optional strings are the same bytes (`==` on strings holds for canonically
  /// equivalent ones: "café" in NFC and in NFD).
  static func sameBytes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): a.hasSameBytes(as: b)
    default: false
    }
  }

  static func string(_ value: String?, to out: inout [UInt8]) {
    guard let value else { return literal("null", to: &out) }
    var text = value
    text.withUTF8 { escaped($0, to: &out) }
  }

  /// The bytes of a JSON string: quoted, with control characters, quote, backslash and
  /// U+2028/U+2029 escaped.
  static func escaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var start = 0
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      var escape: StaticString?
      var length = 1
      if byte < 0x20 {
        switch byte {
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0x08: escape = "\\b"
        case 0x0C: escape = "\\f"
        default: escape = ""
        }
      } else if byte == UInt8(ascii: "\"") {
        escape = "\\\""
      } else if byte == UInt8(ascii: "\\") {
        escape = "\\\\"
      } else if byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
      {
        escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        length = 3
      }
      guard let escape else {
        index += 1
        continue
      }
      if start < index {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
      }
      if escape.utf8CodeUnitCount == 0 {
        // Another control character: \u00XX, lower-case hex.
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
      } else {
        escape.withUTF8Buffer { out.append(contentsOf: $0) }
      }
      index += length
      start = index
    }
    if start < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    out.append(UInt8(ascii: "\""))
  }

  static func number(_ value: Int?, to out: inout [UInt8]) {
    guard let value else { return literal("null", to: &out) }
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      out.append(contentsOf: buffer[(24 - count)...])
    }
  }

  /// Bytes written as they are: punctuation, keys, `null`.
  static func literal(_ text: StaticString, to out: inout [UInt8]) {
    text.withUTF8Buffer { out.append(contentsOf: $0) }
  }
}
