"""The real binary's handling of the base protocol, byte by byte: messages split over
writes and several in one write, bad headers, malformed JSON-RPC, and exit statuses.
(pytest-lsp's client only sends well-formed messages, so these talk to the pipe.)"""

import json
import os
import subprocess
import threading
import time

BIN = os.environ["TERMLINT_BIN"]


class Raw:
    def __init__(self):
        self.process = subprocess.Popen(
            [BIN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.buffer = b""
        self.messages = []
        self.stderr = b""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self.stderr_reader.start()

    def _read(self):
        while chunk := self.process.stdout.read1(65536):
            with self.lock:
                self.buffer += chunk
                while b"\r\n\r\n" in self.buffer:
                    header, rest = self.buffer.split(b"\r\n\r\n", 1)
                    length = int(header.split(b":")[1])
                    if len(rest) < length:
                        break
                    self.messages.append(json.loads(rest[:length]))
                    self.buffer = rest[length:]

    def _read_stderr(self):
        while chunk := self.process.stderr.read1(65536):
            self.stderr += chunk

    def write(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    @staticmethod
    def frame(message) -> bytes:
        body = message if isinstance(message, bytes) else json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def answer(self, id, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                for message in self.messages:
                    if message.get("id") == id and "method" not in message:
                        return message
            time.sleep(0.01)
        raise AssertionError(f"no answer to {id}; got {self.messages}")

    def initialize(self):
        self.write(self.frame({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}))
        assert "capabilities" in self.answer(0)["result"]

    def close(self, timeout=10):
        self.process.stdin.close()
        return self.process.wait(timeout)


def request(id, method, params=None):
    message = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        message["params"] = params
    return message


def test_messages_split_and_coalesced():
    raw = Raw()
    data = Raw.frame(request(1, "initialize", {"capabilities": {}})) + Raw.frame(request(2, "shutdown"))
    # The first message split in three writes, the second in the same write as its end.
    raw.write(data[:7])
    time.sleep(0.05)
    raw.write(data[7:40])
    time.sleep(0.05)
    raw.write(data[40:])
    assert "capabilities" in raw.answer(1)["result"]
    assert raw.answer(2)["result"] is None
    raw.write(Raw.frame({"jsonrpc": "2.0", "method": "exit"}))
    assert raw.process.wait(10) == 0


def test_malformed_messages_get_json_rpc_errors():
    raw = Raw()
    raw.write(Raw.frame(request(1, "textDocument/hover", {})))
    assert raw.answer(1)["error"]["code"] == -32002  # not initialized
    raw.initialize()
    raw.write(Raw.frame(b"{not json"))
    raw.write(Raw.frame(b'{"jsonrpc":"2.0","id":3,"method":42}'))
    raw.write(Raw.frame(request(4, "workspace/symbol", {"query": "x"})))
    raw.write(Raw.frame(request(5, "textDocument/hover", {"textDocument": {"uri": "file:///x"}})))
    raw.write(Raw.frame(b'{"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x"},"position":{"line":"one","character":0}}}'))
    assert raw.answer(3)["error"]["code"] == -32600
    assert raw.answer(4)["error"]["code"] == -32601
    assert raw.answer(5)["error"]["code"] == -32602
    assert raw.answer(6)["error"]["code"] == -32602
    parse_errors = [m for m in raw.messages if m.get("id") is None and "error" in m]
    assert [m["error"]["code"] for m in parse_errors] == [-32700]
    # A bad header is logged on stderr and skipped; the next message is served.
    raw.write(b"Content-Length: twelve\r\n\r\n{}" + Raw.frame(request(7, "shutdown")))
    assert raw.answer(7)["result"] is None
    raw.write(Raw.frame({"jsonrpc": "2.0", "method": "exit"}))
    assert raw.process.wait(10) == 0
    raw.stderr_reader.join(10)
    assert b"bad message header" in raw.stderr


def test_exit_status_without_shutdown_is_1():
    raw = Raw()
    raw.initialize()
    raw.write(Raw.frame({"jsonrpc": "2.0", "method": "exit"}))
    assert raw.process.wait(10) == 1
    # The end of input without shutdown: 1 too.
    raw = Raw()
    raw.initialize()
    assert raw.close() == 1
