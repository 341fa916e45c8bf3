"""What a visitor leaves in the browser is gone for the next one: session 1 stores a cookie, local
storage, an IndexedDB record, a service worker, HTTP basic authentication, a cached answer, a form
value and history; endSession(); session 2 on the same origin finds none of it. Each store is first
shown to survive inside session 1, so the test can fail."""

from tests.gui.browser.driver import wait_until
from tests.gui.browser.hostile_server import AUTH

IDB_PUT = """new Promise((ok, ko) => { const r = indexedDB.open('visitor', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('notes');
  r.onsuccess = () => { const tx = r.result.transaction('notes', 'readwrite'); tx.objectStore('notes').put('my address', 'k');
                        tx.oncomplete = () => ok('stored'); tx.onerror = () => ko(tx.error) }; r.onerror = () => ko(r.error) })"""
IDB_NAMES = "indexedDB.databases().then(list => list.map(d => d.name))"
SW_REGISTER = "navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => 'ready')"
SW_COUNT = "navigator.serviceWorker.getRegistrations().then(list => list.length)"


def auth_requests(server) -> list[bool]:
    return [s.authorization == AUTH for s in server.seen if s.path == "/auth"]


def store_everything(b, server) -> None:
    b.open("set-cookie", wait=False)
    assert wait_until(b.app, lambda: b.url().endswith("/set-cookie") and b.js("document.readyState") == "complete", 5)
    b.open("index.html")
    b.js("document.cookie = 'js=visitor-1; max-age=86400'; localStorage.setItem('draft', 'my request'); 1")
    assert b.js_async(IDB_PUT) == "stored"
    assert b.js_async(SW_REGISTER) == "ready"
    assert b.js_async("fetch('/cached').then(r => r.text())") == "cached for an hour"
    b.js(f"location.href = 'http://visitor:secret@127.0.0.1:{server.port}/auth'; 1")
    assert wait_until(b.app, lambda: b.js("document.getElementById('who') ? 'yes' : 'no'") == "yes", 5)
    b.js("location.href = '/form.html'; 1")
    assert wait_until(b.app, lambda: b.loaded("form.html"), 5)
    b.js("document.getElementById('name').value = 'Marie Curie'; 1")
    b.tap(300, 150)  # a real touch: Chromium skips history entries no visitor made
    assert wait_until(b.app, lambda: b.loaded("second.html"), 5)


def test_session_two_finds_nothing_of_session_one(browser, hostile_server):
    b, server = browser, hostile_server
    store_everything(b, server)
    # Inside session 1 it all survives: the form value comes back with history, auth is sent unasked.
    b.view.back()
    assert wait_until(b.app, lambda: b.loaded("form.html"), 5)
    assert wait_until(b.app, lambda: b.js("document.getElementById('name').value") == "Marie Curie", 3)
    server.seen.clear()
    b.js(f"location.href = '{server.home}/auth'; 1")  # no credentials in the URL: they come from the session's cache
    assert wait_until(b.app, lambda: b.js("document.getElementById('who') ? 'yes' : 'no'") == "yes", 5)
    assert auth_requests(server)[-1] is True
    assert b.js("document.cookie").count("visitor-1") == 1 and b.js("localStorage.getItem('draft')") == "my request"
    hits_before = len([s for s in server.seen if s.path == "/cached"])
    b.js_async("fetch('/cached').then(r => r.text())")
    assert len([s for s in server.seen if s.path == "/cached"]) == hits_before  # it came from the cache

    b.sessions.endSession()
    ok = wait_until(b.app, lambda: b.sessions.last_wipe_ms is not None and b.loaded("index.html"), 10)
    assert ok, (b.sessions.last_wipe_ms, b.url(), b.panel())

    server.seen.clear()
    assert b.js("document.cookie") == ""
    assert [s.cookie for s in server.seen if s.path == "/index.html"] in ([None], [])
    assert b.js("localStorage.length") == 0
    assert b.js_async(IDB_NAMES) == []
    assert b.js_async(SW_COUNT) == 0
    assert b.js("history.length") == 1 and b.view.property("web").property("canGoBack") is False
    b.js_async("fetch('/cached').then(r => r.text())")
    assert [s.path for s in server.seen].count("/cached") == 1  # asked again: the cache is gone
    b.js("location.href = '/form.html'; 1")
    assert wait_until(b.app, lambda: b.loaded("form.html"), 5)
    assert b.js("document.getElementById('name').value") == ""
    b.js(f"location.href = '{server.home}/auth'; 1")
    assert wait_until(b.app, lambda: auth_requests(server) != [] and b.loaded("auth"), 5)
    b.settle(0.3)
    assert auth_requests(server) == [False]  # no credentials sent: the 401 page, and no dialog
    assert b.js("document.getElementById('who') ? 'yes' : 'no'") == "no"
    assert b.sessions.last_wipe_ms < 1000
