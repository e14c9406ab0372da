package policy

import "math/bits"

// lessProduct reports whether a*b < c*d, exactly.
func lessProduct(a, b, c, d uint64) bool {
	h1, l1 := bits.Mul64(a, b)
	h2, l2 := bits.Mul64(c, d)
	return h1 < h2 || h1 == h2 && l1 < l2
}
