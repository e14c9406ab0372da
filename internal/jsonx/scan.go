package jsonx

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// plain[c] reports whether byte c stands for itself in a JSON string and
// needs no check: printable ASCII other than '"' and '\\'.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString checks the string at the reader's position (its opening
// quote) and moves past its closing quote, reporting whether it has
// escapes.
func (r *Reader) scanString() (escaped bool, err error) {
	d := r.data
	i := r.pos + 1
	for {
		for i < len(d) && plain[d[i]] {
			i++
		}
		if i >= len(d) {
			return false, r.unexpected(i, "")
		}
		switch c := d[i]; {
		case c == '"':
			r.pos = i + 1
			return escaped, nil
		case c == '\\':
			n, err := r.scanEscape(i)
			if err != nil {
				return false, err
			}
			escaped = true
			i += n
		case c < 0x20:
			return false, r.malformed(i, "control character "+strconv.QuoteRuneToASCII(rune(c))+" in a string")
		default:
			u, size := utf8.DecodeRune(d[i:])
			if u == utf8.RuneError && size == 1 {
				return false, r.malformed(i, "invalid UTF-8 in a string")
			}
			i += size
		}
	}
}

// scanEscape checks the escape at offset i (its backslash) and returns its
// length: 2, 6 for \uXXXX, 12 for a surrogate pair.
func (r *Reader) scanEscape(i int) (int, error) {
	d := r.data
	if i+1 >= len(d) {
		return 0, r.unexpected(i+1, "")
	}
	switch d[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
	default:
		return 0, r.unexpected(i+1, "in a string escape")
	}
	c, bad := hex4(d, i+2)
	switch {
	case bad >= 0:
		return 0, r.unexpected(bad, "in a \\u escape")
	case !utf16.IsSurrogate(c):
		return 6, nil
	case c < 0xdc00 && i+7 < len(d) && d[i+6] == '\\' && d[i+7] == 'u':
		if low, bad := hex4(d, i+8); bad < 0 && 0xdc00 <= low && low <= 0xdfff {
			return 12, nil
		}
	}
	return 0, r.malformed(i, "lone surrogate "+string(d[i:i+6])+" in a string")
}

// hex4 decodes the four hexadecimal digits at d[i:], returning the offset
// of the first that is not one (or is missing), or -1.
func hex4(d []byte, i int) (rune, int) {
	var c rune
	for k := i; k < i+4; k++ {
		if k >= len(d) {
			return 0, k
		}
		var v byte
		switch b := d[k]; {
		case '0' <= b && b <= '9':
			v = b - '0'
		case 'a' <= b && b <= 'f':
			v = b - 'a' + 10
		case 'A' <= b && b <= 'F':
			v = b - 'A' + 10
		default:
			return 0, k
		}
		c = c<<4 | rune(v)
	}
	return c, -1
}

// unescape appends to dst the contents of a string that scanString
// accepted, escapes decoded.
func unescape(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			j := i + 1
			for j < len(raw) && raw[j] != '\\' {
				j++
			}
			dst = append(dst, raw[i:j]...)
			i = j
			continue
		}
		switch c := raw[i+1]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			u, _ := hex4(raw, i+2)
			if utf16.IsSurrogate(u) {
				low, _ := hex4(raw, i+8)
				u = utf16.DecodeRune(u, low)
				i += 6
			}
			dst = utf8.AppendRune(dst, u)
			i += 4
		default: // '"', '\\', '/'
			dst = append(dst, c)
		}
		i += 2
	}
	return dst
}

// scanNumber checks the number at the reader's position and moves past
// it, reporting whether it is an integer (no fraction, no exponent).
func (r *Reader) scanNumber() (integer bool, err error) {
	d := r.data
	i := r.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		i = digits(d, i)
	default:
		return false, r.unexpected(i, "in a number")
	}
	integer = true
	if i < len(d) && d[i] == '.' {
		integer = false
		if i++; i >= len(d) || d[i] < '0' || d[i] > '9' {
			return false, r.unexpected(i, "after the decimal point in a number")
		}
		i = digits(d, i)
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		integer = false
		if i++; i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return false, r.unexpected(i, "in the exponent of a number")
		}
		i = digits(d, i)
	}
	r.pos = i
	return integer, nil
}

// digits returns the offset of the first byte at or after i that is not a
// decimal digit.
func digits(d []byte, i int) int {
	for i < len(d) && '0' <= d[i] && d[i] <= '9' {
		i++
	}
	return i
}

// skipValue checks the value at the reader's position and moves past it;
// depth is the number of objects and arrays around it.
func (r *Reader) skipValue(depth int) error {
	switch c := r.next(); {
	case c == '{' || c == '[':
		if depth >= MaxDepth {
			return r.malformed(r.pos, "nesting deeper than "+strconv.Itoa(MaxDepth))
		}
		return r.skipContainer(depth)
	case c == '"':
		_, err := r.scanString()
		return err
	case c == 't':
		return r.literal("true")
	case c == 'f':
		return r.literal("false")
	case c == 'n':
		return r.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		_, err := r.scanNumber()
		return err
	}
	return r.unexpected(r.pos, "looking for the beginning of a value")
}

// skipContainer checks the object or array at the reader's position and
// moves past it.
func (r *Reader) skipContainer(depth int) error {
	closing, object := byte(']'), r.next() == '{'
	if object {
		closing = '}'
	}
	r.pos++
	r.ws()
	if r.next() == closing {
		r.pos++
		return nil
	}
	for {
		if object {
			if r.next() != '"' {
				return r.unexpected(r.pos, "looking for the beginning of an object key")
			}
			if _, err := r.scanString(); err != nil {
				return err
			}
			if r.ws(); r.next() != ':' {
				return r.unexpected(r.pos, "after an object key")
			}
			r.pos++
			r.ws()
		}
		if err := r.skipValue(depth + 1); err != nil {
			return err
		}
		r.ws()
		switch r.next() {
		case ',':
			r.pos++
			r.ws()
		case closing:
			r.pos++
			return nil
		default:
			if object {
				return r.unexpected(r.pos, "after an object key:value pair")
			}
			return r.unexpected(r.pos, "after an array element")
		}
	}
}

// literal checks that word (true, false or null) is at the reader's
// position and moves past it.
func (r *Reader) literal(word string) error {
	for k := 0; k < len(word); k++ {
		if i := r.pos + k; i >= len(r.data) || r.data[i] != word[k] {
			return r.unexpected(i, "in the literal "+word)
		}
	}
	r.pos += len(word)
	return nil
}
