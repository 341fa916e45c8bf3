import pytest

from signs.widgets.navigation import NavigationRequest, is_navigation_allowed

ITEM = "https://www.istres.fr/agenda"


@pytest.mark.parametrize(("url", "allow", "allowed"), [
    ("https://www.istres.fr/actualites", (), True),  # same origin
    ("http://www.istres.fr/agenda", (), False),  # other scheme = other origin
    ("https://www.istres.fr:8443/", (), False),
    ("https://evil.example/", (), False),
    ("https://rdv.istres.fr/", ("*.istres.fr",), True),
    ("https://istres.fr/", ("*.istres.fr",), False),  # the wildcard means sub-domains only
    ("https://istres.fr/", ("istres.fr",), True),
    ("https://notistres.fr/", ("*.istres.fr",), False),
    ("file:///etc/passwd", ("*",), False),
    ("javascript:alert(1)", (), False),
    ("data:text/html,hi", (), False),
    ("https://www.istres.fr:99999/", (), False),  # an invalid port is refused, not a crash
])
def test_navigation_policy(url, allow, allowed):
    assert is_navigation_allowed(NavigationRequest(url, ITEM, allow)) is allowed
