// Package share holds List, the one clever data structure of slaclock: a
// slice that values (timers, ticket states) share without copying, yet
// append to independently, at amortised O(1) cost.
//
// A value such as a State is returned by Evaluate while the State given
// stays valid: both may be used again, from any goroutine. Sharing a plain
// slice between them would let two successors append into the same spare
// capacity and overwrite each other; copying it on every append would make
// a ticket's history cost quadratic time. A List appends in place only when
// no other List has appended at that position before, and copies otherwise.
package share

import "sync/atomic"

// List is an append-only list of T. Copies of a List are independent: an
// Append to one never changes what another holds. The zero List is empty
// and ready to use. A List is safe for concurrent use: any number of
// goroutines may read it and append to copies of it.
type List[T any] struct {
	b *buffer[T]
	n int // the list is b.items[:n]
}

// buffer is an array that Lists share. used counts the items some List
// holds: items[:used] are never written again, and a List that ends at
// used may claim the next item by raising it.
type buffer[T any] struct {
	used  atomic.Int64
	items []T
}

// Of returns a List holding items, which it copies.
func Of[T any](items ...T) List[T] {
	if len(items) == 0 {
		return List[T]{}
	}
	b := &buffer[T]{items: make([]T, len(items))}
	copy(b.items, items)
	b.used.Store(int64(len(items)))
	return List[T]{b, len(items)}
}

// Len returns the number of items in l.
func (l List[T]) Len() int { return l.n }

// At returns item i of l; it panics if i is out of range, like a slice.
func (l List[T]) At(i int) T { return l.Items()[i] }

// Items returns the items of l, oldest first, in memory that l shares: the
// caller must not write to it. Its capacity is its length, so an append to
// it copies.
func (l List[T]) Items() []T {
	if l.n == 0 {
		return nil
	}
	return l.b.items[:l.n:l.n]
}

// Append returns l with x added at the end. l itself is unchanged.
func (l List[T]) Append(x T) List[T] {
	if b := l.b; b != nil && l.n < len(b.items) && b.used.CompareAndSwap(int64(l.n), int64(l.n+1)) {
		b.items[l.n] = x // this list claimed the slot: nobody else writes or reads it yet
		return List[T]{b, l.n + 1}
	}
	nb := &buffer[T]{items: make([]T, max(2*l.n, 2))}
	copy(nb.items, l.Items())
	nb.items[l.n] = x
	nb.used.Store(int64(l.n + 1))
	return List[T]{nb, l.n + 1}
}
