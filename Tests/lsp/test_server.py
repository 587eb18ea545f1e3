"""End to end: `termlint lsp` driven by a real LSP client (pytest-lsp / pygls)."""

from lsprotocol import types

from conftest import published

PREFERRED = "Double-Eight Strategy"
SOURCE = "八八战略"

# An emoji (a surrogate pair in UTF-16, 4 bytes in UTF-8), a flag (two astral
# characters), CJK and a combining mark stand before the finding on its line.
TEXT = (
    "# Jiaxing news\n"
    "🎉🇨🇳 浙江 é: Zhejiang marks the Eight-Eight Strategy and the Double-Eight Strategy.\n"
    "Nothing to see on this line.\n"
)


def units(text, encoding):
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position(text, index, encoding):
    """The LSP position of character `index` of `text`."""
    before = text[:index]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return types.Position(line=line, character=units(text[start:index], encoding))


def span(text, needle, encoding, occurrence=0):
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    return types.Range(
        start=position(text, index, encoding),
        end=position(text, index + len(needle), encoding),
    )


def index_of(text, pos, encoding):
    """The character index in `text` of an LSP position."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line]
    count = 0
    for i, char in enumerate(line):
        if count >= pos.character:
            return offset + i
        count += units(char, encoding)
    return offset + len(line)


def text_edits(edit, uri):
    if edit.document_changes:
        (change,) = edit.document_changes
        assert change.text_document.uri == uri
        return list(change.edits)
    return list(edit.changes[uri])


def apply_edits(text, edits, encoding):
    """The text after `edits` (positions in the original), and the same edits as
    incremental content changes, last first, so each applies to the text before it."""
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))
    changes = []
    for edit in reversed(ordered):
        start = index_of(text, edit.range.start, encoding)
        end = index_of(text, edit.range.end, encoding)
        text = text[:start] + edit.new_text + text[end:]
        changes.append(types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text))
    return text, changes


def open_document(client, path, text, language="markdown"):
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri


def change(client, uri, version, changes):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )


def watched(client, path, kind):
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=kind)])
    )


def by_rule(diagnostics, rule):
    return [d for d in diagnostics if d.code == rule]


async def test_initialize_advertises_the_features(client):
    capabilities = client.init_result.capabilities
    sync = capabilities.text_document_sync
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert sync.open_close is True
    assert sync.save is not None
    assert capabilities.hover_provider is True
    assert "quickfix" in capabilities.code_action_provider.code_action_kinds
    assert "source.fixAll.termlint" in capabilities.code_action_provider.code_action_kinds
    expected = "utf-8" if client.client_name.startswith("neovim") else "utf-16"
    assert capabilities.position_encoding == expected
    if client.client_name.startswith("visual-studio-code"):
        # VS Code watches files for servers that ask: the server asks for .lint.yml.
        await published_registration(client)


async def published_registration(client):
    import asyncio

    for _ in range(500):
        if client.registrations:
            break
        await asyncio.sleep(0.01)
    (registration,) = client.registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    patterns = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert "**/.lint.yml" in patterns


async def test_editing_session(client, tmp_path):
    enc = client.encoding
    path = tmp_path / "news.md"
    # What is on disk does not matter: the editor's buffer is linted.
    path.write_text("Nothing here.\n", encoding="utf-8")
    uri = open_document(client, path, TEXT)

    # 1. Diagnostics on open, at exact positions after the emoji, flag, CJK and mark.
    diagnostics = await published(client, uri, version=1)
    (variant,) = by_rule(diagnostics, "variant")
    assert variant.range == span(TEXT, "Eight-Eight Strategy", enc)
    assert variant.range.start.line == 1
    assert variant.severity == types.DiagnosticSeverity.Warning
    assert variant.source == "termlint"
    assert variant.message == (
        f"“Eight-Eight Strategy” is a non-canonical rendering of {SOURCE}; use “{PREFERRED}”"
    )
    assert variant.data["fix"]["applicability"] == "safe"
    # The correct rendering is not a finding of any rule.
    correct = span(TEXT, PREFERRED, enc)
    assert all(d.range != correct for d in diagnostics)

    # 2. Hover on the finding: the `termlint explain` text of its concept, in Markdown.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=1, character=variant.range.start.character + 3),
        )
    )
    assert hover is not None
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert f"{SOURCE}  [double-eight-strategy]" in hover.contents.value
    assert f"preferred: “{PREFERRED}”" in hover.contents.value
    assert hover.range == variant.range
    # No hover where there is no finding.
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=3),
        )
    )
    assert nothing is None

    # 3. Code actions: the preferred quick fix, applied by the client as an edit.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=variant.range,
            context=types.CodeActionContext(diagnostics=[variant]),
        )
    )
    preferred = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.is_preferred]
    assert len(preferred) == 1
    action = preferred[0]
    assert action.title == f"Replace with “{PREFERRED}”"
    text, changes = apply_edits(TEXT, text_edits(action.edit, uri), enc)
    assert text == TEXT.replace("Eight-Eight Strategy", PREFERRED, 1)
    count = len(client.published)
    change(client, uri, 2, changes)
    diagnostics = await published(client, uri, version=2, after=count)
    assert by_rule(diagnostics, "variant") == []

    # 4. An incremental edit after the emoji: the next publish has the new findings.
    insert_at = position(text, text.index("浙江"), enc)
    inserted = "the 88th Strategy, "
    count = len(client.published)
    change(
        client,
        uri,
        3,
        [
            types.TextDocumentContentChangePartial(
                range=types.Range(start=insert_at, end=insert_at), text=inserted
            )
        ],
    )
    text = text.replace("浙江", inserted + "浙江", 1)
    diagnostics = await published(client, uri, version=3, after=count)
    (variant,) = by_rule(diagnostics, "variant")
    assert variant.range == span(text, "88th Strategy", enc)

    # 5. A .lint.yml turning `variant` off, announced by didChangeWatchedFiles.
    config = tmp_path / ".lint.yml"
    config.write_text("rules:\n  variant: off\n", encoding="utf-8")
    count = len(client.published)
    watched(client, config, types.FileChangeType.Created)
    diagnostics = await published(client, uri, version=3, after=count)
    assert by_rule(diagnostics, "variant") == []

    # ... and removed again: the finding is back.
    config.unlink()
    count = len(client.published)
    watched(client, config, types.FileChangeType.Deleted)
    diagnostics = await published(client, uri, version=3, after=count)
    assert len(by_rule(diagnostics, "variant")) == 1

    # 6. The fix-all source action (as an editor asks for it on save).
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.termlint"
    assert fix_all.title == "Fix all termlint safe fixes in this file"
    text, changes = apply_edits(text, text_edits(fix_all.edit, uri), enc)
    assert text == TEXT.replace("Eight-Eight Strategy", PREFERRED).replace(
        "浙江", f"the {PREFERRED}, 浙江"
    )
    count = len(client.published)
    change(client, uri, 4, changes)
    diagnostics = await published(client, uri, version=4, after=count)
    assert by_rule(diagnostics, "variant") == []

    # 7. Closing the document clears its diagnostics.
    count = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert list(await published(client, uri, after=count)) == []


async def test_configuration_from_the_document_folder(client, tmp_path):
    """Rule severities and per-path overrides of the nearest .lint.yml; a broken
    .lint.yml is shown with file:line:column and the last good one stays in force; edits
    to it are noticed before the next lint even without a watched-files notification."""
    config = tmp_path / ".lint.yml"
    config.write_text(
        "rules:\n  variant: error\noverrides:\n  - files: ['drafts/**']\n    rules: {variant: info, inconsistent: off}\n",
        encoding="utf-8",
    )
    (tmp_path / "drafts").mkdir()
    main = open_document(client, tmp_path / "a.txt", TEXT, language="plaintext")
    draft = open_document(client, tmp_path / "drafts" / "b.txt", TEXT, language="plaintext")
    (variant,) = by_rule(await published(client, main, version=1), "variant")
    assert variant.severity == types.DiagnosticSeverity.Error
    (variant,) = by_rule(await published(client, draft, version=1), "variant")
    assert variant.severity == types.DiagnosticSeverity.Information

    # Broken: an unknown severity on line 2.
    config.write_text("rules:\n  variant: sometimes\n", encoding="utf-8")
    count = len(client.published)
    watched(client, config, types.FileChangeType.Changed)
    diagnostics = await published(client, main, version=1, after=count)
    (variant,) = by_rule(diagnostics, "variant")
    assert variant.severity == types.DiagnosticSeverity.Error  # the last good configuration
    errors = [m for m in client.messages if m.type == types.MessageType.Error]
    assert len(errors) == 1
    assert f"{config}:2:12:" in errors[0].message

    # Mended without telling the server: seen before the next lint (here, a change).
    config.write_text("rules:\n  variant: info\n  inconsistent: off\n", encoding="utf-8")
    count = len(client.published)
    change(
        client,
        main,
        2,
        [types.TextDocumentContentChangePartial(range=types.Range(
            start=types.Position(line=2, character=0), end=types.Position(line=2, character=0)), text="x")],
    )
    diagnostics = await published(client, main, version=2, after=count)
    (variant,) = by_rule(diagnostics, "variant")
    assert variant.severity == types.DiagnosticSeverity.Information
    assert by_rule(diagnostics, "inconsistent") == []
