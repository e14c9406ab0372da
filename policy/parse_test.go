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
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// checkParse compares parseTree with encoding/json, the reference, on
// data: it accepts what json.Valid accepts, except strings with invalid
// UTF-8 or lone surrogates, duplicate keys and nesting past MaxDepth, and
// reads the values json.Unmarshal reads. It reports whether parseTree
// accepted data.
func checkParse(t *testing.T, data []byte) bool {
	t.Helper()
	tree, err := parseTree(data)
	ref := judge(data)
	switch {
	case err == nil && (!ref.strict || ref.dup || ref.deep):
		t.Fatalf("parseTree(%q) succeeded; the reference says %+v", data, ref)
	case err == nil:
	case errors.Is(err, ErrSyntax) && ref.strict,
		errors.Is(err, ErrDuplicate) && !ref.dup,
		errors.Is(err, ErrLimit) && !ref.deep,
		!errors.Is(err, ErrSyntax) && !errors.Is(err, ErrDuplicate) && !errors.Is(err, ErrLimit):
		t.Fatalf("parseTree(%q) = %v; the reference says %+v", data, err, ref)
	default:
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("parseTree(%q) = %v, a %T; want an *Error", data, err, err)
		}
		return false
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
	return true
}

// A verdict is what the reference says of a document.
type verdict struct {
	strict bool // json.Valid, with strings of valid UTF-8 and no lone surrogate
	dup    bool // an object has a key twice, before any syntax error
	deep   bool // lists and objects nest past MaxDepth, before any syntax error
}

// judge reads data with encoding/json's Decoder.Token.
func judge(data []byte) verdict {
	v := verdict{strict: json.Valid(data) && utf8.Valid(data) && !loneSurrogate(data)}
	type frame struct {
		object, wantKey bool
		keys            map[string]bool
	}
	var open []frame
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return v
		}
		if top := len(open) - 1; top >= 0 && open[top].wantKey {
			if k, ok := tok.(string); ok {
				v.dup = v.dup || open[top].keys[k]
				open[top].keys[k], open[top].wantKey = true, false
				continue
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			v.deep = v.deep || len(open) >= MaxDepth
			object := tok == json.Delim('{')
			open = append(open, frame{object: object, wantKey: object, keys: map[string]bool{}})
			continue
		case json.Delim('}'), json.Delim(']'):
			open = open[:len(open)-1]
		}
		if top := len(open) - 1; top >= 0 && open[top].object {
			open[top].wantKey = true // a value ended: a key or '}' comes next
		}
	}
}

// loneSurrogate reports whether a string of data, which json.Valid
// accepts, has a \u escape of a surrogate that is not half of a pair.
func loneSurrogate(data []byte) bool {
	hex := func(i int) uint64 {
		u, _ := strconv.ParseUint(string(data[i:i+4]), 16, 16)
		return u
	}
	inString := false
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '"':
			inString = !inString // a quote inside a string is escaped
		case inString && data[i] == '\\':
			i++ // the escaped byte
			if data[i] != 'u' {
				continue
			}
			c := hex(i + 1)
			i += 4
			if 0xd800 <= c && c < 0xdc00 && i+6 < len(data) && data[i+1] == '\\' && data[i+2] == 'u' {
				if low := hex(i + 3); 0xdc00 <= low && low < 0xe000 {
					i += 6
					continue
				}
			}
			if 0xd800 <= c && c < 0xe000 {
				return true
			}
		}
	}
	return false
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
	`"plain"`, `"é"`, `"\u00e9\ud83d\ude00"`, `"\ud800"`, `"\udc00\ud800x"`, `"\ud800\u0041"`, `"\ud83d\ude00\udfff"`, `"\\ud800"`,
	"\"\xff\xfe\"", "\"\xed\xa0\x80\"", `{"\ud800":1}`, "{\"\xff\":1,\"\xfe\":2}", `{"\u0061":1,"a":2}`, "\"a\x01b\"",
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
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data) })
}

// randomJSON writes a random value of at most depth levels: the strings
// and numbers JSON has, at times a string the reader refuses.
func randomJSON(r *rand.Rand, b *strings.Builder, depth int) {
	pieces := []string{`"a"`, `"\u00e9"`, `"\ud83d\ude00"`, `"\n\t"`, `"\/"`, `"é"`, `0`, `-1.5e3`, `true`, `false`, `null`, `""`}
	refused := []string{"\"\xff\"", `"\ud800"`, `"x\udc00"`}
	switch k := r.IntN(4); {
	case depth == 0 && r.IntN(30) == 0:
		b.WriteString(refused[r.IntN(len(refused))])
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
	accepted := 0
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
		if checkParse(t, data) {
			accepted++
		}
	}
	if accepted < n/3 || accepted > n*5/6 {
		t.Errorf("%d of %d documents accepted; the generator should make about half of each", accepted, n)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty input", ``, `policy: malformed JSON: unexpected end of input at offset 0`},
		{"truncated list", `{"priorities": ["low"`, `policy: priorities: malformed JSON: unexpected end of input at offset 21`},
		{"trailing comma in a list", `{"priorities": ["low",]}`, `policy: priorities[1]: malformed JSON: invalid character ']' looking for the beginning of a value at offset 22`},
		{"trailing comma in an object", `{"a": {"b": "c",}}`, `policy: a: malformed JSON: invalid character '}' looking for the beginning of an object key at offset 16`},
		{"key without a value", `{"a": {"b"}}`, `policy: a: malformed JSON: invalid character '}' after an object key at offset 10`},
		{"missing comma in an object", `{"a": "b" "c": 1}`, `policy: malformed JSON: invalid character '"' after an object key:value pair at offset 10`},
		{"missing comma in a list", `{"a": [1 2]}`, `policy: a: malformed JSON: invalid character '2' after an array element at offset 9`},
		{"key not a string", `{"a": {1: 2}}`, `policy: a: malformed JSON: invalid character '1' looking for the beginning of an object key at offset 7`},
		{"control character in a string", "{\"a\": \"x\ny\"}", `policy: a: malformed JSON: control character '\n' in a string at offset 8`},
		{"unknown escape", `{"a": "\x"}`, `policy: a: malformed JSON: invalid character 'x' in a string escape at offset 8`},
		{"short unicode escape", `{"a": "\u12"}`, `policy: a: malformed JSON: invalid character '"' in a \u escape at offset 11`},
		{"unterminated string", `{"a": "b`, `policy: a: malformed JSON: unexpected end of input at offset 8`},
		{"number without digits", `{"a": -x}`, `policy: a: malformed JSON: invalid character 'x' in a number at offset 7`},
		{"number ending in a point", `{"a": [1.]}`, `policy: a[0]: malformed JSON: invalid character ']' after the decimal point in a number at offset 9`},
		{"exponent without digits", `{"a": 1e}`, `policy: a: malformed JSON: invalid character '}' in the exponent of a number at offset 8`},
		{"misspelt literal", `{"a": ture}`, `policy: a: malformed JSON: invalid character 'u' in the literal true at offset 7`},
		{"byte order mark", "\ufeff{}", `policy: malformed JSON: invalid character byte 0xef looking for the beginning of a value at offset 0`},
		{"a value after the document", `{"a": 1} 2`, `policy: malformed JSON: invalid character '2' after the top-level value at offset 9`},
		{"invalid UTF-8 in a string", "{\"a\": [\"ok\", \"\xffx\"]}", `policy: a[1]: malformed JSON: invalid UTF-8 in a string at offset 14`},
		{"a UTF-8 encoded surrogate", "{\"a\": \"\xed\xa0\x80\"}", `policy: a: malformed JSON: invalid UTF-8 in a string at offset 7`},
		{"invalid UTF-8 in a key", "{\"statuses\": {\"\xff\": \"open\"}}", `policy: statuses: malformed JSON: invalid UTF-8 in a string at offset 15`},
		{"a lone high surrogate", `{"a": "x\ud83dy"}`, `policy: a: malformed JSON: lone surrogate \ud83d in a string at offset 8`},
		{"a lone low surrogate", `{"a": "\ude00"}`, `policy: a: malformed JSON: lone surrogate \ude00 in a string at offset 7`},
		{"a high surrogate before another escape", `{"a": "\ud83d\n"}`, `policy: a: malformed JSON: lone surrogate \ud83d in a string at offset 7`},
		{"a surrogate pair", `{"a": "\ud83d\ude00", "b": [}`, `policy: b[0]: malformed JSON: invalid character '}' looking for the beginning of a value at offset 28`},
		{"an escaped key twice", `{"a": {"\u0078": 1, "x": 2}}`, `policy: a.x: duplicate: key set twice`},
		{"nested too deep", strings.Repeat(`{"a": `, MaxDepth) + `[]` + strings.Repeat("}", MaxDepth),
			`policy: ` + strings.Repeat("a.", MaxDepth-1) + `a: over a limit: nested more than 32 levels deep`},
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
