import pytest

from lib.env import ConfigurationError, env_bool, env_int, env_list, env_str


def test_a_missing_required_value_names_the_variable():
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        env_str("SECRET_KEY", environ={})


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("0", False)])
def test_booleans_accept_the_usual_spellings(raw, expected):
    assert env_bool("DEBUG", environ={"DEBUG": raw}) is expected


def test_a_bad_boolean_says_what_to_write():
    with pytest.raises(ConfigurationError, match="Use one of"):
        env_bool("DEBUG", environ={"DEBUG": "maybe"})


def test_integers_are_checked():
    assert env_int("PORT", 8000, environ={"PORT": "9000"}) == 9000
    with pytest.raises(ConfigurationError, match="not a whole number"):
        env_int("PORT", 8000, environ={"PORT": "eighty"})
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("PORT", 8000, minimum=1, environ={"PORT": "0"})
    with pytest.raises(ConfigurationError, match="at most 64"):
        env_int("THREADS", 0, maximum=64, environ={"THREADS": "65"})
    assert env_int("THREADS", 0, maximum=64, environ={"THREADS": "64"}) == 64


def test_lists_drop_blanks():
    assert env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.example, ,b.example"}) == [
        "a.example",
        "b.example",
    ]
