package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/slaclock/slaclock/internal/jsonx"
)

// The document is first read into a tree that keeps the order of object
// keys, so that every error, duplicate keys included, names its path and
// errors among the entries of a list or object come in the order written.

type kind uint8

const (
	jNull kind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (k kind) String() string {
	switch k {
	case jNull:
		return "null"
	case jBool:
		return "a boolean"
	case jNumber:
		return "a number"
	case jString:
		return "a string"
	case jArray:
		return "a list"
	}
	return "an object"
}

type node struct {
	kind kind
	str  string   // string value, or number literal
	b    bool     // boolean value
	keys []string // object keys, in document order
	vals []*node  // object values (parallel to keys) or list items
}

// keyPath appends an object key to a path: ".key" for plain keys,
// `["some key"]` for others.
func keyPath(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func plainKey(key string) bool {
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return key != ""
}

func indexPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// parseTree reads a JSON document into a tree, in one pass, with the
// strict reader of internal/jsonx: RFC 8259 JSON, strings decoded as
// encoding/json decodes them except that invalid UTF-8 and a \u escape of
// a lone surrogate are malformed, numbers kept as written, and duplicate
// keys and nesting past MaxDepth refused.
func parseTree(data []byte) (*node, error) {
	t := &treeReader{r: jsonx.NewReader(data)}
	root, err := t.value()
	if err == nil {
		err = t.r.End()
	}
	if err != nil {
		return nil, t.error(err)
	}
	return root, nil
}

// A treeReader builds a tree from what its jsonx.Reader reads.
type treeReader struct {
	r     *jsonx.Reader
	at    []step // where the value being read sits, from the root
	open  []open // the objects and lists being read, innermost last
	nodes []node // room for the next nodes
}

// step is one step of a path: an object key, or a list index when index
// is not negative.
type step struct {
	key   string
	index int
}

// open is an object or list being read.
type open struct {
	n    *node
	seen map[string]bool // an object's keys, once it has many
}

// node returns a new node of kind k. Nodes are allocated many at a time:
// a document is mostly small values, and the tree lives only while Load
// runs.
func (t *treeReader) node(k kind) *node {
	if len(t.nodes) == 0 {
		t.nodes = make([]node, 256)
	}
	n := &t.nodes[0]
	t.nodes = t.nodes[1:]
	n.kind = k
	return n
}

// path returns where the value being read sits, for an error.
func (t *treeReader) path() string {
	path := ""
	for _, s := range t.at {
		if s.index < 0 {
			path = keyPath(path, s.key)
		} else {
			path = indexPath(path, s.index)
		}
	}
	return path
}

// value reads the value that comes next.
func (t *treeReader) value() (*node, error) {
	var n *node
	var err error
	switch t.r.Kind() {
	case jsonx.Object, jsonx.Array:
		return t.container()
	case jsonx.String:
		n = t.node(jString)
		var s []byte
		s, err = t.r.StringBytes()
		n.str = string(s)
	case jsonx.Number:
		n = t.node(jNumber)
		var text []byte
		text, err = t.r.Raw()
		n.str = string(text)
	case jsonx.Bool:
		n = t.node(jBool)
		n.b, err = t.r.Bool()
	case jsonx.Null:
		n, err = t.node(jNull), t.r.Skip()
	default:
		err = t.r.Skip() // not a value: the reader says what is there
	}
	return n, err
}

// container reads an object or a list, through key or item.
func (t *treeReader) container() (*node, error) {
	if len(t.at) >= MaxDepth {
		return nil, errorf(t.path(), "", ErrLimit, "nested more than %d levels deep", MaxDepth)
	}
	var n *node
	var err error
	if t.r.Kind() == jsonx.Object {
		n = t.node(jObject)
		t.open = append(t.open, open{n: n})
		err = t.r.Object(t.key)
	} else {
		n = t.node(jArray)
		t.open = append(t.open, open{n: n})
		err = t.r.Array(t.item)
	}
	t.open = t.open[:len(t.open)-1]
	return n, err
}

// key reads the value of key in the innermost object.
func (t *treeReader) key(k []byte) error {
	o := len(t.open) - 1
	key := string(k)
	t.at = append(t.at, step{key: key, index: -1})
	var isNew bool
	if t.open[o].seen, isNew = t.open[o].n.newKey(key, t.open[o].seen); !isNew {
		return errorf(t.path(), "", ErrDuplicate, "key set twice")
	}
	v, err := t.value()
	if err != nil {
		return err
	}
	t.at = t.at[:len(t.at)-1]
	n := t.open[o].n
	n.keys, n.vals = append(n.keys, key), append(n.vals, v)
	return nil
}

// item reads the i-th item of the innermost list.
func (t *treeReader) item(i int) error {
	t.at = append(t.at, step{index: i})
	v, err := t.value()
	if err != nil {
		return err
	}
	t.at = t.at[:len(t.at)-1]
	n := t.open[len(t.open)-1].n
	n.vals = append(n.vals, v)
	return nil
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

// error returns what stopped the reading as an *Error: one of the tree
// reader's own, or malformed JSON at the path of the value being read, in
// the form "malformed JSON: what at offset n" (the reader writes "malformed
// JSON at offset n: what").
func (t *treeReader) error(err error) error {
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	var je *jsonx.Error
	if !errors.As(err, &je) {
		return err // not reached: the reader reports every error as an *Error
	}
	what := je.Err.Error()
	what = strings.TrimPrefix(what, "malformed JSON at offset "+strconv.Itoa(je.Offset)+": ")
	return errorf(t.path(), "", ErrSyntax, "%s at offset %d", what, je.Offset)
}

// encode writes n back as JSON, keys in document order.
func (n *node) encode(b *bytes.Buffer) {
	switch n.kind {
	case jNull:
		b.WriteString("null")
	case jBool:
		b.WriteString(strconv.FormatBool(n.b))
	case jNumber:
		b.WriteString(n.str)
	case jString:
		writeString(b, n.str)
	case jArray:
		b.WriteByte('[')
		for i, v := range n.vals {
			if i > 0 {
				b.WriteByte(',')
			}
			v.encode(b)
		}
		b.WriteByte(']')
	case jObject:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			n.vals[i].encode(b)
		}
		b.WriteByte('}')
	}
}

func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s) // a string always marshals
	b.Write(q)
}

// Typed access, each failing with an *Error at path.

func wrongType(path string, n *node, want kind) error {
	return errorf(path, "", ErrType, "want %s, got %s", want, n.kind)
}

func (n *node) text(path string) (string, error) {
	if n.kind != jString {
		return "", wrongType(path, n, jString)
	}
	return n.str, nil
}

func (n *node) boolean(path string) (bool, error) {
	if n.kind != jBool {
		return false, wrongType(path, n, jBool)
	}
	return n.b, nil
}

// list calls f for each item of a list, in order.
func (n *node) list(path string, f func(i int, v *node, p string) error) error {
	if n.kind != jArray {
		return wrongType(path, n, jArray)
	}
	for i, v := range n.vals {
		if err := f(i, v, indexPath(path, i)); err != nil {
			return err
		}
	}
	return nil
}

// texts reads a list of at most max distinct strings, which an error
// calls what, and returns them and their set.
func (n *node) texts(path string, max int, what string) ([]string, map[string]bool, error) {
	if err := n.within(path, jArray, max, what); err != nil {
		return nil, nil, err
	}
	var out []string
	seen := make(map[string]bool, len(n.vals))
	err := n.list(path, func(i int, v *node, p string) error {
		s, err := v.text(p)
		if err != nil {
			return err
		}
		if seen[s] {
			return errorf(p, s, ErrDuplicate, "listed twice")
		}
		seen[s] = true
		out = append(out, s)
		return nil
	})
	return out, seen, err
}

// object calls f for each key of an object, in document order.
func (n *node) object(path string, f func(key string, v *node, p string) error) error {
	if n.kind != jObject {
		return wrongType(path, n, jObject)
	}
	for i, k := range n.keys {
		if err := f(k, n.vals[i], keyPath(path, k)); err != nil {
			return err
		}
	}
	return nil
}

// parts reads a struct-like object: its values by key, each key one of
// known; another key is ErrUnknownField.
func (n *node) parts(path string, known []string) (map[string]*node, error) {
	parts := make(map[string]*node, len(known))
	err := n.fields(path, known, func(key string, v *node, _ string) error {
		parts[key] = v
		return nil
	})
	return parts, err
}

// fields is object for a struct-like object: keys outside known are
// ErrUnknownField.
func (n *node) fields(path string, known []string, f func(key string, v *node, p string) error) error {
	return n.object(path, func(key string, v *node, p string) error {
		for _, k := range known {
			if k == key {
				return f(key, v, p)
			}
		}
		return errorf(p, "", ErrUnknownField, "")
	})
}
