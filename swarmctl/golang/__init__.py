"""Faithful copies of Go standard-library behaviour (and the few Go libraries docker uses).

A leaf package: it imports only the Python standard library and its own modules.  One module
per Go package: strconv, strings, time, units (go-units), json (encoding/json), shlex
(google/shlex), csv (encoding/csv), big (math/big), url (net/url), path (path/filepath),
tabwriter (text/tabwriter), runewidth (go-runewidth), and the text/template engine in
``template``.
"""
