package main

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The embedded policy is a copy, as go:embed cannot reach outside this
// folder; this test keeps it from drifting from the library's sample.
func TestPolicyIsTheSample(t *testing.T) {
	sample, err := os.ReadFile("../../policy/testdata/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(sample), string(samplePolicy)); diff != "" {
		t.Errorf("policy.json differs from policy/testdata/sample.json: copy it again (-want +got):\n%s", diff)
	}
}
