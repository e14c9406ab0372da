// Package golden compares the output of the example programs with golden
// files in their testdata folders; go test -update rewrites them.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output of this run")

// Check compares got with testdata/name.golden, or writes it with -update.
func Check(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output of %s differs from %s (-want +got):\n%s", name, path, diff)
	}
}

// A Program is an example program as its tests run it, in-process.
type Program struct {
	Name string                                            // as a shell shows it
	Run  func(args []string, stdout, stderr io.Writer) int // as main calls it
}

// A Case is a run of a program with Args that ends with exit code Code.
type Case struct {
	Name string
	Args []string
	Code int
}

// Transcript runs p with args and returns what a shell would show, and the
// exit code. The path of dir, a temporary folder, is shown as DIR, as it
// differs from run to run.
func (p Program) Transcript(dir string, args ...string) (string, int) {
	var out, errb bytes.Buffer
	code := p.Run(args, &out, &errb)
	text := fmt.Sprintf("$ %s %s\n%s%s(exit %d)\n", p.Name, strings.Join(args, " "), out.String(), errb.String(), code)
	if dir != "" {
		text = strings.ReplaceAll(text, dir, "DIR")
	}
	return text, code
}

// CheckEach runs each case and compares its transcript with
// testdata/name.golden, name being the case's name.
func (p Program) CheckEach(t *testing.T, dir string, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Helper()
			Check(t, c.Name, p.run(t, dir, c))
		})
	}
}

// CheckAll runs the cases and compares their transcripts, each under a
// heading "# name", with testdata/name.golden.
func (p Program) CheckAll(t *testing.T, name, dir string, cases []Case) {
	t.Helper()
	var all strings.Builder
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Helper()
			fmt.Fprintf(&all, "# %s\n%s\n", c.Name, p.run(t, dir, c))
		})
	}
	Check(t, name, all.String())
}

// run runs a case and reports an exit code other than the case's.
func (p Program) run(t *testing.T, dir string, c Case) string {
	t.Helper()
	got, code := p.Transcript(dir, c.Args...)
	if code != c.Code {
		t.Errorf("exit code %d, want %d:\n%s", code, c.Code, got)
	}
	return got
}

// Write writes text to the file name in dir, for a case to read, and
// returns its path.
func Write(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// CheckCopy checks that embedded, a program's copy of the file original (a
// path from the root of the module), is still the same: go:embed cannot
// reach outside a program's folder, so a program that embeds a file of the
// module embeds a copy, file.
func CheckCopy(t *testing.T, embedded []byte, file, original string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(original)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(embedded, want) {
		wd, _ := os.Getwd()
		t.Errorf("%s differs from %s: copy it again (cp %s examples/%s/%s)", file, original, original, filepath.Base(wd), file)
	}
}
