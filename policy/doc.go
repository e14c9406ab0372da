// Package policy says what is promised to whom: a set of service level
// policies, loaded from one JSON document. (Package documentation in
// progress.)
package policy
