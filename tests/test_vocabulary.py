"""The data roles are declared once: the extension registers them, the checks read them."""

from __future__ import annotations

from unittest import mock

import pytest
from docutils.parsers.rst import roles
from sphinx.testing.util import SphinxTestApp

from meetingdocs import sphinx_ext
from meetingdocs.i18n.checks import compare
from meetingdocs.i18n.markup import tokens
from meetingdocs.sphinx_ext.roles import DataRole
from meetingdocs.un.vocabulary import DATA_ROLES, Content, roles_holding


def test_setup_registers_exactly_the_data_roles() -> None:
    app = mock.MagicMock()
    sphinx_ext.setup(app)
    registered = {call.args[0]: call.args[1] for call in app.add_role.call_args_list}
    assert sorted(registered) == sorted(DATA_ROLES)
    assert len(app.add_role.call_args_list) == len(DATA_ROLES)
    assert all(isinstance(role, DataRole) for role in registered.values())


@pytest.mark.sphinx("html", testroot="agenda")
def test_a_built_project_has_every_data_role(app: SphinxTestApp) -> None:
    app.build()
    for name in DATA_ROLES:
        assert isinstance(roles._roles.get(name), DataRole), name  # type: ignore[attr-defined]


def test_every_content_kind_has_a_role() -> None:
    assert {content for content in Content if roles_holding(content)} == set(Content)
    assert roles_holding(Content.AGENDA_KEY) == ("item", "agenda-title")


def test_agenda_title_content_is_checked_as_data() -> None:
    ((code, message),) = compare("{agenda-title}`1a` continued", "{agenda-title}`1b` suite")
    assert code == "role-mismatch"
    assert "{agenda-title}`1a` was changed to {agenda-title}`1b`" in message
    ((code, message),) = compare("{agenda-title}`1a`", "{agenda-title}`1\u0430`")  # Cyrillic а
    assert code == "lookalike" and "U+0430" in message


@pytest.mark.parametrize("name", sorted(DATA_ROLES))
def test_every_data_role_is_one_token(name: str) -> None:
    (token,) = tokens(f"see {{{name}}}`x` here")
    assert (token.kind, token.name, token.body) == ("role", name, "x")
