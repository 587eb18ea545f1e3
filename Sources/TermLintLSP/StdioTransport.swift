#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a `LanguageServer` over file descriptors (standard input and output for
/// `termlint lsp`): reads whatever is there, hands it over, and lints changed documents
/// when no more input is waiting, so a burst of edits is linted once.
public struct StdioTransport {
  public var input: Int32
  public var output: Int32

  public init(input: Int32 = 0, output: Int32 = 1) {
    self.input = input
    self.output = output
  }

  /// Serves until `exit` or the end of input; returns the exit status (0 after
  /// `shutdown`, 1 otherwise). A failed write (the client went away) ends it with 1.
  public func run(version: String, log: @escaping (String) -> Void) -> Int32 {
    let writer = Writer(descriptor: output)
    let server = LanguageServer(
      version: version, output: { writer.write($0) }, log: log)
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while !writer.failed {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        log("termlint lsp: cannot read standard input: \(String(cString: strerror(errno)))")
        break
      }
      if count == 0 { break }
      if let code = server.receive(buffer[0..<count]) { return code }
      if !inputWaiting() { server.flush() }
    }
    if writer.failed {
      log("termlint lsp: cannot write to the client; stopping")
      return 1
    }
    return server.endOfInput()
  }

  /// Whether more input can be read at once.
  private func inputWaiting() -> Bool {
    var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0) > 0
  }

  /// Writes whole messages, retrying short writes and EINTR.
  final class Writer {
    let descriptor: Int32
    private(set) var failed = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    func write(_ bytes: [UInt8]) {
      guard !failed else { return }
      var offset = 0
      while offset < bytes.count {
        let written = bytes.withUnsafeBytes { raw -> Int in
          guard let base = raw.baseAddress else { return 0 }
          #if canImport(Glibc)
            return Glibc.write(descriptor, base + offset, raw.count - offset)
          #else
            return Darwin.write(descriptor, base + offset, raw.count - offset)
          #endif
        }
        if written < 0 {
          if errno == EINTR { continue }
          failed = true
          return
        }
        offset += written
      }
    }
  }
}
