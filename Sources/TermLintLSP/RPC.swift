/// A JSON-RPC error: a code the protocol defines and a message for people.
public struct RPCError: Error, Equatable, Sendable {
  public var code: Int
  public var message: String

  public init(_ code: Int, _ message: String) {
    self.code = code
    self.message = message
  }

  public static let parseError = -32700
  public static let invalidRequest = -32600
  public static let methodNotFound = -32601
  public static let invalidParams = -32602
  public static let internalError = -32603
  /// LSP: a request before `initialize`.
  public static let serverNotInitialized = -32002

  public static func invalidParams(_ message: String) -> RPCError {
    RPCError(invalidParams, message)
  }

  var json: JSONValue { ["code": .int(code), "message": .string(message)] }
}

/// A message from the client, checked against JSON-RPC 2.0.
public enum IncomingMessage: Equatable, Sendable {
  case request(id: JSONValue, method: String, params: JSONValue?)
  case notification(method: String, params: JSONValue?)
  /// The answer to a request the server made (`client/registerCapability`).
  case response(id: JSONValue, result: JSONValue?, error: JSONValue?)

  /// Reads a message body. On failure, the error and the id to answer it with (null when
  /// the id itself could not be read), per JSON-RPC: -32700 for text that is not JSON,
  /// -32600 for JSON that is not a request.
  public static func decode(_ body: [UInt8]) -> Result<IncomingMessage, Failure> {
    let value: JSONValue
    do {
      value = try JSONParser.parse(body)
    } catch {
      return .failure(Failure(id: .null, error: RPCError(RPCError.parseError, "\(error)")))
    }
    guard case .object(let members) = value else {
      let what = value.arrayValue != nil ? "batches are not supported" : "not an object"
      return .failure(Failure(id: .null, error: RPCError(RPCError.invalidRequest, what)))
    }
    var id: JSONValue?
    if let given = members["id"] {
      switch given {
      case .int, .string: id = given
      case .null where members["method"] == nil: id = given
      default:
        return .failure(
          Failure(
            id: .null, error: RPCError(RPCError.invalidRequest, "id must be a number or a string")
          ))
      }
    }
    guard members["jsonrpc"] == .string("2.0") else {
      return .failure(
        Failure(
          id: id ?? .null, error: RPCError(RPCError.invalidRequest, "jsonrpc must be \"2.0\"")))
    }
    let params = members["params"]
    if let params, params.objectValue == nil, params.arrayValue == nil {
      return .failure(
        Failure(
          id: id ?? .null,
          error: RPCError(RPCError.invalidRequest, "params must be an object or an array")))
    }
    if let method = members["method"] {
      guard let name = method.stringValue else {
        return .failure(
          Failure(
            id: id ?? .null, error: RPCError(RPCError.invalidRequest, "method must be a string")))
      }
      if let id { return .success(.request(id: id, method: name, params: params)) }
      return .success(.notification(method: name, params: params))
    }
    if let id, members["result"] != nil || members["error"] != nil {
      return .success(.response(id: id, result: members["result"], error: members["error"]))
    }
    return .failure(
      Failure(
        id: id ?? .null,
        error: RPCError(RPCError.invalidRequest, "neither a request nor a response")))
  }

  public struct Failure: Error, Equatable, Sendable {
    public var id: JSONValue
    public var error: RPCError
  }
}

enum Outgoing {
  static func response(id: JSONValue, result: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "id": id, "result": result]
  }

  static func error(id: JSONValue, _ error: RPCError) -> JSONValue {
    ["jsonrpc": "2.0", "id": id, "error": error.json]
  }

  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "method": .string(method), "params": params]
  }

  static func request(id: JSONValue, _ method: String, _ params: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params]
  }
}
