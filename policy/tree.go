package policy

import (
	"bytes"
	"encoding/json"
	"strconv"
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
// calls what.
func (n *node) texts(path string, max int, what string) ([]string, error) {
	if err := n.within(path, jArray, max, what); err != nil {
		return nil, err
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
	return out, err
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
