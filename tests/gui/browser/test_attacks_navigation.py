"""Hostile pages that try to take the visitor somewhere else: 0 escapes, and a refusal shown."""

import pytest

from tests.gui.browser.driver import wait_until


def refused_with(browser, reason: str) -> bool:
    return wait_until(browser.app, lambda: any(e.startswith(f"refused {reason}") for e in browser.events()), 5)


def test_a_js_location_change_to_another_origin_is_refused(fresh):
    fresh.open("index.html")
    fresh.js(f"location.href = '{fresh.server.outside}/landing.html'; 1")
    assert refused_with(fresh, "outside")
    assert fresh.panel() == "outside" and fresh.escapes() == []


def test_an_http_302_to_another_origin_is_refused(fresh):
    fresh.open("index.html")
    fresh.js("location.href = '/redirect-out'; 1")
    assert refused_with(fresh, "outside")
    assert fresh.escapes() == [] and fresh.url().endswith("/index.html")


def test_a_redirect_as_the_pages_own_script_is_refused(fresh):
    fresh.attack("redirect_js.html", tap=False)
    assert refused_with(fresh, "outside")
    assert fresh.escapes() == []


@pytest.mark.parametrize("page", ["meta_refresh.html", "meta_refresh_late.html"])
def test_a_meta_refresh_to_another_origin_is_refused(fresh, page):
    fresh.open(page, wait=False)
    assert refused_with(fresh, "outside")
    fresh.settle(0.5)
    assert fresh.escapes() == []


def test_an_iframe_to_another_origin_is_refused(fresh):
    fresh.attack("iframe_outside.html", tap=False)
    assert refused_with(fresh, "frame-outside")
    assert fresh.escapes() == []


def test_an_iframe_moved_to_another_origin_later_is_refused(fresh):
    fresh.attack("iframe_late.html", tap=False)
    assert refused_with(fresh, "frame-outside")
    assert fresh.escapes() == []


def test_a_frame_navigating_the_top_window_out_is_refused(fresh):
    fresh.attack("iframe_top_nav.html", tap=False)
    assert refused_with(fresh, "outside")
    assert fresh.escapes() == []


def test_push_state_to_another_origin_fails_and_the_url_stays(fresh):
    fresh.attack("push_state.html", tap=False)
    assert fresh.title() == "blocked SecurityError"
    assert fresh.escapes() == [] and fresh.url().endswith("/push_state.html")


def test_history_back_from_the_start_page_goes_nowhere(fresh):
    fresh.attack("history_back.html", tap=False)
    assert fresh.url().endswith("/history_back.html") and fresh.escapes() == []
    fresh.view.back()  # the visitor's own "back" at the start is "home"
    fresh.settle(0.5)
    assert fresh.url().endswith("/history_back.html") and fresh.escapes() == []


def test_a_form_posting_to_another_origin_is_refused(fresh):
    fresh.attack("form_post.html")
    assert refused_with(fresh, "outside")
    assert fresh.escapes() == []


def test_a_target_blank_link_outside_is_refused(fresh):
    fresh.attack("blank_outside.html")
    assert refused_with(fresh, "new-window")
    assert fresh.panel() == "new-window" and fresh.escapes() == []


def test_a_target_blank_link_inside_opens_in_place(fresh):
    fresh.attack("blank_inside.html")
    assert wait_until(fresh.app, lambda: fresh.url().endswith("/second.html"), 5)
    assert fresh.escapes() == []


def test_a_window_open_storm_to_another_origin_opens_nothing(fresh):
    fresh.attack("popup_storm.html", settle_s=1.5)
    assert refused_with(fresh, "new-window")
    assert fresh.escapes() == [] and fresh.url().endswith("/popup_storm.html")


def test_a_window_open_storm_inside_opens_one_page_in_place(fresh):
    fresh.attack("popup_storm_inside.html", settle_s=1.5)
    assert fresh.url().endswith("/second.html") and fresh.escapes() == []


@pytest.mark.parametrize("page", ["file_url.html", "data_url.html", "javascript_url.html"])
def test_file_data_and_javascript_links_lead_nowhere(fresh, page):
    fresh.attack(page)
    assert wait_until(fresh.app, lambda: fresh.panel() in ("scheme", "outside"), 5)
    assert fresh.url().endswith("/" + page) and fresh.escapes() == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:text/html,<h1>phish</h1>", "view-source:http://localhost/",
                                 "chrome://settings", "about:blank"])
def test_scripted_navigation_to_other_schemes_is_refused(fresh, url):
    fresh.open("index.html")
    fresh.js(f"location.href = {url!r}; 1")
    assert wait_until(fresh.app, lambda: fresh.panel() in ("scheme", "outside"), 5)
    fresh.settle(0.3)
    assert fresh.url().endswith("/index.html") and fresh.escapes() == []


def test_scripted_navigation_to_an_unknown_scheme_goes_nowhere(fresh):
    # Chromium drops an external-protocol launch a script makes without a touch: nothing to explain.
    fresh.open("index.html")
    fresh.js("location.href = 'ftp://localhost/'; 1")
    fresh.settle(0.5)
    assert fresh.url().endswith("/index.html") and fresh.escapes() == []


def test_a_touched_link_to_an_unknown_scheme_is_refused(fresh):
    fresh.open("index.html")
    fresh.js("const a = document.getElementById('inside'); a.href = 'ftp://localhost/'; 1")
    fresh.settle(0.2)
    fresh.tap(300, 150)
    assert wait_until(fresh.app, lambda: fresh.panel() == "scheme", 5)
    assert fresh.url().endswith("/index.html") and fresh.escapes() == []


def test_a_data_frame_is_refused_so_its_link_cannot_take_the_top_window_out(fresh):
    fresh.attack("iframe_data.html")
    assert refused_with(fresh, "scheme")
    assert fresh.escapes() == []


def test_a_new_window_link_inside_a_srcdoc_frame_is_refused(fresh):
    fresh.attack("iframe_srcdoc_link.html", paint_s=1.0)
    assert refused_with(fresh, "new-window")
    assert fresh.escapes() == [] and fresh.url().endswith("/iframe_srcdoc_link.html")
