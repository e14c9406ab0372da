module github.com/slaclock/slaclock

go 1.26

require (
	github.com/google/go-cmp v0.7.0
	github.com/rickar/cal/v2 v2.1.13
)
