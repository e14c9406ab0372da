package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkParse compares parseTree with encoding/json, the reference, on
// data: it accepts what json.Valid accepts, except duplicate keys and
// nesting past MaxDepth, and reads the values json.Unmarshal reads.
func checkParse(t *testing.T, data []byte) {
	t.Helper()
	tree, err := parseTree(data)
	valid := json.Valid(data)
	refused := errors.Is(err, ErrDuplicate) || errors.Is(err, ErrLimit)
	switch {
	case err == nil && !valid:
		t.Fatalf("parseTree(%q) succeeded; encoding/json refuses it", data)
	case err != nil && valid && !refused:
		t.Fatalf("parseTree(%q) = %v; encoding/json accepts it", data, err)
	case err != nil && !valid && !refused && !errors.Is(err, ErrSyntax):
		t.Fatalf("parseTree(%q) = %v; want ErrSyntax", data, err)
	case err != nil:
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("parseTree(%q) = %v, a %T; want an *Error", data, err, err)
		}
		return
	}
	want, err := decodeAny(data)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	tree.encode(&b)
	got, err := decodeAny(b.Bytes())
	if err != nil {
		t.Fatalf("the tree of %q encodes as %q: %v", data, b.Bytes(), err)
	}
	// cmp.Diff takes time exponential in the nesting of one-item lists;
	// reflect.DeepEqual decides, cmp.Diff only explains.
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("parseTree(%q) (-encoding/json +got):\n%s", data, cmp.Diff(want, got))
	}
}

// decodeAny decodes data as encoding/json does into an any, numbers as
// written (1E700 is too large for a float64).
func decodeAny(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// parseSeeds are documents on the edges of JSON's syntax.
var parseSeeds = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e-3`, `1E+5`, `2e5`, `-12.75`, `1E700`,
	`01`, `1.`, `.5`, `-`, `+1`, `1e`, `1e+`, `0x10`, `tru`, `nul`, `falsy`, `nulls`,
	`"plain"`, `"é"`, `"\u00e9\ud83d\ude00"`, `"\ud800"`, `"\udc00\ud800x"`, "\"\xff\xfe\"", "\"a\x01b\"",
	`"\x"`, `"\u12"`, `"\u12g4"`, `"\/\b\f\n\r\t\\\""`, `"unterminated`, `"\`,
	"\ufeff{}", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n", `{"a":1,}`, `[1,]`, `[,1]`, `{"a" 1}`, `{1:2}`, `{"a":1 "b":2}`,
	`[1 2]`, `{"a":{"b":[{"c":null}]}}`, `{"a":1,"a":2}`, `{"a":1,"b":{"a":2}}`, `{} {}`, `{}]`, ``, ` `,
	`{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k3":3}`,
	`{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k18":18}`,
	strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth),
	strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1),
}

func FuzzParseTree(f *testing.F) {
	sample, err := os.ReadFile("testdata/sample.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	for _, s := range parseSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkParse)
}

// randomJSON writes a random value of at most depth levels: the strings
// and numbers JSON has, at times a byte that breaks it.
func randomJSON(r *rand.Rand, b *strings.Builder, depth int) {
	pieces := []string{`"a"`, `"\u00e9"`, `"\ud83d\ude00"`, `"\n\t"`, `"\/"`, `"é"`, "\"\xff\"", `0`, `-1.5e3`, `true`, `false`, `null`, `""`}
	switch k := r.IntN(4); {
	case depth == 0 || k == 0:
		b.WriteString(pieces[r.IntN(len(pieces))])
	case k == 1:
		b.WriteByte('[')
		for i := range r.IntN(4) {
			if i > 0 {
				b.WriteByte(',')
			}
			randomJSON(r, b, depth-1)
		}
		b.WriteByte(']')
	default:
		b.WriteByte('{')
		keys := r.IntN(5)
		if r.IntN(8) == 0 {
			keys = 20 // past the few keys that are searched
		}
		for i := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote("k" + strconv.Itoa(r.IntN(40))))
			b.WriteByte(':')
			randomJSON(r, b, depth-1)
		}
		b.WriteByte('}')
	}
}

// Random documents, and random one-byte edits of them, read as
// encoding/json reads them.
func TestParseTreeMatchesEncodingJSON(t *testing.T) {
	n := 3_000
	if os.Getenv("SLACLOCK_LONG") == "1" {
		n = 300_000
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range n {
		var b strings.Builder
		randomJSON(r, &b, 4)
		data := []byte(b.String())
		if r.IntN(3) == 0 && len(data) > 0 {
			i := r.IntN(len(data))
			switch r.IntN(3) {
			case 0:
				data = append(data[:i:i], data[i+1:]...)
			case 1:
				const breaking = `{}[]:,"\ 0-.eE`
				data[i] = breaking[r.IntN(len(breaking))]
			default:
				const opening = `{}[]:,"\`
				data = append(data[:i:i], append([]byte{opening[r.IntN(len(opening))]}, data[i:]...)...)
			}
		}
		checkParse(t, data)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty input", ``, `policy: malformed JSON: unexpected end of input`},
		{"truncated list", `{"priorities": ["low"`, `policy: priorities: malformed JSON: unexpected end of input`},
		{"trailing comma in a list", `{"priorities": ["low",]}`, `policy: priorities[1]: malformed JSON: invalid character ']' looking for beginning of value at offset 22`},
		{"trailing comma in an object", `{"a": {"b": "c",}}`, `policy: a: malformed JSON: invalid character '}' looking for beginning of object key string at offset 16`},
		{"key without a value", `{"a": {"b"}}`, `policy: a: malformed JSON: invalid character '}' after object key at offset 10`},
		{"missing comma in an object", `{"a": "b" "c": 1}`, `policy: malformed JSON: invalid character '"' after object key:value pair at offset 10`},
		{"missing comma in a list", `{"a": [1 2]}`, `policy: a: malformed JSON: invalid character '2' after array element at offset 9`},
		{"key not a string", `{"a": {1: 2}}`, `policy: a: malformed JSON: invalid character '1' looking for beginning of object key string at offset 7`},
		{"control character in a string", "{\"a\": \"x\ny\"}", `policy: a: malformed JSON: invalid character '\n' in string literal at offset 8`},
		{"unknown escape", `{"a": "\x"}`, `policy: a: malformed JSON: invalid character 'x' in string escape code at offset 8`},
		{"short unicode escape", `{"a": "\u12"}`, `policy: a: malformed JSON: invalid character '"' in \u hexadecimal character escape at offset 11`},
		{"unterminated string", `{"a": "b`, `policy: a: malformed JSON: unexpected end of input`},
		{"number without digits", `{"a": -x}`, `policy: a: malformed JSON: invalid character 'x' in numeric literal at offset 7`},
		{"number ending in a point", `{"a": [1.]}`, `policy: a[0]: malformed JSON: invalid character ']' after decimal point in numeric literal at offset 9`},
		{"exponent without digits", `{"a": 1e}`, `policy: a: malformed JSON: invalid character '}' in exponent of numeric literal at offset 8`},
		{"misspelt literal", `{"a": ture}`, `policy: a: malformed JSON: invalid character 'u' in literal true (expecting 'r') at offset 7`},
		{"byte order mark", "\ufeff{}", `policy: malformed JSON: invalid character byte 0xef looking for beginning of value at offset 0`},
		{"a value after the document", `{"a": 1} 2`, `policy: malformed JSON: data after the document`},
		{"a key twice among a few", `{"a": {"x": 1, "y": 2, "x": 3}}`, `policy: a.x: duplicate: key set twice`},
		{"a key twice among many", `{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k3":3}`,
			`policy: k3: duplicate: key set twice`},
		{"a quoted key twice", `{"statuses": {"In progress": "open", "In progress": "open"}}`, `policy: statuses["In progress"]: duplicate: key set twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseTree([]byte(tt.in))
			if err == nil {
				t.Fatalf("parseTree succeeded; want %s", tt.want)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}
