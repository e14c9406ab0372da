package policy

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// parseTree reads a JSON document into a tree, in one pass over data: the
// syntax encoding/json accepts, and its strings, with duplicate keys and
// nesting past MaxDepth refused. encoding/json's Decoder.Token, which
// keeps key order too, costs several times more per value.
func parseTree(data []byte) (*node, error) {
	p := parser{data: data}
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	if p.space(); p.i < len(p.data) {
		return nil, errorf("", "", ErrSyntax, "data after the document")
	}
	return n, nil
}

type parser struct {
	data  []byte
	i     int    // the next byte to read
	at    []step // where the value being read sits, from the root
	nodes []node // room for the next nodes
}

// step is one step of a path: an object key, or a list index when index
// is not negative.
type step struct {
	key   string
	index int
}

// path returns where the value being read sits, for an error.
func (p *parser) path() string {
	path := ""
	for _, s := range p.at {
		if s.index < 0 {
			path = keyPath(path, s.key)
		} else {
			path = indexPath(path, s.index)
		}
	}
	return path
}

// node returns a new node of kind k. Nodes are allocated many at a time:
// a document is mostly small values, and the tree lives only while Load
// runs.
func (p *parser) node(k kind) *node {
	if len(p.nodes) == 0 {
		p.nodes = make([]node, 256)
	}
	n := &p.nodes[0]
	p.nodes = p.nodes[1:]
	n.kind = k
	return n
}

func (p *parser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// fail reports the byte at p.i, or the end of the input, as a syntax error
// of the value being read; context says what in it.
func (p *parser) fail(context string) error {
	if p.i >= len(p.data) {
		return errorf(p.path(), "", ErrSyntax, "unexpected end of input")
	}
	c := p.data[p.i]
	char := strconv.QuoteRune(rune(c))
	if c >= utf8.RuneSelf {
		char = "byte 0x" + strconv.FormatUint(uint64(c), 16)
	}
	return errorf(p.path(), "", ErrSyntax, "invalid character %s %s at offset %d", char, context, p.i)
}

// value reads the value that starts at the next byte that is not space.
func (p *parser) value() (*node, error) {
	p.space()
	if p.i >= len(p.data) {
		return nil, p.fail("")
	}
	switch c := p.data[p.i]; {
	case c == '{' || c == '[':
		if len(p.at) >= MaxDepth {
			return nil, errorf(p.path(), "", ErrLimit, "nested more than %d levels deep", MaxDepth)
		}
		if c == '{' {
			return p.object()
		}
		return p.list()
	case c == '"':
		n := p.node(jString)
		var err error
		n.str, err = p.str()
		return n, err
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		n := p.node(jBool)
		n.b = true
		return n, p.literal("true")
	case c == 'f':
		return p.node(jBool), p.literal("false")
	case c == 'n':
		return p.node(jNull), p.literal("null")
	}
	return nil, p.fail("looking for beginning of value")
}

func (p *parser) list() (*node, error) {
	n := p.node(jArray)
	p.i++ // [
	if p.space(); p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return n, nil
	}
	for {
		p.at = append(p.at, step{index: len(n.vals)})
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		p.at = p.at[:len(p.at)-1]
		n.vals = append(n.vals, v)
		if done, err := p.next(']', "after array element"); done || err != nil {
			return n, err
		}
	}
}

func (p *parser) object() (*node, error) {
	n := p.node(jObject)
	p.i++ // {
	if p.space(); p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return n, nil
	}
	var seen map[string]bool // once there are many keys
	for {
		if p.space(); p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, p.fail("looking for beginning of object key string")
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.at = append(p.at, step{key: key, index: -1})
		var isNew bool
		if seen, isNew = n.newKey(key, seen); !isNew {
			return nil, errorf(p.path(), "", ErrDuplicate, "key set twice")
		}
		if p.space(); p.i >= len(p.data) || p.data[p.i] != ':' {
			p.at = p.at[:len(p.at)-1]
			return nil, p.fail("after object key")
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		p.at = p.at[:len(p.at)-1]
		n.keys, n.vals = append(n.keys, key), append(n.vals, v)
		if done, err := p.next('}', "after object key:value pair"); done || err != nil {
			return n, err
		}
	}
}

// newKey reports whether key is not yet one of n's keys. The few keys of
// most objects are searched; seen holds those of an object with many, so
// that the check stays linear. It returns seen, made or with key added.
func (n *node) newKey(key string, seen map[string]bool) (map[string]bool, bool) {
	const few = 16
	if seen == nil {
		if slices.Contains(n.keys, key) {
			return nil, false
		}
		if len(n.keys) < few {
			return nil, true
		}
		seen = make(map[string]bool, 2*len(n.keys))
		for _, k := range n.keys {
			seen[k] = true
		}
	} else if seen[key] {
		return seen, false
	}
	seen[key] = true
	return seen, true
}

// next reads what follows an entry of a list or object: a comma, or the
// closing byte, which ends it.
func (p *parser) next(closing byte, context string) (done bool, err error) {
	p.space()
	if p.i < len(p.data) {
		switch p.data[p.i] {
		case ',':
			p.i++
			return false, nil
		case closing:
			p.i++
			return true, nil
		}
	}
	return false, p.fail(context)
}

// str reads a string. One without escapes or invalid UTF-8 is its bytes;
// encoding/json decodes the others, once their syntax is checked, so that
// escapes and invalid UTF-8 read as it reads them.
func (p *parser) str() (string, error) {
	start := p.i
	p.i++ // "
	plain := true
	for p.i < len(p.data) {
		switch c := p.data[p.i]; {
		case c == '"':
			p.i++
			raw := p.data[start+1 : p.i-1]
			if plain && utf8.Valid(raw) {
				return string(raw), nil
			}
			var s string
			if err := json.Unmarshal(p.data[start:p.i], &s); err != nil {
				return "", errorf(p.path(), "", ErrSyntax, "%v", err) // not reached: the syntax is checked
			}
			return s, nil
		case c == '\\':
			plain = false
			if err := p.escape(); err != nil {
				return "", err
			}
		case c < ' ':
			return "", p.fail("in string literal")
		default:
			p.i++
		}
	}
	return "", p.fail("")
}

// escape checks the escape sequence at p.i and steps past it.
func (p *parser) escape() error {
	p.i++ // \
	if p.i >= len(p.data) {
		return p.fail("")
	}
	switch p.data[p.i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		p.i++
		return nil
	case 'u':
		p.i++
		for range 4 {
			if p.i >= len(p.data) || !isHex(p.data[p.i]) {
				return p.fail(`in \u hexadecimal character escape`)
			}
			p.i++
		}
		return nil
	}
	return p.fail("in string escape code")
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// number reads a number as JSON writes one:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and keeps its text.
func (p *parser) number() (*node, error) {
	start := p.i
	if p.data[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.data) && p.data[p.i] == '0' {
		p.i++
	} else if !p.digits() {
		return nil, p.fail("in numeric literal")
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if !p.digits() {
			return nil, p.fail("after decimal point in numeric literal")
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return nil, p.fail("in exponent of numeric literal")
		}
	}
	n := p.node(jNumber)
	n.str = string(p.data[start:p.i])
	return n, nil
}

// digits steps past a run of digits and reports whether there was one.
func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// literal steps past the literal word, true, false or null.
func (p *parser) literal(word string) error {
	for j := 0; j < len(word); j++ {
		if p.i >= len(p.data) || p.data[p.i] != word[j] {
			return p.fail("in literal " + word + " (expecting " + strconv.QuoteRune(rune(word[j])) + ")")
		}
		p.i++
	}
	return nil
}
