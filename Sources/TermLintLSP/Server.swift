import Foundation
import TermLint

/// The termlint language server: LSP 3.17 over any byte stream.
///
/// Feed it the client's bytes with `receive`; it writes framed messages through `output`
/// and notes through `log` (standard error for `termlint lsp`). Requests are answered as
/// they are read; documents changed by notifications are linted by `flush()`, which the
/// transport calls when no more input is waiting (so a burst of edits is linted once) and
/// which every request calls first (so an answer never sees stale findings). Nothing the
/// client sends stops the server except `exit`: malformed messages are answered with the
/// JSON-RPC error codes, bad headers are logged and skipped.
public final class LanguageServer {
  public enum State: Equatable, Sendable {
    case uninitialized, running, shutDown
  }

  struct OpenDocument {
    var document: TextDocument
    /// The file's path; nil for documents that are not files.
    var path: String?
    var projectKey: String?
    var generation = -1
    var diagnostics: [Diagnostic] = []
    var dirty = true
  }

  struct ClientOptions {
    var markdownHover = true
    var codeActionLiterals = true
    var documentChanges = false
    var watchFilesDynamically = false
  }

  private let output: ([UInt8]) -> Void
  private let log: (String) -> Void
  private let version: String
  private var framer = MessageFramer()
  public private(set) var state = State.uninitialized
  /// The exit status once `exit` was received: 0 after `shutdown`, else 1.
  public private(set) var exitCode: Int32?
  public private(set) var encoding = PositionEncoding.utf16
  private var client = ClientOptions()
  private var documents: [String: OpenDocument] = [:]
  private let projects = Projects()
  private var nextRequestID = 1

  public init(
    version: String, output: @escaping ([UInt8]) -> Void, log: @escaping (String) -> Void
  ) {
    self.version = version
    self.output = output
    self.log = log
  }

  // MARK: Transport

  /// Reads the client's bytes, handling every complete message in them. Returns the exit
  /// status once `exit` has been received (the rest of the input is then ignored).
  @discardableResult
  public func receive(_ bytes: some Sequence<UInt8>) -> Int32? {
    guard exitCode == nil else { return exitCode }
    framer.append(bytes)
    while exitCode == nil, let event = framer.next() {
      switch event {
      case .badHeader(let problem):
        log("termlint lsp: bad message header: \(problem); skipped")
      case .message(let body):
        handle(body)
      }
    }
    return exitCode
  }

  /// The input ended: the exit status, as if `exit` had been sent.
  public func endOfInput() -> Int32 {
    if let exitCode { return exitCode }
    let code: Int32 = state == .shutDown ? 0 : 1
    exitCode = code
    return code
  }

  private func send(_ message: JSONValue) {
    output(MessageFramer.frame(message.serialized))
  }

  private func notify(_ method: String, _ params: JSONValue) {
    send(Outgoing.notification(method, params))
  }

  func showMessage(_ text: String, type: Int) {
    notify("window/showMessage", ["type": .int(type), "message": .string(text)])
  }

  func logMessage(_ text: String, type: Int = 3) {
    notify("window/logMessage", ["type": .int(type), "message": .string(text)])
  }

  // MARK: Dispatch

  private func handle(_ body: [UInt8]) {
    switch IncomingMessage.decode(body) {
    case .failure(let failure):
      log("termlint lsp: \(failure.error.message)")
      send(Outgoing.error(id: failure.id, failure.error))
    case .success(.request(let id, let method, let params)):
      do {
        send(Outgoing.response(id: id, result: try request(method, params)))
      } catch {
        send(Outgoing.error(id: id, error))
      }
    case .success(.notification(let method, let params)):
      do {
        try notification(method, params)
      } catch {
        log("termlint lsp: \(method): \(error.message)")
      }
    case .success(.response(_, _, let error)):
      if let error, !error.isNull {
        log("termlint lsp: the client answered with an error: \(error.text)")
      }
    }
  }

  private func request(_ method: String, _ params: JSONValue?) throws(RPCError) -> JSONValue {
    switch state {
    case .uninitialized where method != "initialize":
      throw RPCError(RPCError.serverNotInitialized, "initialize first")
    case .shutDown:
      throw RPCError(RPCError.invalidRequest, "the server is shutting down")
    default: break
    }
    switch method {
    case "initialize":
      guard state == .uninitialized else {
        throw RPCError(RPCError.invalidRequest, "initialize was already sent")
      }
      return initialize(params)
    case "shutdown":
      state = .shutDown
      return .null
    case "textDocument/codeAction":
      return try codeAction(params)
    case "textDocument/hover":
      return try hover(params)
    default:
      throw RPCError(RPCError.methodNotFound, "unknown method '\(method)'")
    }
  }

  private func notification(_ method: String, _ params: JSONValue?) throws(RPCError) {
    if method == "exit" {
      exitCode = state == .shutDown ? 0 : 1
      return
    }
    guard state == .running else {
      if state == .uninitialized { log("termlint lsp: '\(method)' before initialize; ignored") }
      return
    }
    switch method {
    case "initialized": registerWatchers()
    case "textDocument/didOpen": try didOpen(params)
    case "textDocument/didChange": try didChange(params)
    case "textDocument/didSave": try didSave(params)
    case "textDocument/didClose": try didClose(params)
    case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
    default: break  // $/cancelRequest, $/setTrace and the like: nothing to do.
    }
  }

  // MARK: Lifecycle

  private func initialize(_ params: JSONValue?) -> JSONValue {
    let capabilities = params?["capabilities"]
    encoding = PositionEncoding.negotiate(
      capabilities?["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue))
    if let formats = capabilities?["textDocument"]?["hover"]?["contentFormat"]?.arrayValue {
      client.markdownHover = formats.contains("markdown")
    }
    client.codeActionLiterals =
      capabilities?["textDocument"]?["codeAction"]?["codeActionLiteralSupport"] != nil
    client.documentChanges =
      capabilities?["workspace"]?["workspaceEdit"]?["documentChanges"]?.boolValue == true
    client.watchFilesDynamically =
      capabilities?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue
      == true
    let root =
      params?["workspaceFolders"]?.arrayValue?.first?["uri"]?.stringValue.flatMap(FileURI.path)
      ?? params?["rootUri"]?.stringValue.flatMap(FileURI.path)
      ?? params?["rootPath"]?.stringValue
    projects.fallbackDirectory = root
    state = .running
    return [
      "capabilities": [
        "positionEncoding": .string(encoding.rawValue),
        "textDocumentSync": [
          "openClose": true, "change": 2, "save": ["includeText": false],
        ],
        "codeActionProvider": [
          "codeActionKinds": ["quickfix", .string(LSPMapping.fixAllKind)],
          "resolveProvider": false,
        ],
        "hoverProvider": true,
      ],
      "serverInfo": ["name": "termlint", "version": .string(version)],
    ]
  }

  /// Asks to be told about `.lint.yml` and YAML glossary changes, when the client can.
  private func registerWatchers() {
    guard client.watchFilesDynamically else { return }
    let id = nextRequestID
    nextRequestID += 1
    send(
      Outgoing.request(
        id: .int(id), "client/registerCapability",
        [
          "registrations": [
            [
              "id": "termlint-watched-files",
              "method": "workspace/didChangeWatchedFiles",
              "registerOptions": [
                "watchers": [["globPattern": "**/.lint.yml"], ["globPattern": "**/*.{yml,yaml}"]]
              ],
            ]
          ]
        ]))
  }

  // MARK: Documents

  private static func uri(of params: JSONValue?) throws(RPCError) -> String {
    guard let uri = params?["textDocument"]?["uri"]?.stringValue else {
      throw .invalidParams("textDocument.uri is missing")
    }
    return uri
  }

  private func didOpen(_ params: JSONValue?) throws(RPCError) {
    let item = params?["textDocument"]
    guard let uri = item?["uri"]?.stringValue, let text = item?["text"]?.stringValue else {
      throw .invalidParams("textDocument.uri and textDocument.text are required")
    }
    let document = TextDocument(
      uri: uri, languageID: item?["languageId"]?.stringValue ?? "plaintext",
      version: item?["version"]?.intValue ?? 0, text: text)
    documents[uri] = OpenDocument(document: document, path: FileURI.path(uri))
  }

  private func didChange(_ params: JSONValue?) throws(RPCError) {
    let uri = try Self.uri(of: params)
    guard var open = documents[uri] else {
      throw .invalidParams("didChange for a document that is not open: \(uri)")
    }
    guard let changes = params?["contentChanges"]?.arrayValue else {
      throw .invalidParams("contentChanges is missing")
    }
    for change in changes {
      guard let text = change["text"]?.stringValue else {
        throw .invalidParams("a content change without text")
      }
      var range: LSPRange?
      if let given = change["range"] {
        guard let parsed = LSPRange(json: given) else {
          throw .invalidParams("a content change with a malformed range")
        }
        range = parsed
      }
      if open.document.apply(ContentChange(range: range, text: text), encoding: encoding) {
        log("termlint lsp: \(uri): a change split a character; widened to whole characters")
      }
    }
    if let version = params?["textDocument"]?["version"]?.intValue {
      open.document.version = version
    }
    open.dirty = true
    documents[uri] = open
  }

  private func didSave(_ params: JSONValue?) throws(RPCError) {
    let uri = try Self.uri(of: params)
    // Saving a configuration or glossary from the editor: read the projects again.
    if let path = FileURI.path(uri),
      (path as NSString).lastPathComponent == Configuration.fileName
        || projects.watchedPaths.contains(path)
    {
      reloadProjects()
    }
    documents[uri]?.dirty = true
  }

  private func didClose(_ params: JSONValue?) throws(RPCError) {
    let uri = try Self.uri(of: params)
    guard documents.removeValue(forKey: uri) != nil else { return }
    notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
  }

  private func didChangeWatchedFiles(_ params: JSONValue?) {
    let changes = params?["changes"]?.arrayValue ?? []
    let watched = projects.watchedPaths
    let relevant = changes.contains { change in
      guard let path = change["uri"]?.stringValue.flatMap(FileURI.path) else { return true }
      return (path as NSString).lastPathComponent == Configuration.fileName
        || watched.contains(path)
    }
    if relevant || changes.isEmpty { reloadProjects() }
  }

  private func reloadProjects() {
    projects.invalidateAll()
    for uri in documents.keys { documents[uri]?.dirty = true }
  }

  // MARK: Linting

  /// Lints every document that changed, or whose configuration did, and publishes its
  /// diagnostics.
  public func flush() {
    guard state == .running else { return }
    refreshProjects()
    for uri in documents.keys.sorted() where documents[uri]?.dirty == true {
      lint(uri)
    }
  }

  /// Finds each open document's project, reloads projects whose files changed, and marks
  /// the documents of reloaded projects for linting.
  private func refreshProjects() {
    var refreshed: [String: Projects.Refresh] = [:]
    for uri in documents.keys.sorted() {
      guard var open = documents[uri] else { continue }
      let key = projects.key(forDocumentAt: open.path)
      let refresh = refreshed[key] ?? projects.refresh(key)
      if refreshed[key] == nil {
        refreshed[key] = refresh
        if let problem = refresh.newProblem {
          log("termlint lsp: \(problem)")
          showMessage("termlint: \(problem)", type: 1)
        } else if refresh.reloaded && refresh.project.generation > 1 {
          logMessage("termlint: reloaded \(key.isEmpty ? "the default configuration" : key)")
        }
      }
      if open.projectKey != key || open.generation != refresh.project.generation {
        open.projectKey = key
        open.generation = refresh.project.generation
        open.dirty = true
      }
      documents[uri] = open
    }
  }

  /// The diagnostic for a file its format reader cannot read.
  static func formatDiagnostic(_ error: FormatError, in file: SourceFile) -> Diagnostic {
    let offset = min(max(0, error.offset), file.bytes.count)
    let position = file.lineIndex.position(of: offset, in: file.bytes)
    return Diagnostic(
      path: file.path, rule: "format", severity: .error, message: error.message,
      range: TextRange(start: offset, end: offset), start: position, end: position,
      matched: "", fix: nil, term: nil)
  }

  private func lint(_ uri: String) {
    guard var open = documents[uri] else { return }
    open.dirty = false
    open.diagnostics = []
    let project = open.projectKey.flatMap { projects.projects[$0] }
    if let linter = project?.linter {
      let path = open.path ?? Self.syntheticPath(open.document)
      // As on the command line, a file the configuration excludes is not linted.
      if open.path == nil || !Self.excludes(linter.configuration, path) {
        do {
          let file = try SourceFile(path: path, bytes: open.document.bytes)
          do {
            open.diagnostics = try linter.lint(file)
          } catch {
            // A file its format reader cannot read (malformed XML while typing): one
            // error where the reader stopped, as the command line reports it.
            open.diagnostics = [Self.formatDiagnostic(error, in: file)]
          }
        } catch .binary {
          log("termlint lsp: \(uri): not linted: it has a NUL character (binary)")
        } catch {
          log("termlint lsp: \(uri): not linted: \(error)")
        }
      }
    }
    documents[uri] = open
    let document = open.document
    let encoding = self.encoding
    notify(
      "textDocument/publishDiagnostics",
      [
        "uri": .string(uri), "version": .int(document.version),
        "diagnostics": .array(
          open.diagnostics.map { LSPMapping.diagnostic($0, in: document, encoding: encoding) }),
      ])
  }

  static func excludes(_ configuration: Configuration, _ path: String) -> Bool {
    var unfiltered = configuration
    unfiltered.include = []
    return !unfiltered.includes(file: configuration.relativePath(path))
  }

  /// A name for a document that is not a file, with an extension for its language, so
  /// that a format chosen by extension applies.
  static func syntheticPath(_ document: TextDocument) -> String {
    let extensions = [
      "markdown": "md", "plaintext": "txt", "html": "html", "xliff": "xlf", "po": "po",
      "yaml": "yml", "json": "json",
    ]
    return "untitled." + (extensions[document.languageID] ?? "txt")
  }

  // MARK: Requests

  private func openDocument(_ params: JSONValue?) throws(RPCError) -> OpenDocument? {
    let uri = try Self.uri(of: params)
    flush()
    return documents[uri]
  }

  private func codeAction(_ params: JSONValue?) throws(RPCError) -> JSONValue {
    guard let range = LSPRange(json: params?["range"]) else {
      throw .invalidParams("range is missing or malformed")
    }
    guard let open = try openDocument(params), client.codeActionLiterals else { return [] }
    let document = open.document
    let start = document.lines.resolve(range.start, in: document.bytes, encoding: encoding)
    let end = document.lines.resolve(
      range.end, in: document.bytes, encoding: encoding, rounding: .up)
    let only = params?["context"]?["only"]?.arrayValue?.compactMap(\.stringValue)
    var fixAll: [UInt8]?
    if LSPMapping.wanted(LSPMapping.fixAllKind, only: only),
      open.diagnostics.contains(where: { $0.fix?.applicability == .safe }),
      let linter = open.projectKey.flatMap({ projects.projects[$0]?.linter }),
      let file = try? SourceFile(
        path: open.path ?? Self.syntheticPath(document), bytes: document.bytes)
    {
      fixAll = try? Fixer.fix(file, linter: linter, unsafe: false).bytes
    }
    return .array(
      LSPMapping.codeActions(
        for: TextRange(start: start.offset, end: max(start.offset, end.offset)), in: document,
        diagnostics: open.diagnostics, encoding: encoding, only: only,
        versioned: client.documentChanges, fixAll: fixAll))
  }

  private func hover(_ params: JSONValue?) throws(RPCError) -> JSONValue {
    guard let position = LSPPosition(json: params?["position"]) else {
      throw .invalidParams("position is missing or malformed")
    }
    guard let open = try openDocument(params),
      let linter = open.projectKey.flatMap({ projects.projects[$0]?.linter })
    else { return .null }
    let document = open.document
    let offset = document.offset(of: position, encoding: encoding)
    let found = open.diagnostics.filter { $0.range.start <= offset && offset <= $0.range.end }
    guard let first = found.first else { return .null }
    let markdown = client.markdownHover
    let text = LSPMapping.hover(found, glossary: linter.glossary, markdown: markdown)
    return [
      "contents": ["kind": markdown ? "markdown" : "plaintext", "value": .string(text)],
      "range": document.range(of: first.range.start, first.range.end, encoding: encoding).json,
    ]
  }
}
