// Package errmsg writes the one shape of slaclock's error messages,
// "pkg: path: "value": what", so that every package's Error type reads
// the same and shortens long values the same way.
package errmsg

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxValue is how many bytes of a value a message quotes; a longer value
// is cut at a character boundary and ends in "...".
const MaxValue = 64

// Format returns "pkg: path: "value": what", leaving out an empty path or
// value, and err's text (with a leading "pkg: " removed) as what.
func Format(pkg, path, value string, err error) string {
	var b strings.Builder
	b.WriteString(pkg)
	b.WriteString(": ")
	if path != "" {
		b.WriteString(path)
		b.WriteString(": ")
	}
	if value != "" {
		b.WriteString(strconv.Quote(Shorten(value)))
		b.WriteString(": ")
	}
	if err != nil {
		b.WriteString(strings.TrimPrefix(err.Error(), pkg+": "))
	}
	return strings.TrimSuffix(b.String(), ": ")
}

// Shorten returns s cut to at most MaxValue bytes at a character boundary,
// followed by "..." when it was cut.
func Shorten(s string) string {
	if len(s) <= MaxValue {
		return s
	}
	n := MaxValue - 3
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
