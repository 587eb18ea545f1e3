"""Fixtures for the end-to-end tests of `termlint lsp` with a real LSP client (pytest-lsp).

The server is the built binary named by TERMLINT_BIN (Tests/lsp/run.sh sets it). Each
test gets a fresh server, initialized with the capabilities a real editor sends: VS Code
1.65 (UTF-16 positions, dynamic file watching) and Neovim 0.11 (offers UTF-8, which the
server then picks).
"""

import asyncio
import os

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

BIN = os.environ.get("TERMLINT_BIN", "")
if not BIN or not os.access(BIN, os.X_OK):
    raise pytest.UsageError(f"TERMLINT_BIN must name the built termlint binary (got {BIN!r})")

CLIENTS = ["visual-studio-code@v1.65.2", "neovim@v0.11.0"]


def record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def record_registration(client: LanguageClient, params: types.RegistrationParams):
    client.registrations.extend(params.registrations)
    return None


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record_diagnostics
    features[types.CLIENT_REGISTER_CAPABILITY] = record_registration
    register_lsp_features(client, features)
    client.published = []
    client.registrations = []
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[BIN, "lsp"], client_factory=make_client),
    params=CLIENTS,
)
async def client(request, lsp_client: LanguageClient, tmp_path):
    capabilities = client_capabilities(request.param)
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="w")],
        )
    )
    lsp_client.init_result = result
    # The encoding this client can count in: UTF-8 if it offers it (the server then picks
    # it), else UTF-16, the protocol's default. Positions are checked in this encoding, not
    # in whatever the server says, so a server that got it wrong fails the tests.
    offered = capabilities.general.position_encodings if capabilities.general else None
    lsp_client.encoding = "utf-8" if offered and "utf-8" in offered else "utf-16"
    assert (result.capabilities.position_encoding or "utf-16") == lsp_client.encoding
    lsp_client.client_name = request.param
    yield
    await lsp_client.shutdown_session()
    # Exit status 0 after shutdown and exit.
    assert lsp_client._server is not None
    assert lsp_client._server.returncode == 0


async def published(client, uri, version=None, after=0, timeout=10.0):
    """The first publishDiagnostics for `uri` (at `version`) received after the first
    `after` notifications."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in client.published[after:]:
            if params.uri == uri and (version is None or params.version == version):
                return params.diagnostics
        if asyncio.get_running_loop().time() > deadline:
            got = [(p.uri, p.version) for p in client.published[after:]]
            raise AssertionError(f"no diagnostics for {uri} version {version}; got {got}")
        await asyncio.sleep(0.01)
