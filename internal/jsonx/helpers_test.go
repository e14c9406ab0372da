package jsonx

import (
	"encoding/json"
	"errors"
)

// tokens reads any value as encoding/json's Decoder.Token would list it:
// delimiters, keys and strings, json.Number, bool and nil.
func tokens(r *Reader) ([]json.Token, error) {
	var out []json.Token
	err := appendTokens(r, &out)
	return out, err
}

func appendTokens(r *Reader, out *[]json.Token) error {
	switch r.Kind() {
	case Object:
		*out = append(*out, json.Delim('{'))
		err := r.Object(func(key []byte) error {
			*out = append(*out, string(key))
			return appendTokens(r, out)
		})
		*out = append(*out, json.Delim('}'))
		return err
	case Array:
		*out = append(*out, json.Delim('['))
		err := r.Array(func(int) error { return appendTokens(r, out) })
		*out = append(*out, json.Delim(']'))
		return err
	case String:
		s, err := r.String()
		*out = append(*out, s)
		return err
	case Number:
		raw, err := r.Raw()
		*out = append(*out, json.Number(raw))
		return err
	case Bool:
		b, err := r.Bool()
		*out = append(*out, b)
		return err
	case Null:
		if !r.Null() {
			return r.Skip() // a malformed null
		}
		*out = append(*out, nil)
		return nil
	}
	return r.Skip() // reports what is there
}

// stringLeaves reads objects and arrays with strings at their leaves, the way
// a codec reads a schema: any other leaf is a wrong type.
func stringLeaves(r *Reader) error {
	switch r.Kind() {
	case Object:
		return r.Object(func([]byte) error { return stringLeaves(r) })
	case Array:
		return r.Array(func(int) error { return stringLeaves(r) })
	}
	_, err := r.String()
	return err
}

// errBad is a caller's own error, as a codec returns for a value it
// refuses.
var errBad = errors.New("bad value")
